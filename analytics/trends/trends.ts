/**
 * The manager's trends: weekly, monthly or quarterly series of the call metrics (computeMetrics), the
 * repeat rate, the lost callers recovered, the team quality score and staffing, over whole periods;
 * quarter-over-quarter and year-over-year comparisons; a per-queue breakdown; and the annotations
 * managers pinned to dates. Every point is the same analytics answer for that period's dates, so a
 * point equals what the matching report or `callboard metrics --by week|month|quarter` says.
 */
import type { Database } from '../../sql/db.ts';
import { InputError } from '../../sql/errors.ts';
import { followUpByPeriod, type FollowUpSummary } from '../callers/follow-up.ts';
import { numbersPurgedBefore, purgedBefore } from '../retention/purged.ts';
import { checkChoice, checkDate, checkQueue, checkTimeZone } from '../metrics/metric-query.ts';
import { metricRows, type MetricRow } from '../metrics/metrics.ts';
import { qualityScores } from '../quality/quality-score.ts';
import { repeatRatesBy, type RepeatFigures } from '../callers/repeat-callers.ts';
import { readCenterSettings } from '../center-settings.ts';
import { definitionsOf, type ReportDefinition } from '../reports/reports-definitions.ts';
import { teamQualityScore } from '../reports/reports-sections.ts';
import {
  BUCKET_KIND,
  parsePeriod,
  periodOf,
  periodsBetween,
  previousPeriod,
  samePeriodLastYear,
  type ReportPeriod,
  type TrendBucket
} from '../reports/reports-period.ts';
import { listAnnotations, type Annotation } from './trends-annotations.ts';
import { compareFigures, type ComparisonRow } from './trends-compare.ts';
import { dataSpans, matchedDays, periodCoverage, type DateSpan, type MatchedDays, type PeriodCoverage } from './trends-coverage.ts';
import { staffingHours, staffingIntervals, type StaffingAnswer, type StaffingHours } from './trends-staffing.ts';

export const TREND_BUCKETS = ['week', 'month', 'quarter'] as const satisfies readonly TrendBucket[];
/** Periods shown when no range is given: half a year of weeks, 13 months, two years of quarters. */
export const DEFAULT_SPAN: Record<TrendBucket, number> = { week: 26, month: 13, quarter: 8 };
/** The most periods one answer holds (each costs a few queries). */
export const MAX_PERIODS: Record<TrendBucket, number> = { week: 110, month: 60, quarter: 20 };

/** The figures of one period, all keys of the report glossary. */
export const TREND_KEYS = [
  'offered',
  'answered',
  'lost',
  'lost_rate',
  'service_level',
  'asa_s',
  'aht_s',
  'repeat_rate',
  'lost_callers',
  'recovered',
  'recovery_rate',
  'quality_score',
  'evaluations'
] as const;
export type TrendKey = (typeof TREND_KEYS)[number];

/**
 * Counts are numbers (0 when the data covers the period and no call came); rates, means and scores null
 * without a denominator. A period the data does not cover at all has every figure null (no data).
 */
export type TrendFigures = Record<TrendKey, number | null>;

export interface TrendPoint extends TrendFigures, PeriodCoverage {
  /** 2026-W10, 2026-03 or 2026-Q1. */
  period: string;
  /** First and last local date of the period. */
  from: string;
  to: string;
}

export interface QueueTrendRow {
  queue: string;
  /** The range's last period and the one before it, per queue. */
  latest: MetricRow | null;
  previous: MetricRow | null;
  /** The whole range. */
  total: MetricRow | null;
}

export interface TrendsResult {
  settings: { by: TrendBucket; from: string; to: string; queue: string | null; time_zone: string };
  series: TrendPoint[];
  by_queue: QueueTrendRow[];
  annotations: Annotation[];
  definitions: ReportDefinition[];
}

