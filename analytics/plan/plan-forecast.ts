/**
 * The year-ahead weekly forecast of calls and handle time (pure), for the staffing plan.
 *
 * Weeks are Monday–Sunday in the center's zone. From the daily history (all inbound queues together):
 * - weekday shares: each weekday's mean calls on normal days over the last 26 weeks, normalised to
 *   sum 1. A normal day is on a weekday the center answers, has calls, is not a planned special day
 *   and is not the first open day after a closure.
 * - days that are not normal (./plan-day-factors.ts): the first open day after a closure and planned
 *   events (bill mail-outs) get factors learnt from their past days; closures are the planned closed
 *   days and, in the history, answered weekdays without a call.
 * - a week's normal-equivalent volume: its days' calls, each divided by its factor where that is known,
 *   over the shares of those days, so a week with a holiday, a mail-out or a data gap still says how
 *   busy the week was (weeks with less than half their share counted are left out).
 * - yearly season only when the usable weeks span MORE than a year (> 52 weeks): a log-linear trend is
 *   fitted over all of them, each week's ratio to it averaged per ISO week of the year, smoothed
 *   over ±2 weeks (weights 1 2 3 2 1) and normalised to average 1. With a year or less the plan says
 *   which season it could not learn and every week gets factor 1: never a made-up yearly shape.
 * - level and trend: least squares over the last 52 (season) or 26 (no season) deseasonalised weeks,
 *   the trend capped at ±0.5 % of the level a week (±26 % a year) so a short run cannot extrapolate
 *   a fluke for a year; with fewer than 13 usable weeks no trend at all (the level is the fit's).
 * - 80 % prediction interval: ±1.2816 σ, σ = the relative residual spread of the fit times
 *   √(1 + h/52) for h weeks ahead (the trend grows less certain), never narrower than Poisson (√mean).
 * - a forecast day is its week's normal volume × its weekday's share × its factor: closed 0, a planned
 *   event its learnt factor (else the entered one), the first open day after a closure its learnt one.
 * - handle time: answered-call-weighted mean of the last 8 complete weeks; where more than a year
 *   exists, with a yearly season of its own (each week's handle time over the history's, per ISO week,
 *   smoothed alike): the last weeks' season is taken out and the forecast week's put in.
 * Known limits: only the first open day after a closure is learnt apart (not the second), the weekday
 *   pattern has no season of its own, and a queue-specific special day does not change the pooled forecast.
 */
import { addDays, daysBetween, isoWeekday, mondayOf } from '../roster/schedule-model.ts';
import type { SpecialDay } from '../forecast/forecast-model.ts';
import { daySwing, learnDayFactors, type LearntFactor } from './plan-day-factors.ts';

export interface DayHistory {
  date: string;
  calls: number;
  answered: number;
  handle_s: number;
}

export interface WeekForecast {
  /** ISO week, e.g. 2027-W05. */
  week: string;
  monday: string;
  /** Forecast calls, planned special days applied. */
  calls: number;
  calls_low: number;
  calls_high: number;
  /** The week as a normal week (no special days): what the interval pattern is scaled to. */
  normal_calls: number;
  /** Per ISO weekday (index 0 = Monday) the special day's factor: 0 closed, 1 normal. */
  day_factors: number[];
  specials: string[];
  aht_s: number | null;
  season: number;
}

export interface WeeklyForecast {
  weeks: WeekForecast[];
  /** Complete weeks of usable history. */
  history_weeks: number;
  history_from: string | null;
  yearly_season: boolean;
  /** What the forecast could and could not learn, in words. */
  season_note: string;
  weekday_shares: number[];
  /** The first open day after a closure, learnt from the history (days 0: none seen, factor 1). */
  after_closure: LearntFactor;
  /** Planned events (center-wide special days) whose factor was learnt from past days of their name. */
  events: Record<string, LearntFactor>;
  /** Whole days' swing beyond Poisson over the last 26 weeks (lognormal σ; ./plan-day-factors.ts daySwing). */
  day_swing: number | null;
  level: number;
  trend_per_week: number;
  residual_sd: number;
}

