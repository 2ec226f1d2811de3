/**
 * Call metrics (docs/definitions.md): sql/call-metrics.sql does the counting; this module
 * checks the options, names the groups, and attaches the settings and definitions that produced the
 * figures. Every shell (CLI, API, pages) calls computeMetrics and prints its rows unchanged.
 */
import type { Database } from '../../sql/db.ts';
import { InputError } from '../../sql/errors.ts';
import { callSlicesUsable } from '../../sql/upkeep/call-slices.ts';
import { purgeCutoff, purgedBefore } from '../retention/purged.ts';
import { knownQueues } from '../center-settings.ts';
import { CALL_METRIC_DEFINITIONS, definitionsFor, type Definition } from '../glossary.ts';
import {
  DEFAULT_INTERVAL_MINUTES,
  DEFAULT_SHORT_ABANDON_S,
  DEFAULT_SL_FORMULA,
  DEFAULT_SL_THRESHOLD_S,
  GROUPS,
  INTERVAL_MINUTES,
  MAX_INTERVAL_RANGE_DAYS,
  MAX_RANGE_DAYS,
  PERIODS,
  SL_FORMULAS,
  checkChoice,
  checkQueue,
  checkRange,
  checkReason,
  checkSeconds,
  type Group,
  type IntervalMinutes,
  type Period,
  type SlFormula
} from './metric-query.ts';

export interface MetricsOptions {
  from: string;
  to: string;
  by?: Period | string;
  group?: Group | string;
  queue?: string | null;
  /** Only the calls with this reason code. */
  reason?: string | null;
  intervalMinutes?: IntervalMinutes | number | string | null;
  slThresholdS?: number | string | null;
  shortAbandonS?: number | string | null;
  slFormula?: SlFormula | string | null;
  timeZone: string;
}

export interface MetricsQuery {
  from: string;
  to: string;
  by: Period;
  group: Group;
  queue: string | null;
  reason: string | null;
  intervalMinutes: IntervalMinutes;
  slThresholdS: number | null;
  shortAbandonS: number | null;
  slFormula: SlFormula | null;
  timeZone: string;
}

/** The counted figures, in the order docs/definitions.md lists them. */
export interface MetricFigures {
  offered: number;
  answered: number;
  abandoned: number;
  short_abandoned: number;
  timed_out: number;
  /** Callers turned away at the queue's door (JOINEMPTY, JOINUNAVAIL, FULL). */
  blocked: number;
  lost: number;
  lost_rate: number | null;
  answered_within_sl: number;
  service_level: number | null;
  asa_s: number | null;
  aht_s: number | null;
  avg_abandon_wait_s: number | null;
  max_wait_s: number | null;
  ring_no_answer: number;
  transferred: number;
}

export type MetricRow = {
  period_start: string;
  queue?: string | null;
  rep?: string | null;
  rep_interface?: string | null;
  /** The reason code (null: calls without one), its catalogue name and group (null: not in the catalogue). */
  reason?: string | null;
  reason_name?: string | null;
  reason_group?: string | null;
} & MetricFigures;

export const FIGURE_KEYS = [
  'offered',
  'answered',
  'abandoned',
  'short_abandoned',
  'timed_out',
  'blocked',
  'lost',
  'lost_rate',
  'answered_within_sl',
  'service_level',
  'asa_s',
  'aht_s',
  'avg_abandon_wait_s',
  'max_wait_s',
  'ring_no_answer',
  'transferred'
] as const satisfies readonly (keyof MetricFigures)[];

const GROUP_KEYS: Record<Group, string[]> = {
  none: [],
  queue: ['queue'],
  rep: ['rep', 'rep_interface'],
  reason: ['reason', 'reason_name', 'reason_group'],
  reason_group: ['reason_group']
};

/** One value of a row by key (for generic output: tables, CSV, Arrow). */
export function metricValue(row: MetricRow, key: string): unknown {
  return (row as unknown as Record<string, unknown>)[key];
}

/** The keys of a row, in output order, for a grouping. */
export function metricKeys(group: Group): string[] {
  return ['period_start', ...GROUP_KEYS[group], ...FIGURE_KEYS];
}

export type SettingSource = 'query' | 'queue' | 'default';

export interface QueueSettingsUsed {
  queue: string;
  label: string | null;
  sl_threshold_s: number;
  short_abandon_s: number;
  sl_formula: SlFormula;
  source: { sl_threshold_s: SettingSource; short_abandon_s: SettingSource; sl_formula: SettingSource };
}

export interface MetricsSettings {
  time_zone: string;
  from: string;
  to: string;
  by: Period;
  interval_minutes: IntervalMinutes | null;
  group: Group;
  queue: string | null;
  reason: string | null;
  overrides: { sl_threshold_s: number | null; short_abandon_s: number | null; sl_formula: SlFormula | null };
  defaults: { sl_threshold_s: number; short_abandon_s: number; sl_formula: SlFormula };
  /** Per queue in the answer: the values its visits were judged by. */
  queues: QueueSettingsUsed[];
}

