/**
 * The forecast of calls and handle time per queue, date and interval, as pure functions over the
 * center's own history, and its backtest.
 *
 * Model (per queue), fitted on the `trainingWeeks` before `trainEnd`, each day weighted by
 * 0.5^(age in weeks / halfLifeWeeks) so recent weeks count most:
 * - day volume = (level + slope · t) · weekday factor, t in days from trainEnd. Level, slope and
 *   the seven factors are fitted together by alternating weighted least squares (a few rounds);
 *   the trend is capped at ±2 % a week so a short window cannot extrapolate a fluke.
 * - intraday shape per weekday: each interval's share of the day's calls, blended with the shape
 *   pooled over all weekdays (weight N / (N + 2000) for N weighted calls of that weekday), so a
 *   small queue's shape is not just Poisson noise while a big queue keeps its own weekday shapes.
 * - handle time per weekday and interval: weighted mean of answered calls' talk + wrap, shrunk
 *   toward the queue's overall mean by 30 pseudo-calls.
 * Days on the special-day list (holidays, closures, campaigns) and open weekdays with no calls at
 * all (an unplanned closure or a data gap) are left out of training; planned special days are
 * forecast as closed (0) or as the normal forecast times their factor. Manual adjustments multiply
 * the intervals they cover. Known limits: no yearly seasonality (a half-year of history cannot
 * estimate it), and a shape change (new opening hours) needs a few weeks to be learnt.
 *
 * Backtest: for each of the last weeks, fit on the data before its Monday and forecast the week;
 * the weighted absolute percentage error WAPE = Σ|forecast − actual| / Σ actual, over day totals
 * and over intervals, on normal open days (special and excluded days are not scored).
 */
import { addDays, daysBetween, isoWeekday } from '../roster/schedule-model.ts';

export interface HistoryRow {
  queue: string;
  date: string;
  /** Local minute of the day at which the interval starts. */
  minute: number;
  offered: number;
  answered: number;
  /** Talk + wrap-up seconds of the answered calls. */
  handle_s: number;
}

export interface SpecialDay {
  date: string;
  /** '*' = every queue. */
  queue: string;
  kind: 'closed' | 'special';
  name: string;
  volume_factor: number;
}

export interface Adjustment {
  id: number;
  queue: string;
  date: string;
  from_minute: number;
  to_minute: number;
  factor: number;
  reason: string;
}

export interface FitOptions {
  /** First day NOT used for training (exclusive end). */
  trainEnd: string;
  trainingWeeks: number;
  halfLifeWeeks: number;
  /** Dates to leave out (special days of the queue or '*'). */
  excluded: ReadonlySet<string>;
}

export const DEFAULT_TRAINING_WEEKS = 12;
export const DEFAULT_HALF_LIFE_WEEKS = 4;
/** Weighted calls at which a weekday's own intraday shape and the pooled shape weigh the same. */
const SHAPE_PSEUDO_CALLS = 2000;
/** Answered calls at which an interval's own handle time and the queue's mean weigh the same. */
const AHT_PSEUDO_CALLS = 30;
const MAX_TREND_PER_WEEK = 0.02;

export interface QueueModel {
  queue: string;
  trainEnd: string;
  /** Calls on an average day (weekday factor 1) at trainEnd. */
  level: number;
  /** Change of `level` per day. */
  slopePerDay: number;
  /** Index: ISO weekday 1..7 (0 unused). 0 for weekdays with no calls in training. */
  weekdayFactor: number[];
  /** Per ISO weekday: interval minute → share of the day's calls. */
  shape: Map<number, Map<number, number>>;
  /** Per ISO weekday: interval minute → mean handle seconds. */
  aht: Map<number, Map<number, number>>;
  /** Mean handle seconds over training (null with no answered calls). */
  ahtAll: number | null;
  trainingDays: string[];
  /** Dates in the window left out: special days, and open weekdays without a single call. */
  excludedDays: string[];
}