export const PI_Z80 = 1.2816;
const MAX_TREND = 0.005;
/** Fewer usable weeks than this fit no trend: a month's drift is no basis for a year. */
export const MIN_TREND_WEEKS = 13;
const SHARE_WEEKS = 26;
const AHT_WEEKS = 8;

/** ISO week label of the week holding `date` ('2027-W05'). */
export function isoWeek(date: string): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const pastDays = (n: number) => `${n} past day${n === 1 ? '' : 's'}`;

const weekOfYear = (monday: string) => Math.min(52, Number(isoWeek(monday).slice(6)));

interface UsableWeek {
  monday: string;
  t: number;
  normal: number;
  answered: number;
  handle_s: number;
}

function fitLine(points: ReadonlyArray<{ t: number; y: number }>): { a: number; b: number } {
  const n = points.length;
  const mt = points.reduce((s, p) => s + p.t, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.t - mt) ** 2, 0);
  const b = sxx > 0 ? points.reduce((s, p) => s + (p.t - mt) * (p.y - my), 0) / sxx : 0;
  return { a: my - b * mt, b };
}

/** Per-ISO-week-of-year averages of ratios (index 1..52), smoothed over ±2 weeks (1 2 3 2 1), mean 1. */
function smoothedWeekly(ratios: ReadonlyArray<{ monday: string; ratio: number }>): number[] {
  const sum = new Array<number>(53).fill(0);
  const count = new Array<number>(53).fill(0);
  for (const r of ratios) {
    const k = weekOfYear(r.monday);
    sum[k] += r.ratio;
    count[k] += 1;
  }
  const kernel = [1, 2, 3, 2, 1];
  const raw = Array.from({ length: 53 }, (_, k) => {
    if (k === 0) return 0;
    let s = 0, wsum = 0;
    kernel.forEach((kw, i) => {
      const j = ((k - 1 + i - 2 + 52) % 52) + 1;
      if (count[j] > 0) {
        s += kw * (sum[j] / count[j]);
        wsum += kw;
      }
    });
    return wsum > 0 ? s / wsum : 1;
  });
  const mean = raw.slice(1).reduce((s, x) => s + x, 0) / 52;
  return raw.map((x, k) => (k === 0 ? 1 : x / mean));
}

const spansAYear = (weeks: ReadonlyArray<{ t: number }>) => weeks.length >= 2 && weeks[weeks.length - 1].t - weeks[0].t >= 52;

/** Per-ISO-week-of-year factor (index 1..52), or null when the history is a year or less. */
export function yearlySeason(weeks: ReadonlyArray<{ monday: string; t: number; normal: number }>): number[] | null {
  const usable = weeks.filter((w) => w.normal > 0);
  if (!spansAYear(usable)) return null;
  const { a, b } = fitLine(usable.map((w) => ({ t: w.t, y: Math.log(w.normal) })));
  return smoothedWeekly(usable.map((w) => ({ monday: w.monday, ratio: w.normal / Math.exp(a + b * w.t) })));
}

/**
 * Handle time's yearly season (index 1..52): each week's handle time over the whole history's, per ISO
 * week, smoothed; null with a year or less of weeks with answered calls.
 */
export function handleTimeSeason(weeks: ReadonlyArray<{ monday: string; t: number; answered: number; handle_s: number }>): number[] | null {
  const usable = weeks.filter((w) => w.answered > 0);
  if (!spansAYear(usable)) return null;
  const mean = usable.reduce((s, w) => s + w.handle_s, 0) / usable.reduce((s, w) => s + w.answered, 0);
  return mean > 0 ? smoothedWeekly(usable.map((w) => ({ monday: w.monday, ratio: w.handle_s / w.answered / mean }))) : null;
}