export interface MetricsResult {
  rows: MetricRow[];
  /**
   * Set when the answer needed each call (per rep, other settings) and the range reaches before the
   * calls' records-retention purge (app/server/retention.ts): the local date the calls are kept from.
   * Periods wholly before it are left out (never shown as zero); a period across it counts only the
   * calls after it (and those a legal hold kept).
   */
  purged_before?: string;
  /**
   * When grouped or filtered by reason: how many of the range's calls (of the queue asked) have a
   * reason, so a figure that covers 60% of calls says so.
   */
  reason_coverage?: ReasonCoverage;
  settings: MetricsSettings;
  definitions: Definition[];
}

export interface ReasonCoverage {
  offered: number;
  with_reason: number;
  /** Calls without a reason over all calls offered; null when there were none. */
  share_without_reason: number | null;
}

export function checkMetricsOptions(opts: MetricsOptions): MetricsQuery {
  const by = checkChoice('by', PERIODS, opts.by, 'day');
  const range = checkRange(opts, by === 'interval' ? MAX_INTERVAL_RANGE_DAYS : MAX_RANGE_DAYS);
  return {
    ...range,
    by,
    group: checkChoice('group', GROUPS, opts.group, 'none'),
    queue: checkQueue(opts.queue),
    reason: checkReason(opts.reason),
    intervalMinutes: checkChoice('interval minutes', INTERVAL_MINUTES, opts.intervalMinutes, DEFAULT_INTERVAL_MINUTES),
    slThresholdS: checkSeconds('sl threshold', opts.slThresholdS),
    shortAbandonS: checkSeconds('short abandon threshold', opts.shortAbandonS),
    slFormula: opts.slFormula == null || opts.slFormula === '' ? null : checkChoice('sl formula', SL_FORMULAS, opts.slFormula, DEFAULT_SL_FORMULA)
  };
}

/**
 * Bound parameters shared by call-metrics.sql and metric-settings.sql. useSlices: read the
 * call_slices summary instead of every call (slicesFor says when that gives the same answer).
 */
export function metricParams(q: MetricsQuery, useSlices = false) {
  return {
    use_slices: useSlices,
    from: q.from,
    to: q.to,
    tz: q.timeZone,
    by: q.by,
    interval_minutes: q.intervalMinutes,
    group: q.group,
    queue: q.queue,
    reason: q.reason,
    sl_threshold_s: q.slThresholdS,
    short_abandon_s: q.shortAbandonS,
    sl_formula: q.slFormula,
    default_sl_threshold_s: DEFAULT_SL_THRESHOLD_S,
    default_short_abandon_s: DEFAULT_SHORT_ABANDON_S,
    default_sl_formula: DEFAULT_SL_FORMULA
  };
}

/**
 * Whether this query may be answered from the call_slices summary: it holds the calls judged by the
 * settings in force, per queue, so not for reps, reasons (it has no reason: a reason can arrive after
 * its call, and codes are many) or other settings, and only while it is current.
 */
export async function slicesFor(db: Database, q: MetricsQuery): Promise<boolean> {
  const asSummarised = q.group !== 'rep' && q.group !== 'reason' && q.group !== 'reason_group' && q.reason === null && q.slThresholdS === null && q.shortAbandonS === null && q.slFormula === null;
  return asSummarised && (await callSlicesUsable(db));
}

async function checkQueueKnown(db: Database, queue: string | null): Promise<void> {
  if (queue === null) return;
  const known = await knownQueues(db);
  if (!known.includes(queue)) {
    const list = known.length ? `known queues: ${known.slice(0, 20).join(', ')}` : 'no calls have been loaded yet';
    throw new InputError(`Unknown queue "${queue}" (${list})`);
  }
}

interface SqlMetricRow extends MetricFigures {
  period_start: string;
  group_key: string | null;
  rep_name: string | null;
  reason_name: string | null;
  reason_group: string | null;
}

function shapeRow(group: Group, r: SqlMetricRow): MetricRow {
  const head: Pick<MetricRow, 'period_start' | 'queue' | 'rep' | 'rep_interface' | 'reason' | 'reason_name' | 'reason_group'> = {
    period_start: r.period_start
  };
  if (group === 'queue') head.queue = r.group_key;
  if (group === 'rep') {
    head.rep = r.rep_name ?? r.group_key;
    head.rep_interface = r.group_key;
  }
  if (group === 'reason') {
    head.reason = r.group_key;
    head.reason_name = r.reason_name;
    head.reason_group = r.reason_group;
  }
  // A catalogue group, 'Not in catalogue' for codes it lacks, null for the calls without a reason.
  if (group === 'reason_group') head.reason_group = r.group_key;
  const row = head as MetricRow;
  for (const k of FIGURE_KEYS) (row as unknown as Record<string, unknown>)[k] = r[k];
  return row;
}