export interface ForecastRow {
  queue: string;
  date: string;
  minute: number;
  calls: number;
  aht_s: number | null;
  /** Ids of the manual adjustments applied. */
  adjustments: number[];
}

interface DayData {
  date: string;
  weekday: number;
  t: number;
  w: number;
  total: number;
  byMinute: Map<number, HistoryRow>;
}

function groupDays(rows: readonly HistoryRow[], opts: FitOptions): { days: DayData[]; excluded: string[] } {
  const from = addDays(opts.trainEnd, -7 * opts.trainingWeeks);
  const byDate = new Map<string, Map<number, HistoryRow>>();
  for (const r of rows) {
    if (r.date < from || r.date >= opts.trainEnd) continue;
    let day = byDate.get(r.date);
    if (!day) byDate.set(r.date, (day = new Map()));
    day.set(r.minute, r);
  }
  // Which weekdays the queue is open: any calls on that weekday in the window.
  const openWeekdays = new Set([...byDate.keys()].map(isoWeekday));
  const days: DayData[] = [];
  const excluded: string[] = [];
  for (let date = from; date < opts.trainEnd; date = addDays(date, 1)) {
    const weekday = isoWeekday(date);
    if (!openWeekdays.has(weekday)) continue;
    const byMinute = byDate.get(date);
    const total = byMinute ? [...byMinute.values()].reduce((s, r) => s + r.offered, 0) : 0;
    if (opts.excluded.has(date) || total === 0) {
      excluded.push(date);
      continue;
    }
    const t = daysBetween(opts.trainEnd, date);
    days.push({ date, weekday, t, w: Math.pow(0.5, -t / 7 / opts.halfLifeWeeks), total, byMinute: byMinute! });
  }
  // Weights average 1, so weighted sums stay on the scale of counts (the pseudo-counts compare to them).
  const mean = days.reduce((s, d) => s + d.w, 0) / Math.max(1, days.length);
  for (const d of days) d.w /= mean;
  return { days, excluded };
}

/** Weighted least squares y = a + b·t. */
function weightedLine(points: Array<{ t: number; y: number; w: number }>): { a: number; b: number } {
  let sw = 0, st = 0, sy = 0;
  for (const p of points) {
    sw += p.w;
    st += p.w * p.t;
    sy += p.w * p.y;
  }
  const tBar = st / sw;
  const yBar = sy / sw;
  let stt = 0, sty = 0;
  for (const p of points) {
    stt += p.w * (p.t - tBar) ** 2;
    sty += p.w * (p.t - tBar) * (p.y - yBar);
  }
  const b = stt > 0 ? sty / stt : 0;
  return { a: yBar - b * tBar, b };
}

function fitLevels(days: DayData[]): { level: number; slope: number; factor: number[] } {
  const factor = new Array(8).fill(0);
  const sums = new Array(8).fill(0);
  const weights = new Array(8).fill(0);
  for (const d of days) {
    sums[d.weekday] += d.w * d.total;
    weights[d.weekday] += d.w;
  }
  const overall = days.reduce((s, d) => s + d.w * d.total, 0) / days.reduce((s, d) => s + d.w, 0);
  for (let k = 1; k <= 7; k++) factor[k] = weights[k] > 0 ? sums[k] / weights[k] / overall : 0;
  const spanWeeks = (days[days.length - 1].t - days[0].t) / 7;
  let level = overall;
  let slope = 0;
  for (let round = 0; round < 6; round++) {
    const line = weightedLine(days.map((d) => ({ t: d.t, y: d.total / factor[d.weekday], w: d.w })));
    level = line.a;
    slope = spanWeeks >= 3 ? line.b : 0;
    const cap = (MAX_TREND_PER_WEEK * Math.max(level, 0)) / 7;
    slope = Math.max(-cap, Math.min(cap, slope));
    sums.fill(0);
    for (const d of days) sums[d.weekday] += (d.w * d.total) / Math.max(1e-9, level + slope * d.t);
    for (let k = 1; k <= 7; k++) factor[k] = weights[k] > 0 ? sums[k] / weights[k] : 0;
    // Identify the scale: the factors of the open weekdays average 1 (level = an average open day).
    const open = factor.filter((f) => f > 0);
    const mean = open.reduce((s, f) => s + f, 0) / open.length;
    for (let k = 1; k <= 7; k++) factor[k] /= mean;
    level *= mean;
    slope *= mean;
  }
  return { level, slope, factor };
}