export interface TrendOptions {
  by?: string | null;
  from?: string | null;
  to?: string | null;
  queue?: string | null;
  /** The quarter compared (default: the last complete quarter). */
  quarter?: string | null;
  timeZone: string;
  /** The local date the default range ends on (default: the center's today). */
  today: string;
}

export interface TrendRange {
  by: TrendBucket;
  periods: ReportPeriod[];
  from: string;
  to: string;
  queue: string | null;
  timeZone: string;
}

/** Whole periods from..to (default: the last DEFAULT_SPAN periods up to today). */
export function trendRange(opts: TrendOptions): TrendRange {
  const by = checkChoice('by', TREND_BUCKETS, opts.by, 'quarter');
  const kind = BUCKET_KIND[by];
  const to = periodOf(kind, opts.to ? checkDate('to', opts.to) : checkDate('today', opts.today)).to;
  let from = opts.from ? periodOf(kind, checkDate('from', opts.from)).from : null;
  if (!from) {
    let p = periodOf(kind, to);
    for (let i = 1; i < DEFAULT_SPAN[by]; i++) p = previousPeriod(p);
    from = p.from;
  }
  if (from > to) throw new InputError(`from ${opts.from} is after to ${opts.to}`);
  const periods = periodsBetween(kind, from, to);
  if (periods.length > MAX_PERIODS[by]) throw new InputError(`from ${from} to ${to} holds ${periods.length} ${by}s; at most ${MAX_PERIODS[by]} can be shown at once`);
  return { by, periods, from, to, queue: checkQueue(opts.queue), timeZone: checkTimeZone(opts.timeZone) };
}

const EMPTY_FOLLOW_UP: FollowUpSummary = { lost_callers: 0, recovered: 0, recovery_rate: null, median_recovery_s: null };

/** The repeat rate per period: repeat-callers.ts's total, for each period of the range in one query. */
export async function repeatRates(db: Database, r: Pick<TrendRange, 'by' | 'from' | 'to' | 'queue' | 'timeZone'>): Promise<Array<{ period_start: string } & RepeatFigures>> {
  const windowS = (await readCenterSettings(db)).repeat_window_s;
  return repeatRatesBy(db, { by: r.by, from: r.from, to: r.to, timeZone: r.timeZone, queue: r.queue, windowS });
}

/**
 * The figures of each period: the metrics in one query, the follow-up in one (sql/lost-call-follow-up-by-period.sql),
 * the repeat rate in one (sql/repeat-callers.sql by period), the quality scores in one (sql/quality-score.sql
 * by period: each period's score from its own calls, as the score is not a sum).
 */
export async function periodFigures(db: Database, r: Pick<TrendRange, 'by' | 'periods' | 'from' | 'to' | 'queue' | 'timeZone'>): Promise<TrendFigures[]> {
  const { periods, timeZone, queue } = r;
  const range = { from: r.from, to: r.to, timeZone };
  const [metrics, followUp, quality, repeats, purged] = await Promise.all([
    metricRows(db, { ...range, by: r.by, queue }),
    followUpByPeriod(db, { ...range, queue, by: r.by }),
    queue ? null : qualityScores(db, { ...range, by: r.by }),
    repeatRates(db, r),
    purgedBefore(db)
  ]);
  // Records retention: a period reaching before a purge keeps its figures per queue (the summary),
  // but what needs each caller's number or each call is a gap, never a smaller number or a zero.
  const numbersGone = numbersPurgedBefore(purged);
  const callsGone = purged.calls ?? null;
  const byStart = new Map(metrics.map((m) => [m.period_start, m]));
  const repeatByStart = new Map(repeats.map((x) => [x.period_start, x]));
  const followUpByStart = new Map(followUp.map((x) => [x.period_start, x]));
  const out: TrendFigures[] = [];
  for (const p of periods) {
    // computeMetrics labels a week by its Monday, a month and a quarter by their first day: p.from each time.
    const m = byStart.get(p.from) ?? null;
    const busy = !!m && m.offered > 0;
    const repeat = repeatByStart.get(p.from) ?? null;
    const scores = busy && quality ? quality.rows.filter((q) => q.period_start === p.from) : null;
    const f = followUpByStart.get(p.from) ?? EMPTY_FOLLOW_UP;
    out.push({
      offered: m?.offered ?? 0,
      answered: m?.answered ?? 0,
      lost: m?.lost ?? 0,
      lost_rate: m?.lost_rate ?? null,
      service_level: m?.service_level ?? null,
      asa_s: m?.asa_s ?? null,
      aht_s: m?.aht_s ?? null,
      repeat_rate: repeat?.repeat_rate ?? null,
      lost_callers: f.lost_callers,
      recovered: f.recovered,
      recovery_rate: f.recovery_rate,
      quality_score: scores ? teamQualityScore(scores) : null,
      evaluations: scores ? scores.reduce((n, row) => n + row.evaluations, 0) : null
    });
    const figures = out[out.length - 1];
    if (numbersGone && p.from < numbersGone) Object.assign(figures, { repeat_rate: null, lost_callers: null, recovered: null, recovery_rate: null });
    if (callsGone && p.from < callsGone) Object.assign(figures, { quality_score: null, evaluations: null });
  }
  return out;
}