export interface WeeklyForecastInput {
  days: readonly DayHistory[];
  /** Planned special days (center-wide ones count), past and future. */
  specials: readonly SpecialDay[];
  /** First date NOT used (training ends before it). */
  trainEnd: string;
  /** Monday of the first week forecast. */
  start: string;
  weeks: number;
}

export function weeklyForecast(input: WeeklyForecastInput): WeeklyForecast {
  const special = new Map(input.specials.filter((s) => s.queue === '*').map((s) => [s.date, s]));
  const byDate = new Map(input.days.map((d) => [d.date, d]));
  const dates = input.days.map((d) => d.date).filter((d) => d < input.trainEnd).sort();
  const lastMonday = addDays(mondayOf(input.trainEnd), -7); // the last complete week starts here
  const firstMonday = dates.length ? (isoWeekday(dates[0]) === 1 ? dates[0] : addDays(mondayOf(dates[0]), 7)) : lastMonday;
  const callsOn = new Map(dates.map((d) => [d, byDate.get(d)!.calls]));
  const answersOn = new Set(dates.filter((d) => (callsOn.get(d) ?? 0) > 0).map(isoWeekday));
  const learn = (shares: readonly number[]) => learnDayFactors({ calls: callsOn, specials: special, shares, trainEnd: input.trainEnd, firstDate: dates[0] ?? null });

  // Weekday shares over the last weeks' normal days (not a planned event, not after a closure).
  const shareFrom = addDays(lastMonday, -7 * (SHARE_WEEKS - 1));
  const answering = learn(Array.from({ length: 7 }, (_, i) => (answersOn.has(i + 1) ? 1 : 0)));
  const perWeekday = Array.from({ length: 7 }, () => ({ sum: 0, n: 0 }));
  for (let d = firstMonday > shareFrom ? firstMonday : shareFrom; d < addDays(lastMonday, 7); d = addDays(d, 1)) {
    const dayCalls = callsOn.get(d) ?? 0;
    if (!answering.normal(d) || dayCalls === 0) continue;
    perWeekday[isoWeekday(d) - 1].sum += dayCalls;
    perWeekday[isoWeekday(d) - 1].n += 1;
  }
  const means = perWeekday.map((w) => (w.n > 0 ? w.sum / w.n : 0));
  const total = means.reduce((s, x) => s + x, 0);
  const shares = means.map((m) => (total > 0 ? m / total : 0));
  const factors = learn(shares);

  // A week's normal-equivalent volume: each day with a known factor counts as calls / factor.
  const usable: UsableWeek[] = [];
  for (let monday = firstMonday; monday <= lastMonday; monday = addDays(monday, 7)) {
    let normal = 0, share = 0, answered = 0, handle = 0;
    for (let i = 0; i < 7; i++) {
      const d = addDays(monday, i);
      const day = byDate.get(d);
      const f = factors.knownFactorOf(d);
      if (!day || day.calls === 0 || f === null || f <= 0) continue;
      normal += day.calls / f;
      share += shares[i];
      answered += day.answered;
      handle += day.handle_s;
    }
    if (share >= 0.5 && normal > 0) usable.push({ monday, t: daysBetween(firstMonday, monday) / 7, normal: normal / share, answered, handle_s: handle });
  }

  const season = yearlySeason(usable);
  const factorOf = (monday: string) => (season ? season[weekOfYear(monday)] : 1);
  const window = usable.slice(-(season ? 52 : SHARE_WEEKS));
  const points = window.map((w) => ({ t: w.t, y: w.normal / factorOf(w.monday) }));
  const fit = points.length ? fitLine(points) : { a: 0, b: 0 };
  const tEnd = points.length ? points[points.length - 1].t : 0;
  const level = Math.max(0, fit.a + fit.b * tEnd);
  const slope = points.length < MIN_TREND_WEEKS ? 0 : Math.max(-MAX_TREND * level, Math.min(MAX_TREND * level, fit.b));
  const resid = points.map((p) => {
    const f = fit.a + fit.b * p.t;
    return f > 0 ? p.y / f - 1 : 0;
  });
  const sd = resid.length > 2 ? Math.sqrt(resid.reduce((s, r) => s + r * r, 0) / (resid.length - 2)) : 0.1;

  // Handle time: the last weeks' (their season taken out), times the forecast week's season.
  const ahtSeason = handleTimeSeason(usable);
  const ahtFactorOf = (monday: string) => (ahtSeason ? ahtSeason[weekOfYear(monday)] : 1);
  const ahtWeeks = usable.slice(-AHT_WEEKS);
  const answered = ahtWeeks.reduce((s, w) => s + w.answered * ahtFactorOf(w.monday), 0);
  const aht = answered > 0 ? ahtWeeks.reduce((s, w) => s + w.handle_s, 0) / answered : null;

  const weeks: WeekForecast[] = [];
  for (let i = 0; i < input.weeks; i++) {
    const monday = addDays(input.start, 7 * i);
    const h = usable.length ? daysBetween(usable[usable.length - 1].monday, monday) / 7 : 0;
    const s = factorOf(monday);
    const normal = Math.max(0, level + slope * h) * s;
    const dayFactors = Array.from({ length: 7 }, (_, d) => (shares[d] > 0 ? factors.factorOf(addDays(monday, d)) : 1));
    const calls = normal * dayFactors.reduce((sum, f, d) => sum + f * shares[d], 0);
    const spread = Math.max(sd * calls * Math.sqrt(1 + h / 52), Math.sqrt(calls));
    weeks.push({
      week: isoWeek(monday), monday, calls, calls_low: Math.max(0, calls - PI_Z80 * spread), calls_high: calls + PI_Z80 * spread,
      normal_calls: normal, day_factors: dayFactors,
      specials: Array.from({ length: 7 }, (_, d) => special.get(addDays(monday, d))).filter((x) => x !== undefined).map((x) => `${x.date} ${x.name}`),
      aht_s: aht === null ? null : aht * ahtFactorOf(monday), season: s
    });
  }
  const span = usable.length ? `${usable.length} complete weeks from ${usable[0].monday}` : 'no complete week';
  const learnt = [
    factors.after.days > 0 ? `the first open day after a closure ×${factors.after.factor.toFixed(2)} (${pastDays(factors.after.days)})` : null,
    ...[...factors.events].map(([name, f]) => `${name} ×${f.factor.toFixed(2)} (${pastDays(f.days)})`)
  ].filter((x) => x !== null);
  const dayNote = learnt.length ? ` Learnt from the history: ${learnt.join('; ')}.` : '';
  const trendNote = points.length < MIN_TREND_WEEKS ? ` With fewer than ${MIN_TREND_WEEKS} weeks no trend is fitted: every week is forecast at the recent level.` : '';
  const season_note = season
    ? `Yearly season learned from ${span} (more than a year), for calls and for handle time (the last ${AHT_WEEKS} weeks' handle time, moved by the season).${dayNote}`
    : `History covers ${span}: more than 52 weeks are needed to learn the yearly season (busy and quiet months, mail-out weeks), so every week is forecast at the trend level with only the planned special days applied; handle time is the mean of the last ${AHT_WEEKS} weeks.${trendNote}${dayNote}`;
  return {
    weeks, history_weeks: usable.length, history_from: usable[0]?.monday ?? null, yearly_season: season !== null, season_note,
    weekday_shares: shares, after_closure: factors.after, events: Object.fromEntries(factors.events),
    day_swing: daySwing(input.days.filter((d) => d.date >= shareFrom && d.date < input.trainEnd), factors.normal, shares), level, trend_per_week: level > 0 ? slope / level : 0, residual_sd: sd
  };
}
