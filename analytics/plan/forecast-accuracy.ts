/**
 * How good the plan's forecast is, measured against two baselines (pure), over held-out weeks:
 * each week is forecast from the data before its Monday and scored on every day with calls that is not
 * a planned closed day (planned events and the days after holidays count), over the 30-minute
 * intervals in opening hours. Closures are known ahead (see knownClosures).
 *
 * - the plan's forecast of an interval: the day's calls from the weekly forecast (./plan-forecast.ts:
 *   yearly season where more than a year of history exists, trend, weekday shares, learnt factors of
 *   the days after closures and of planned events) spread over the day's half hours as the interval
 *   model spreads it (../forecast/forecast-model.ts: weekday-by-interval shape of recent weeks);
 * - baseline "last week": the same interval seven days earlier (a special or closed day then scores as
 *   its actual calls, as a naive planner would copy it);
 * - the floor: no forecast beats the randomness of the counts themselves. For Poisson counts with
 *   means m the expected absolute error is about sqrt(2m/π) (the normal approximation), so the best
 *   WAPE possible is Σ sqrt(2m/π) / Σ m, with m the forecast (the best estimate of the mean at hand).
 * - the floor with day noise: real days swing beyond Poisson (weather, news), a swing no forecast can
 *   know, so with it a count's spread is √(m + σ²m²) and the floor Σ √(2/π)·√(m + σ²m²) / Σ m; σ is
 *   given where known (the demo generator's) or measured on the history before the held-out weeks
 *   (./plan-day-factors.ts daySwing). Reported beside the Poisson floor, never instead of it.
 * WAPE = Σ |forecast − actual| / Σ actual, per interval and per day (day totals).
 */
import { fitQueueModel, forecastQueue, type HistoryRow, type SpecialDay } from '../forecast/forecast-model.ts';
import { addDays, isoWeekday } from '../roster/schedule-model.ts';
import { weeklyForecast, type DayHistory } from './plan-forecast.ts';

export interface Wape {
  interval: number | null;
  day: number | null;
}

export interface ForecastAccuracy {
  weeks: string[];
  days_scored: number;
  intervals_scored: number;
  model: Wape;
  last_week: Wape;
  floor: Wape;
  /** With the day-level swing σ (AccuracyOptions.dayNoiseSigma, else the one measured on the history). */
  floor_with_day_noise: Wape | null;
  /** The σ used there, and where it came from. */
  day_swing: { sigma: number; source: 'given' | 'measured on the history' } | null;
  /** model / floor (1 = as good as the randomness allows). */
  ratio_to_floor: Wape;
  better_than_last_week: boolean;
  /** Within 1.2× the floor, per interval and per day. */
  within_floor_goal: boolean;
}