/** One side of a comparison: the quarter, its coverage, and the days its figures are taken from. */
export interface ComparedQuarter extends PeriodCoverage {
  period: string;
  from: string;
  to: string;
  /** The days compared (null: nothing to compare with). */
  compared: DateSpan | null;
}

export interface QuarterComparison {
  now: ComparedQuarter;
  then: ComparedQuarter;
  /** How the two were compared: whole quarters, the same days of each, or not at all (no days in common). */
  basis: 'whole' | 'same_days' | 'none';
  /** The comparison in a sentence ("compared on the 30 days both cover: …", "Q3 2025 has no data"). */
  note: string;
  rows: ComparisonRow[];
}

export interface QuarterComparisons {
  quarter: string;
  /** The quarter is not over yet on `today`: its figures are so far. */
  to_date: boolean;
  previous_quarter: string;
  last_year_quarter: string;
  qoq: QuarterComparison;
  yoy: QuarterComparison;
}

/**
 * The last complete quarter when it had calls, else the one in progress (a center new to Callboard).
 * A quarter no loaded file's span reaches has no calls (each call lies in its file's span,
 * sql/data-coverage.sql): that needs no count.
 */
async function defaultQuarter(db: Database, today: string, base: { queue: string | null; timeZone: string }, spans: readonly DateSpan[]): Promise<ReportPeriod> {
  const current = periodOf('quarterly', today);
  const last = previousPeriod(current);
  if (periodCoverage(spans, last).covered_days === 0) return current;
  const [total] = await metricRows(db, { from: last.from, to: last.to, by: 'total', queue: base.queue, timeZone: base.timeZone });
  return total && total.offered > 0 ? last : current;
}

const dayWord = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** What a comparison compares, in words. */
export function comparisonNote(now: ComparedQuarter, then: ComparedQuarter, m: MatchedDays | null): string {
  if (then.covered_days === 0) return `${then.period} has no data: nothing to compare with.`;
  if (now.covered_days === 0) return `${now.period} has no data: nothing to compare.`;
  if (!m) return `${now.period} and ${then.period} have no days in common with data (${now.period}: ${now.covered_days} of ${now.days} days, ${then.period}: ${then.covered_days} of ${then.days}): they cannot be compared.`;
  if (m.whole) return `Whole quarters compared.`;
  return `Partial quarters (${now.period}: ${now.covered_days} of ${now.days} days with data, ${then.period}: ${then.covered_days} of ${then.days}): compared on the same ${dayWord(m.days)} of each, ${m.now.from} – ${m.now.to} against ${m.then.from} – ${m.then.to}.`;
}

