/**
 * The forecast for coming weeks (calls and handle time per queue, date and interval) from the
 * center's history, with the special days and manual adjustments on record, and next to it the
 * backtest that says how far to trust it. The model and its limits: ./forecast-model.ts.
 *
 * Training ends before the newest day in the data (it may still be going on) or before `from`,
 * whichever is earlier; a forecast further ahead extrapolates the trend over the gap.
 */
import type { Database } from '../../sql/db.ts';
import { InputError } from '../../sql/errors.ts';
import {
  DEFAULT_HALF_LIFE_WEEKS,
  DEFAULT_TRAINING_WEEKS,
  backtest,
  fitQueueModel,
  forecastQueue,
  type Adjustment,
  type BacktestResult,
  type ForecastRow,
  type HistoryRow,
  type QueueModel,
  type SpecialDay
} from './forecast-model.ts';
import { checkChoice, checkDate, checkTimeZone } from '../metrics/metric-query.ts';
import { addDays, clock, mondayOf } from '../roster/schedule-model.ts';
import { callHistory, dataSpan } from './history.ts';

export const FORECAST_INTERVALS = [15, 30, 60] as const;
export const MAX_FORECAST_WEEKS = 8;
export const DEFAULT_BACKTEST_WEEKS = 4;

export interface ForecastOptions {
  /** First local date forecast. */
  from: string;
  weeks?: number;
  /** One queue, or null / '*' for all (rows per queue and their total '*'). */
  queue?: string | null;
  intervalMinutes?: number | string | null;
  timeZone: string;
  trainingWeeks?: number;
  halfLifeWeeks?: number;
  backtestWeeks?: number;
}

export interface ForecastIntervalRow extends ForecastRow {
  /** Local start, 'YYYY-MM-DDTHH:MM:SS' (as the metric rows write intervals). */
  period_start: string;
}

export interface ForecastDayRow {
  date: string;
  queue: string;
  calls: number;
  /** The special day planned for it, if any. */
  special: string | null;
}

export interface ModelSummary {
  queue: string;
  /** Calls on an average open day at the end of training. */
  level: number;
  /** Relative change per week. */
  trend_per_week: number;
  /** ISO weekday ('1' = Monday) → multiplier; open weekdays average 1. */
  weekday_factors: Record<string, number>;
  aht_s: number | null;
  training_days: number;
  excluded_days: string[];
}

export interface ForecastResult {
  settings: {
    from: string;
    to: string;
    time_zone: string;
    interval_minutes: number;
    queue: string;
    training_weeks: number;
    half_life_weeks: number;
    /** Training used the days before this date. */
    trained_before: string;
    /** The newest date with calls (not used for training: it may be incomplete). */
    data_last_date: string | null;
  };
  queues: string[];
  /** Per queue and for the total ('*': calls summed, handle time call-weighted). */
  intervals: ForecastIntervalRow[];
  days: ForecastDayRow[];
  models: ModelSummary[];
  backtest: BacktestResult[];
  special_days: SpecialDay[];
  adjustments: Adjustment[];
}

interface Span {
  queue: string;
  first_date: string;
  last_date: string;
  calls: number;
}

export async function readSpecialDays(db: Database, from: string, to: string): Promise<SpecialDay[]> {
  return db.all<SpecialDay>(
    `SELECT strftime(date, '%Y-%m-%d') AS date, queue, kind, name, volume_factor FROM special_days
     WHERE date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) ORDER BY date, queue`,
    { from, to }
  );
}

export async function readAdjustments(db: Database, from: string, to: string): Promise<Adjustment[]> {
  return db.all<Adjustment>(
    `SELECT id, queue, strftime(date, '%Y-%m-%d') AS date, from_minute, to_minute, factor, reason FROM forecast_adjustments
     WHERE deleted_at IS NULL AND date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) ORDER BY date, from_minute, id`,
    { from, to }
  );
}

function positiveInt(name: string, value: unknown, fallback: number, max: number, min = 1): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new InputError(`${name} "${value}" must be a whole number from ${min} to ${max}`);
  return n;
}

/** Queue interval rows summed into the total ('*'), handle time weighted by calls. */
export function totalRows(rows: readonly ForecastIntervalRow[]): ForecastIntervalRow[] {
  const byKey = new Map<string, ForecastIntervalRow & { handle: number; handled: number }>();
  for (const r of rows) {
    const t = byKey.get(r.period_start) ?? { ...r, queue: '*', calls: 0, aht_s: null, adjustments: [], handle: 0, handled: 0 };
    t.calls += r.calls;
    if (r.aht_s !== null) {
      // Weight by calls; an interval forecast at 0 calls still has a handle time to show.
      const w = Math.max(r.calls, 1e-9);
      t.handle += w * r.aht_s;
      t.handled += w;
    }
    t.adjustments = [...new Set([...t.adjustments, ...r.adjustments])];
    byKey.set(r.period_start, t);
  }
  return [...byKey.values()].map(({ handle, handled, ...r }) => ({ ...r, aht_s: handled > 0 ? handle / handled : null }));
}