export interface AccuracyOptions {
  /** Mondays of the held-out weeks. */
  weeks: readonly string[];
  specials: readonly SpecialDay[];
  /** Whether the interval starting at `minute` on `date` is in opening hours. */
  isOpen: (date: string, minute: number) => boolean;
  trainingWeeks?: number;
  halfLifeWeeks?: number;
  /** The day's random swing beyond Poisson (lognormal σ) when known; else measured before the first held-out week. */
  dayNoiseSigma?: number;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const FLOOR = (m: number) => Math.sqrt((2 * m) / Math.PI);
const NOISE_FLOOR = (m: number, sigma: number) => Math.sqrt((2 * (m + sigma * sigma * m * m)) / Math.PI);

/** Offered calls per date over all queues (the weekly forecast's input). */
export function dailyTotals(rows: readonly HistoryRow[]): DayHistory[] {
  const byDate = new Map<string, DayHistory>();
  for (const r of rows) {
    const d = byDate.get(r.date) ?? { date: r.date, calls: 0, answered: 0, handle_s: 0 };
    d.calls += r.offered;
    d.answered += r.answered;
    d.handle_s += r.handle_s;
    byDate.set(r.date, d);
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/**
 * Each queue's rows in their order, queues in the order they first appear: worked out once per history
 * (the accuracy forecasts eight held-out weeks from the same rows; a year at 10M calls is 83,000 rows,
 * and each queue's fit went through all of them every week).
 */
const splitRows = new WeakMap<readonly HistoryRow[], Map<string, HistoryRow[]>>();
function rowsByQueue(rows: readonly HistoryRow[]): Map<string, HistoryRow[]> {
  let split = splitRows.get(rows);
  if (!split) {
    split = new Map();
    for (const r of rows) {
      const own = split.get(r.queue);
      if (own) own.push(r);
      else split.set(r.queue, [r]);
    }
    splitRows.set(rows, split);
  }
  return split;
}

/**
 * The plan's interval forecast of the week from `monday`, all queues together: date|minute → calls.
 * Each day's calls are the weekly forecast's (week's normal volume × weekday share × day factor); the
 * interval model gives only how the day spreads over its half hours.
 */
export function planIntervalForecast(rows: readonly HistoryRow[], days: readonly DayHistory[], monday: string, specials: readonly SpecialDay[], trainingWeeks: number, halfLifeWeeks: number): Map<string, number> {
  const byQueue = rowsByQueue(rows);
  const dates = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const shape = new Map<string, number>();
  const dayShape = new Map<string, number>();
  for (const [queue, own] of byQueue) {
    const excluded = new Set(specials.filter((s) => s.queue === '*' || s.queue === queue).map((s) => s.date));
    // (the queue's own rows, in their order: what fitQueueModel keeps of all of them)
    const model = fitQueueModel(queue, own, { trainEnd: monday, trainingWeeks, halfLifeWeeks, excluded });
    for (const f of forecastQueue(model, dates)) {
      shape.set(`${f.date}|${f.minute}`, (shape.get(`${f.date}|${f.minute}`) ?? 0) + f.calls);
      dayShape.set(f.date, (dayShape.get(f.date) ?? 0) + f.calls);
    }
  }
  const weekly = weeklyForecast({ days, specials, trainEnd: monday, start: monday, weeks: 1 });
  const week = weekly.weeks[0];
  const dayCalls = dates.map((_, i) => week.normal_calls * weekly.weekday_shares[i] * week.day_factors[i]);
  const out = new Map<string, number>();
  for (const [key, v] of shape) {
    const date = key.slice(0, 10);
    const total = dayShape.get(date) ?? 0;
    out.set(key, total > 0 ? (v / total) * dayCalls[dates.indexOf(date)] : 0);
  }
  return out;
}

/**
 * Closures are known ahead (the scheduler enters holidays): a held-out day with no calls on a weekday
 * the history answers is taken as a planned closed day, so the forecast knows the day after it.
 */
function knownClosures(rows: readonly HistoryRow[], weeks: readonly string[], specials: readonly SpecialDay[]): SpecialDay[] {
  const withCalls = new Set(rows.filter((r) => r.offered > 0).map((r) => r.date));
  const answered = new Set([...withCalls].map(isoWeekday));
  const planned = new Set(specials.filter((s) => s.queue === '*').map((s) => s.date));
  const out: SpecialDay[] = [];
  for (const monday of weeks) {
    for (let i = 0; i < 7; i++) {
      const date = addDays(monday, i);
      if (answered.has(isoWeekday(date)) && !withCalls.has(date) && !planned.has(date)) out.push({ date, queue: '*', kind: 'closed', name: 'Closed (no calls)', volume_factor: 0 });
    }
  }
  return out;
}

export function forecastAccuracy(rows: readonly HistoryRow[], opts: AccuracyOptions): ForecastAccuracy {
  const trainingWeeks = opts.trainingWeeks ?? 12;
  const halfLifeWeeks = opts.halfLifeWeeks ?? 4;
  const actual = new Map<string, number>();
  for (const r of rows) actual.set(`${r.date}|${r.minute}`, (actual.get(`${r.date}|${r.minute}`) ?? 0) + r.offered);
  const days = dailyTotals(rows);
  const dayCalls = new Map(days.map((d) => [d.date, d.calls]));
  const specials = [...opts.specials, ...knownClosures(rows, opts.weeks, opts.specials)];
  const closed = new Set(specials.filter((s) => s.queue === '*' && s.kind === 'closed').map((s) => s.date));
  const minutes = [...new Set(rows.map((r) => r.minute))].sort((a, b) => a - b);

  let absM = 0, absL = 0, floorI = 0, sumF = 0, sumA = 0, intervals = 0;
  let dAbsM = 0, dAbsL = 0, dFloor = 0, dSumF = 0, dSumA = 0, scoredDays = 0;
  const measured = opts.weeks.length ? weeklyForecast({ days, specials, trainEnd: opts.weeks[0], start: opts.weeks[0], weeks: 1 }).day_swing : null;
  const swing = opts.dayNoiseSigma !== undefined ? { sigma: opts.dayNoiseSigma, source: 'given' as const } : measured !== null ? { sigma: measured, source: 'measured on the history' as const } : null;
  const sigma = swing?.sigma ?? 0;
  let noiseI = 0, noiseD = 0;
  for (const monday of opts.weeks) {
    const forecast = planIntervalForecast(rows, days, monday, specials, trainingWeeks, halfLifeWeeks);
    for (let i = 0; i < 7; i++) {
      const date = addDays(monday, i);
      if (closed.has(date) || !(dayCalls.get(date) ?? 0)) continue;
      let dm = 0, dl = 0, da = 0;
      for (const minute of minutes) {
        if (!opts.isOpen(date, minute)) continue;
        const key = `${date}|${minute}`;
        const a = actual.get(key) ?? 0;
        const f = forecast.get(key) ?? 0;
        const l = actual.get(`${addDays(date, -7)}|${minute}`) ?? 0;
        absM += Math.abs(f - a);
        absL += Math.abs(l - a);
        floorI += FLOOR(f);
        noiseI += NOISE_FLOOR(f, sigma);
        sumF += f;
        sumA += a;
        intervals += 1;
        dm += f;
        dl += l;
        da += a;
      }
      dAbsM += Math.abs(dm - da);
      dAbsL += Math.abs(dl - da);
      dFloor += FLOOR(dm);
      noiseD += NOISE_FLOOR(dm, sigma);
      dSumF += dm;
      dSumA += da;
      scoredDays += 1;
    }
  }
  const model = { interval: ratio(absM, sumA), day: ratio(dAbsM, dSumA) };
  const lastWeek = { interval: ratio(absL, sumA), day: ratio(dAbsL, dSumA) };
  const floor = { interval: ratio(floorI, sumF), day: ratio(dFloor, dSumF) };
  const toFloor = {
    interval: model.interval !== null && floor.interval ? model.interval / floor.interval : null,
    day: model.day !== null && floor.day ? model.day / floor.day : null
  };
  return {
    weeks: [...opts.weeks], days_scored: scoredDays, intervals_scored: intervals, model, last_week: lastWeek, floor,
    floor_with_day_noise: swing === null ? null : { interval: ratio(noiseI, sumF), day: ratio(noiseD, dSumF) },
    day_swing: swing,
    ratio_to_floor: toFloor,
    better_than_last_week: model.interval !== null && lastWeek.interval !== null && model.interval < lastWeek.interval && (model.day ?? 0) < (lastWeek.day ?? Infinity),
    within_floor_goal: toFloor.interval !== null && toFloor.interval <= 1.2 && toFloor.day !== null && toFloor.day <= 1.2
  };
}