/** A quarter's figures from the days `days` of it (labelled by its first day, as computeMetrics labels a quarter). */
type QuarterFigures = (quarter: ReportPeriod, days: { from: string; to: string }) => Promise<TrendFigures>;

/** A quarter against an earlier one, on the days both cover (matched by their place in the quarter). */
async function compareQuarters(spans: DateSpan[], figuresOf: QuarterFigures, now: ReportPeriod, then: ReportPeriod): Promise<QuarterComparison> {
  const m = matchedDays(spans, now, then);
  const side = (p: ReportPeriod, compared: DateSpan | null): ComparedQuarter => ({ period: p.period, from: p.from, to: p.to, ...periodCoverage(spans, p), compared });
  const a = side(now, m?.now ?? null);
  const b = side(then, m?.then ?? null);
  const note = comparisonNote(a, b, m);
  if (!m) {
    // Nothing to compare: a quarter with data still shows its own figures beside the other's "no data"
    // (never "0 → 53,371"); two quarters with data but no days in common show neither.
    const alone = (a.covered_days > 0) !== (b.covered_days > 0) ? (a.covered_days > 0 ? now : then) : null;
    const own = alone ? await figuresOf(alone, alone) : NO_DATA;
    const rows = alone === now ? compareFigures(own, NO_DATA) : alone === then ? compareFigures(NO_DATA, own) : compareFigures(NO_DATA, NO_DATA);
    return { now: a, then: b, basis: 'none', note, rows };
  }
  // Each side's figures from its compared days only.
  const [x, y] = await Promise.all([figuresOf(now, m.now), figuresOf(then, m.then)]);
  return { now: a, then: b, basis: m.whole ? 'whole' : 'same_days', note, rows: compareFigures(x, y) };
}

/**
 * A quarter (default: the last complete one, or the one in progress when the last had no calls) against
 * the one before and the same one a year earlier, figure by figure, like with like: whole quarters when
 * the data covers both, else the same days of each (comparisonNote says which), else not at all.
 */
export async function quarterComparisons(db: Database, opts: Pick<TrendOptions, 'quarter' | 'queue' | 'timeZone' | 'today'>): Promise<QuarterComparisons> {
  const today = checkDate('today', opts.today);
  const base = { by: 'quarter' as const, queue: checkQueue(opts.queue), timeZone: checkTimeZone(opts.timeZone) };
  const spans = await dataSpans(db, base.timeZone);
  const quarter = opts.quarter ? parsePeriod('quarterly', opts.quarter) : await defaultQuarter(db, today, base, spans);
  const previous = previousPeriod(quarter);
  const lastYear = samePeriodLastYear(quarter);
  // The quarter's own side is the same in both comparisons whenever both compare it on the same days
  // (whole, or alone against "no data"): its figures are worked out once.
  const asked = new Map<string, Promise<TrendFigures>>();
  const figuresOf: QuarterFigures = (p, days) => {
    const key = `${p.from}|${days.from}|${days.to}`;
    let figures = asked.get(key);
    if (!figures) {
      figures = periodFigures(db, { ...base, periods: [p], from: days.from, to: days.to }).then(([f]) => f);
      asked.set(key, figures);
    }
    return figures;
  };
  const [qoq, yoy] = await Promise.all([compareQuarters(spans, figuresOf, quarter, previous), compareQuarters(spans, figuresOf, quarter, lastYear)]);
  return { quarter: quarter.period, to_date: quarter.to >= today, previous_quarter: previous.period, last_year_quarter: lastYear.period, qoq, yoy };
}

/**
 * The per-queue breakdown: each queue's last period, the one before, and the whole range. The two
 * periods are one query by period (a queue's row for a period is the one a query of that period's
 * dates alone gives; a queue with no call in it has none there, a zero row here), the range another
 * (trends-queue-breakdown.test.ts keeps the three queries and holds these equal to them).
 */
