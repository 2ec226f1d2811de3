/**
 * `callboard metrics --from DATE --to DATE [--by ...] [--group ...] [...] [--json|--csv]`: the call
 * metric rows of analytics/metrics.ts, as an aligned table (default), CSV, or `{"rows":[...]}`.
 * Days are cut in --timezone / CALLBOARD_TZ; when neither is given, in the stored `timezone` setting,
 * else America/Chicago.
 */
import { Option, type Command } from 'commander';
import { csvLine } from '../../../analytics/csv-cell.ts';
import { CALL_METRIC_DEFINITIONS, type Unit } from '../../../analytics/glossary.ts';
import { GROUPS, INTERVAL_MINUTES, PERIODS, SL_FORMULAS } from '../../../analytics/metrics/metric-query.ts';
import { computeMetrics, metricKeys, metricValue, type MetricRow, type MetricsSettings } from '../../../analytics/metrics/metrics.ts';
import { commandContext, withCommonOptions, type CommonOptions } from '../options.ts';

interface MetricsCliOptions extends CommonOptions {
  from: string;
  to: string;
  by: string;
  group: string;
  queue?: string;
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

function settingsNote(s: MetricsSettings): string {
  const queues = s.queues.map(
    (q) =>
      `${q.queue}: SL ≤ ${q.sl_threshold_s} s (${q.source.sl_threshold_s}), short abandon < ${q.short_abandon_s} s ` +
      `(${q.source.short_abandon_s}), SL formula ${q.sl_formula} (${q.source.sl_formula})`
  );
  return [`times in ${s.time_zone}`, ...queues].join('\n') + '\n';
}

export function register(program: Command): void {
  withCommonOptions(
    program
      .command('metrics')
      .description('call metrics (offered, answered, lost, service level, ASA, AHT, ...) by period, queue or rep')
      .requiredOption('--from <date>', 'first local date, YYYY-MM-DD')
      .requiredOption('--to <date>', 'last local date, YYYY-MM-DD (inclusive)')
      .addOption(new Option('--by <period>', 'period of each row').choices(PERIODS).default('day'))
      .addOption(new Option('--group <group>', 'rows per queue or per rep').choices(GROUPS).default('none'))
      .option('--queue <name>', 'only this queue')
      .addOption(new Option('--interval-minutes <n>', 'interval length for --by interval').choices(INTERVAL_MINUTES.map(String)))
      .option('--sl-threshold-s <n>', "service-level threshold in seconds (default: each queue's setting, else 20)")
      .option('--short-abandon-s <n>', "short-abandon threshold in seconds (default: each queue's setting, else 5)")
      .addOption(new Option('--sl-formula <formula>', "service-level formula (default: each queue's setting, else offered)").choices(SL_FORMULAS))
      .addOption(new Option('--json', 'print {"rows":[...]}').conflicts('csv'))
      .option('--csv', 'print CSV')
  ).action(async (opts: MetricsCliOptions, cmd: Command) => {
    const { db, timeZone } = await commandContext(cmd).open();
    const result = await computeMetrics(db, {
      from: opts.from,
      to: opts.to,
      by: opts.by,
      group: opts.group,
      queue: opts.queue,
      intervalMinutes: opts.intervalMinutes,
      slThresholdS: opts.slThresholdS,
      shortAbandonS: opts.shortAbandonS,
      slFormula: opts.slFormula,
      timeZone
    });
    const keys = metricKeys(result.settings.group);
    if (opts.json) process.stdout.write(JSON.stringify({ rows: result.rows }) + '\n');
    else if (opts.csv) process.stdout.write(metricsCsv(result.rows, keys));
    else process.stdout.write(metricsTable(result.rows, keys) + '\n' + settingsNote(result.settings));
  });
}