function summary(model: QueueModel): ModelSummary {
  return {
    queue: model.queue,
    level: model.level,
    trend_per_week: model.level > 0 ? (model.slopePerDay * 7) / model.level : 0,
    weekday_factors: Object.fromEntries(model.weekdayFactor.slice(1).map((f, i) => [String(i + 1), f])),
    aht_s: model.ahtAll,
    training_days: model.trainingDays.length,
    excluded_days: model.excludedDays
  };
}

export async function forecast(db: Database, opts: ForecastOptions): Promise<ForecastResult> {
  const from = checkDate('from', opts.from);
  const timeZone = checkTimeZone(opts.timeZone);
  const weeks = positiveInt('weeks', opts.weeks, 2, MAX_FORECAST_WEEKS);
  const intervalMinutes = checkChoice('interval minutes', FORECAST_INTERVALS, opts.intervalMinutes, 30);
  const trainingWeeks = positiveInt('training weeks', opts.trainingWeeks, DEFAULT_TRAINING_WEEKS, 52);
  const halfLifeWeeks = positiveInt('half-life weeks', opts.halfLifeWeeks, DEFAULT_HALF_LIFE_WEEKS, 52);
  const backtestWeeks = positiveInt('backtest weeks', opts.backtestWeeks, DEFAULT_BACKTEST_WEEKS, 12, 0);
  const to = addDays(from, 7 * weeks - 1);

  const spans = await dataSpan(db, timeZone);
  const queueAsked = opts.queue && opts.queue !== '*' ? opts.queue : null;
  if (queueAsked && !spans.some((s) => s.queue === queueAsked)) {
    throw new InputError(`Unknown queue "${queueAsked}" (no inbound calls; known: ${spans.map((s) => s.queue).join(', ') || 'none'})`);
  }
  const queues = queueAsked ? [queueAsked] : spans.map((s) => s.queue);
  const dataLast = spans.reduce<string | null>((m, s) => (m === null || s.last_date > m ? s.last_date : m), null);
  const trainEnd = dataLast === null || from < dataLast ? from : dataLast;
  const lastBacktestMonday = mondayOf(addDays(trainEnd, -1));
  const backtestMondays = Array.from({ length: backtestWeeks }, (_, i) => addDays(lastBacktestMonday, -7 * (backtestWeeks - 1 - i)));
  const historyFrom = addDays(backtestMondays[0] ?? trainEnd, -7 * trainingWeeks);

  const [history, specials, adjustments] = await Promise.all([
    callHistory(db, { from: historyFrom, to: addDays(trainEnd, -1), tz: timeZone, interval_minutes: intervalMinutes }),
    readSpecialDays(db, historyFrom, to),
    readAdjustments(db, from, to)
  ]);
  const rows = history.filter((r) => queues.includes(r.queue));
  const dates = Array.from({ length: 7 * weeks }, (_, i) => addDays(from, i));
  const models: QueueModel[] = [];
  const intervals: ForecastIntervalRow[] = [];
  for (const queue of queues) {
    const excluded = new Set(specials.filter((s) => s.queue === '*' || s.queue === queue).map((s) => s.date));
    const model = fitQueueModel(queue, rows, { trainEnd, trainingWeeks, halfLifeWeeks, excluded });
    models.push(model);
    for (const r of forecastQueue(model, dates, specials, adjustments)) intervals.push({ ...r, period_start: `${r.date}T${clock(r.minute)}:00` });
  }
  const all = queues.length > 1 || !queueAsked ? [...intervals, ...totalRows(intervals)] : intervals;
  all.sort((a, b) => (a.period_start < b.period_start ? -1 : a.period_start > b.period_start ? 1 : a.queue < b.queue ? -1 : 1));
  const days = new Map<string, ForecastDayRow>();
  for (const r of all) {
    const key = `${r.date}|${r.queue}`;
    const d = days.get(key) ?? {
      date: r.date, queue: r.queue, calls: 0,
      special: specials.find((s) => s.date === r.date && (s.queue === '*' || s.queue === r.queue))?.name ?? null
    };
    d.calls += r.calls;
    days.set(key, d);
  }
  return {
    settings: {
      from, to, time_zone: timeZone, interval_minutes: intervalMinutes, queue: queueAsked ?? '*',
      training_weeks: trainingWeeks, half_life_weeks: halfLifeWeeks, trained_before: trainEnd, data_last_date: dataLast
    },
    queues,
    intervals: all,
    days: [...days.values()],
    models: models.map(summary),
    backtest: backtestWeeks > 0 ? backtest(queues, rows, { weeks: backtestMondays, dataEnd: trainEnd, trainingWeeks, halfLifeWeeks, specials }) : [],
    special_days: specials.filter((s) => s.date >= from),
    adjustments
  };
}