function fitShapes(days: DayData[]): { shape: QueueModel['shape']; aht: QueueModel['aht']; ahtAll: number | null } {
  const calls = new Map<number, Map<number, number>>();
  const pooled = new Map<number, number>();
  const handle = new Map<number, Map<number, { h: number; n: number }>>();
  let hAll = 0, nAll = 0;
  for (const d of days) {
    let c = calls.get(d.weekday);
    if (!c) calls.set(d.weekday, (c = new Map()));
    let h = handle.get(d.weekday);
    if (!h) handle.set(d.weekday, (h = new Map()));
    for (const r of d.byMinute.values()) {
      c.set(r.minute, (c.get(r.minute) ?? 0) + d.w * r.offered);
      pooled.set(r.minute, (pooled.get(r.minute) ?? 0) + d.w * r.offered);
      const cell = h.get(r.minute) ?? { h: 0, n: 0 };
      cell.h += d.w * r.handle_s;
      cell.n += d.w * r.answered;
      h.set(r.minute, cell);
      hAll += d.w * r.handle_s;
      nAll += d.w * r.answered;
    }
  }
  const ahtAll = nAll > 0 ? hAll / nAll : null;
  const shape: QueueModel['shape'] = new Map();
  const aht: QueueModel['aht'] = new Map();
  for (const [weekday, c] of calls) {
    const minutes = [...c.keys()].filter((m) => c.get(m)! > 0).sort((a, b) => a - b);
    const own = minutes.reduce((s, m) => s + c.get(m)!, 0);
    const pool = minutes.reduce((s, m) => s + (pooled.get(m) ?? 0), 0);
    const lambda = own / (own + SHAPE_PSEUDO_CALLS);
    const s = new Map<number, number>();
    for (const m of minutes) s.set(m, (lambda * c.get(m)!) / own + ((1 - lambda) * (pooled.get(m) ?? 0)) / pool);
    shape.set(weekday, s);
    const a = new Map<number, number>();
    const h = handle.get(weekday)!;
    for (const m of minutes) {
      const cell = h.get(m) ?? { h: 0, n: 0 };
      if (ahtAll !== null) a.set(m, (cell.h + AHT_PSEUDO_CALLS * ahtAll) / (cell.n + AHT_PSEUDO_CALLS));
    }
    aht.set(weekday, a);
  }
  return { shape, aht, ahtAll };
}

/** Fits one queue's model on its history rows (other queues' rows are ignored). */
export function fitQueueModel(queue: string, rows: readonly HistoryRow[], opts: FitOptions): QueueModel {
  const own = rows.filter((r) => r.queue === queue);
  const { days, excluded } = groupDays(own, opts);
  const empty: QueueModel = {
    queue, trainEnd: opts.trainEnd, level: 0, slopePerDay: 0, weekdayFactor: new Array(8).fill(0),
    shape: new Map(), aht: new Map(), ahtAll: null, trainingDays: [], excludedDays: excluded
  };
  if (days.length === 0) return empty;
  const { level, slope, factor } = fitLevels(days);
  const { shape, aht, ahtAll } = fitShapes(days);
  return { ...empty, level, slopePerDay: slope, weekdayFactor: factor, shape, aht, ahtAll, trainingDays: days.map((d) => d.date) };
}

