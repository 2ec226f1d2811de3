/**
 * `callboard metrics --from DATE --to DATE [--by ...] [--group ...] [...] [--json|--csv]`: the call
 * metric rows of analytics/metrics.ts, as an aligned table (default), CSV, or `{"rows":[...]}`.
 * Days are cut in --timezone / CALLBOARD_TZ; when neither is given, in the stored `timezone` setting,
 * else America/Chicago.
 */
import type { Command } from 'commander';
import { centerTimeZone } from '../../../analytics/center-settings.ts';
import { csvLine } from '../../../analytics/csv-cell.ts';
import { CALL_METRIC_DEFINITIONS, type Unit } from '../../../analytics/glossary.ts';
import { computeMetrics, metricKeys, metricValue, type MetricRow, type MetricsSettings, type ReasonCoverage } from '../../../analytics/metrics/metrics.ts';
import { existingDatabase } from '../database.ts';
import { checkTimeZone, type CommonOptions } from '../options.ts';

export interface MetricsCliOptions extends CommonOptions {
  from: string;
  to: string;
  by: string;
  group: string;
  queue?: string;
  reason?: string;
  intervalMinutes?: string;
  slThresholdS?: string;
  shortAbandonS?: string;
  slFormula?: string;
  json?: boolean;
  csv?: boolean;
}

const UNIT: Record<string, Unit> = Object.fromEntries(CALL_METRIC_DEFINITIONS.map((d) => [d.key, d.unit]));

function shown(key: string, value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value !== 'number') return String(value);
  if (UNIT[key] === 'rate') return `${(value * 100).toFixed(1)}%`;
  if (UNIT[key] === 'seconds') return value.toFixed(1);
  return String(value);
}

/** Rows as an aligned text table: text left, numbers right; rates in %, seconds to 0.1 s. */
export function metricsTable(rows: MetricRow[], keys: string[]): string {
  const cells = rows.map((r) => keys.map((k) => shown(k, metricValue(r, k))));
  const widths = keys.map((k, i) => Math.max(k.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]) =>
    values.map((v, i) => (UNIT[keys[i]] === 'text' ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ').trimEnd();
  return [line(keys), ...cells.map(line)].join('\n') + '\n';
}

/** Rows as RFC 4180 CSV with a header; nulls are empty fields, numbers unrounded, names inert. */
export function metricsCsv(rows: MetricRow[], keys: string[]): string {
  return [keys.join(','), ...rows.map((r) => csvLine(keys.map((k) => metricValue(r, k))))].join('\n') + '\n';
}

/** "calls without a reason: 40.0% (4 of 10)": beside every figure by reason. */
export function reasonCoverageNote(c: ReasonCoverage): string {
  if (c.share_without_reason === null) return 'calls without a reason: none offered\n';
  return `calls without a reason: ${(c.share_without_reason * 100).toFixed(1)}% (${c.offered - c.with_reason} of ${c.offered})\n`;
}

function settingsNote(s: MetricsSettings): string {
  const queues = s.queues.map(
    (q) =>
      `${q.queue}: SL ≤ ${q.sl_threshold_s} s (${q.source.sl_threshold_s}), short abandon < ${q.short_abandon_s} s ` +
      `(${q.source.short_abandon_s}), SL formula ${q.sl_formula} (${q.source.sl_formula})`
  );
  return [`times in ${s.time_zone}`, ...queues].join('\n') + '\n';
}

export async function run(opts: MetricsCliOptions, cmd: Command): Promise<void> {
  checkTimeZone(opts.timezone);
  const db = await existingDatabase(opts.db);
  const explicitZone = cmd.getOptionValueSource('timezone') === 'default' ? null : opts.timezone;
  const timeZone = await centerTimeZone(db, explicitZone);
  const result = await computeMetrics(db, {
    from: opts.from,
    to: opts.to,
    by: opts.by,
    group: opts.group,
    queue: opts.queue,
    reason: opts.reason,
    intervalMinutes: opts.intervalMinutes,
    slThresholdS: opts.slThresholdS,
    shortAbandonS: opts.shortAbandonS,
    slFormula: opts.slFormula,
    timeZone
  });
  const keys = metricKeys(result.settings.group);
  if (opts.json) process.stdout.write(JSON.stringify({ rows: result.rows }) + '\n');
  else if (opts.csv) process.stdout.write(metricsCsv(result.rows, keys));
  else {
    const coverage = result.reason_coverage ? reasonCoverageNote(result.reason_coverage) : '';
    process.stdout.write(metricsTable(result.rows, keys) + '\n' + coverage + settingsNote(result.settings));
  }
}