export async function queueBreakdown(db: Database, r: Pick<TrendRange, 'by' | 'periods' | 'from' | 'to' | 'timeZone'>): Promise<QueueTrendRow[]> {
  const last = r.periods.at(-1)!;
  const before = previousPeriod(last);
  const [periods, total] = await Promise.all([
    metricRows(db, { timeZone: r.timeZone, group: 'queue', by: r.by, from: before.from, to: last.to }),
    metricRows(db, { timeZone: r.timeZone, group: 'queue', by: 'total', from: r.from, to: r.to })
  ]);
  // (every row counted has a call: each judged visit is offered, so offered 0 is a row of no calls)
  const called = periods.filter((x) => x.offered > 0);
  const inPeriod = (p: ReportPeriod, q: string) => called.find((x) => x.period_start === p.from && x.queue === q) ?? null;
  const queues = [...new Set([...total, ...called].map((q) => q.queue!))].sort();
  return queues.map((queue) => ({ queue, latest: inPeriod(last, queue), previous: inPeriod(before, queue), total: total.find((x) => x.queue === queue) ?? null }));
}

/** Every figure null: a period the data does not cover. */
const NO_DATA = Object.fromEntries(TREND_KEYS.map((k) => [k, null])) as TrendFigures;

export async function computeTrends(db: Database, opts: TrendOptions): Promise<TrendsResult> {
  const r = trendRange(opts);
  const [figures, byQueue, annotations, spans] = await Promise.all([periodFigures(db, r), queueBreakdown(db, r), listAnnotations(db, r.from, r.to), dataSpans(db, r.timeZone)]);
  return {
    settings: { by: r.by, from: r.from, to: r.to, queue: r.queue, time_zone: r.timeZone },
    series: r.periods.map((p, i) => {
      const coverage = periodCoverage(spans, p);
      return { period: p.period, from: p.from, to: p.to, ...coverage, ...(coverage.covered_days > 0 ? figures[i] : NO_DATA) };
    }),
    by_queue: byQueue,
    annotations,
    definitions: definitionsOf([...TREND_KEYS, ...STAFFING_KEYS])
  };
}

export const STAFFING_KEYS = ['required_h', 'scheduled_h', 'on_phones_h', 'under_scheduled_h', 'short_h'] as const;

/** A period's hours; those the calls decide (all but scheduled) are null where the data does not cover it. */
export interface StaffingPoint extends Record<keyof StaffingHours, number | null>, PeriodCoverage {
  period: string;
  from: string;
  to: string;
}

export interface StaffingTrend {
  settings: TrendsResult['settings'] & { staffing: StaffingAnswer['settings'] };
  /** Whether any schedule exists in the range (else scheduled hours are null). */
  scheduled: boolean;
  series: StaffingPoint[];
}

/** Rep-hours required, scheduled and on the phones per period (the center as one pool; no queue filter). */
export async function staffingTrend(db: Database, opts: TrendOptions): Promise<StaffingTrend> {
  const r = trendRange({ ...opts, queue: null });
  const [answer, spans] = await Promise.all([staffingIntervals(db, { from: r.from, to: r.to, timeZone: r.timeZone }), dataSpans(db, r.timeZone)]);
  return {
    settings: { by: r.by, from: r.from, to: r.to, queue: null, time_zone: r.timeZone, staffing: answer.settings },
    scheduled: answer.scheduled,
    series: r.periods.map((p) => {
      const coverage = periodCoverage(spans, p);
      const hours = staffingHours(answer.intervals.filter((x) => x.date >= p.from && x.date <= p.to), answer.scheduled);
      const uncovered = coverage.covered_days === 0 ? { required_h: null, on_phones_h: null, under_scheduled_h: null, short_h: null } : {};
      return { period: p.period, from: p.from, to: p.to, ...coverage, ...hours, ...uncovered };
    })
  };
}