interface SqlSettingsRow {
  queue: string;
  label: string | null;
  sl_threshold_s: number;
  short_abandon_s: number;
  sl_formula: SlFormula;
  sl_threshold_source: SettingSource;
  short_abandon_source: SettingSource;
  sl_formula_source: SettingSource;
}

/** The local date after a bucket's last (exclusive), to tell a bucket wholly before a date. */
function bucketEnd(q: MetricsQuery, start: string): string {
  const day = start.slice(0, 10);
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  const month = (k: number) => new Date(Date.UTC(y, m - 1 + k, 1)).toISOString().slice(0, 10);
  const plusDays = (k: number) => new Date(Date.parse(`${day}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10);
  switch (q.by) {
    case 'week': return plusDays(7);
    case 'month': return month(1);
    case 'quarter': return month(3);
    case 'total': return plusDays(Math.round((Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000) + 1);
    default: return plusDays(1); // a day, or an interval within its day
  }
}

export async function computeMetrics(db: Database, opts: MetricsOptions): Promise<MetricsResult> {
  const q = checkMetricsOptions(opts);
  await checkQueueKnown(db, q.queue);
  const useSlices = await slicesFor(db, q);
  const params = metricParams(q, useSlices);
  const byReason = q.group === 'reason' || q.group === 'reason_group' || q.reason !== null;
  const [{ rows, cutoff }, used, coverage] = await Promise.all([
    countedRows(db, q, useSlices),
    db.query<SqlSettingsRow>('metric-settings', params),
    byReason ? db.query<{ offered: number; with_reason: number }>('reason-coverage', params) : undefined
  ]);
  return {
    rows,
    ...(cutoff ? { purged_before: cutoff } : {}),
    ...(coverage ? { reason_coverage: reasonCoverage(coverage[0]) } : {}),
    settings: {
      time_zone: q.timeZone,
      from: q.from,
      to: q.to,
      by: q.by,
      interval_minutes: q.by === 'interval' ? q.intervalMinutes : null,
      group: q.group,
      queue: q.queue,
      reason: q.reason,
      overrides: { sl_threshold_s: q.slThresholdS, short_abandon_s: q.shortAbandonS, sl_formula: q.slFormula },
      defaults: { sl_threshold_s: DEFAULT_SL_THRESHOLD_S, short_abandon_s: DEFAULT_SHORT_ABANDON_S, sl_formula: DEFAULT_SL_FORMULA },
      queues: used.map((u) => ({
        queue: u.queue,
        label: u.label,
        sl_threshold_s: u.sl_threshold_s,
        short_abandon_s: u.short_abandon_s,
        sl_formula: u.sl_formula,
        source: { sl_threshold_s: u.sl_threshold_source, short_abandon_s: u.short_abandon_source, sl_formula: u.sl_formula_source }
      }))
    },
    definitions: definitionsFor(CALL_METRIC_DEFINITIONS, metricKeys(q.group))
  };
}

/**
 * computeMetrics' rows alone, the same rows, without the settings, definitions and reason coverage
 * beside them (two queries fewer): for answers that show only the figures (the trends).
 */
export async function metricRows(db: Database, opts: MetricsOptions): Promise<MetricRow[]> {
  const q = checkMetricsOptions(opts);
  await checkQueueKnown(db, q.queue);
  return (await countedRows(db, q, await slicesFor(db, q))).rows;
}

/** The rows of call-metrics.sql, less the periods wholly before the calls' purge (when it read the calls). */
async function countedRows(db: Database, q: MetricsQuery, useSlices: boolean): Promise<{ rows: MetricRow[]; cutoff: string | null }> {
  const [sqlRows, purged] = await Promise.all([
    db.query<SqlMetricRow>('call-metrics', metricParams(q, useSlices)),
    useSlices ? undefined : purgedBefore(db).then((p) => p.calls)
  ]);
  const cutoff = purgeCutoff(q.from, purged);
  const rows = sqlRows.map((r) => shapeRow(q.group, r));
  return { rows: cutoff ? rows.filter((r) => bucketEnd(q, r.period_start) > cutoff) : rows, cutoff };
}

function reasonCoverage(r: { offered: number; with_reason: number } | undefined): ReasonCoverage {
  const offered = Number(r?.offered ?? 0);
  const withReason = Number(r?.with_reason ?? 0);
  return { offered, with_reason: withReason, share_without_reason: offered > 0 ? (offered - withReason) / offered : null };
}