/** The special day that applies to a queue on a date (a queue's own row wins over '*'). */
export function specialDayFor(specials: readonly SpecialDay[], queue: string, date: string): SpecialDay | null {
  return specials.find((s) => s.date === date && s.queue === queue) ?? specials.find((s) => s.date === date && s.queue === '*') ?? null;
}

/** Expected calls of a day before special days and adjustments. */
export function dayVolume(model: QueueModel, date: string): number {
  const t = daysBetween(model.trainEnd, date);
  return Math.max(0, model.level + model.slopePerDay * t) * model.weekdayFactor[isoWeekday(date)];
}

/** Interval rows of one queue for the dates asked, special days and adjustments applied. */
export function forecastQueue(
  model: QueueModel,
  dates: readonly string[],
  specials: readonly SpecialDay[] = [],
  adjustments: readonly Adjustment[] = []
): ForecastRow[] {
  const out: ForecastRow[] = [];
  for (const date of dates) {
    const weekday = isoWeekday(date);
    const shape = model.shape.get(weekday);
    if (!shape) continue;
    const special = specialDayFor(specials, model.queue, date);
    const factor = special === null ? 1 : special.kind === 'closed' ? 0 : special.volume_factor;
    const volume = dayVolume(model, date) * factor;
    const aht = model.aht.get(weekday);
    for (const [minute, share] of shape) {
      const applied = adjustments.filter(
        (a) => a.date === date && (a.queue === '*' || a.queue === model.queue) && a.from_minute <= minute && minute < a.to_minute
      );
      const calls = applied.reduce((c, a) => c * a.factor, volume * share);
      out.push({ queue: model.queue, date, minute, calls, aht_s: aht?.get(minute) ?? model.ahtAll, adjustments: applied.map((a) => a.id) });
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.minute - b.minute));
}

// ---- backtest ------------------------------------------------------------------------------

export interface BacktestDay {
  date: string;
  forecast: number;
  actual: number;
}

export interface BacktestInterval {
  minute: number;
  forecast: number;
  actual: number;
  abs_error: number;
  /** Σ|F − A| / Σ A over the backtest days at this time of day; null when nothing was offered. */
  wape: number | null;
}

export interface BacktestResult {
  queue: string;
  /** Mondays of the weeks forecast. */
  weeks: string[];
  days_scored: number;
  /** Σ over days |F − A| / Σ A of the day totals. */
  wape_day: number | null;
  /** Σ over intervals |F − A| / Σ A. */
  wape_interval: number | null;
  /** Handle-time error per interval, weighted by answered calls: Σ|F − A|·n / Σ A·n. */
  aht_wape: number | null;
  by_day: BacktestDay[];
  by_interval: BacktestInterval[];
}

export interface BacktestOptions {
  /** Mondays whose weeks are forecast, each from the data before it. */
  weeks: readonly string[];
  /** First date with incomplete data (not scored). */
  dataEnd: string;
  trainingWeeks: number;
  halfLifeWeeks: number;
  specials: readonly SpecialDay[];
}

const ratio = (num: number, den: number) => (den > 0 ? num / den : null);

/**
 * Backtest of every queue and of their total ('*'): the total is scored on the sum of the queues'
 * forecasts against the sum of their actuals.
 */
export function backtest(queues: readonly string[], rows: readonly HistoryRow[], opts: BacktestOptions): BacktestResult[] {
  type Cell = { f: number; a: number; fAht: number | null; aAht: number | null; n: number };
  const cells = new Map<string, Map<string, Cell>>(); // queue → "date|minute" → cell
  for (const q of [...queues, '*']) cells.set(q, new Map());
  // Each queue's rows, in their order, found once (not filtered out of every queue's again per week),
  // and the actuals of those queues alone (the reason forecast backtests one group at a time).
  const ownRows = new Map<string, HistoryRow[]>(queues.map((q) => [q, []]));
  const actual = new Map<string, HistoryRow>();
  for (const r of rows) {
    const own = ownRows.get(r.queue);
    if (!own) continue;
    own.push(r);
    actual.set(`${r.queue}|${r.date}|${r.minute}`, r);
  }

  for (const monday of opts.weeks) {
    const dates = Array.from({ length: 7 }, (_, i) => addDays(monday, i)).filter((d) => d < opts.dataEnd);
    const inWeek = new Set(dates);
    for (const queue of queues) {
      const own = ownRows.get(queue)!;
      const excluded = new Set(opts.specials.filter((s) => s.queue === '*' || s.queue === queue).map((s) => s.date));
      const model = fitQueueModel(queue, own, { trainEnd: monday, trainingWeeks: opts.trainingWeeks, halfLifeWeeks: opts.halfLifeWeeks, excluded });
      const forecast = forecastQueue(model, dates);
      // Score normal open days only: a day with calls that is not on the special-day list.
      const dayTotals = new Map<string, number>();
      for (const r of own) if (inWeek.has(r.date)) dayTotals.set(r.date, (dayTotals.get(r.date) ?? 0) + r.offered);
      const scored = new Set(dates.filter((d) => !excluded.has(d) && (dayTotals.get(d) ?? 0) > 0));
      const keys = new Set<string>();
      for (const f of forecast) if (scored.has(f.date)) keys.add(`${f.date}|${f.minute}`);
      for (const r of own) if (scored.has(r.date)) keys.add(`${r.date}|${r.minute}`);
      const fByKey = new Map(forecast.map((f) => [`${f.date}|${f.minute}`, f]));
      for (const key of keys) {
        const f = fByKey.get(key);
        const a = actual.get(`${queue}|${key}`);
        const cell: Cell = {
          f: f?.calls ?? 0, a: a?.offered ?? 0, fAht: f?.aht_s ?? null,
          aAht: a && a.answered > 0 ? a.handle_s / a.answered : null, n: a?.answered ?? 0
        };
        cells.get(queue)!.set(key, cell);
        const total = cells.get('*')!.get(key) ?? { f: 0, a: 0, fAht: null, aAht: null, n: 0 };
        total.f += cell.f;
        total.a += cell.a;
        cells.get('*')!.set(key, total);
      }
    }
  }

  return [...queues, '*'].map((queue) => {
    const byDay = new Map<string, BacktestDay>();
    const byMinute = new Map<number, BacktestInterval>();
    let absI = 0, sumI = 0, ahtAbs = 0, ahtSum = 0;
    for (const [key, c] of cells.get(queue)!) {
      const [date, m] = key.split('|');
      const minute = Number(m);
      const day = byDay.get(date) ?? { date, forecast: 0, actual: 0 };
      day.forecast += c.f;
      day.actual += c.a;
      byDay.set(date, day);
      const iv = byMinute.get(minute) ?? { minute, forecast: 0, actual: 0, abs_error: 0, wape: null };
      iv.forecast += c.f;
      iv.actual += c.a;
      iv.abs_error += Math.abs(c.f - c.a);
      byMinute.set(minute, iv);
      absI += Math.abs(c.f - c.a);
      sumI += c.a;
      if (c.fAht !== null && c.aAht !== null && c.n > 0) {
        ahtAbs += Math.abs(c.fAht - c.aAht) * c.n;
        ahtSum += c.aAht * c.n;
      }
    }
    const days = [...byDay.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
    const absD = days.reduce((s, d) => s + Math.abs(d.forecast - d.actual), 0);
    const sumD = days.reduce((s, d) => s + d.actual, 0);
    const intervals = [...byMinute.values()].sort((a, b) => a.minute - b.minute).map((iv) => ({ ...iv, wape: ratio(iv.abs_error, iv.actual) }));
    return {
      queue,
      weeks: [...opts.weeks],
      days_scored: days.length,
      wape_day: ratio(absD, sumD),
      wape_interval: ratio(absI, sumI),
      aht_wape: queue === '*' ? null : ratio(ahtAbs, ahtSum),
      by_day: days,
      by_interval: intervals
    };
  });
}
