/**
 * Required staff per plan week (pure): the week's interval pattern through the same Erlang C/A per
 * interval as the coverage page (../staffing/coverage-erlang.ts requiredStaff: the staffing target,
 * its occupancy cap, and the shrinkage it is given), summed to rep-hours and divided by the full-time
 * weekly hours into FTE.
 *
 * The pattern is one forecast week of open-hours intervals (the coverage page's forecast, pooled over
 * all queues). A plan week scales every interval's calls by its normal-week volume over the pattern's
 * volume, times the day's special-day factor (a closed day needs no one), and its handle time by the
 * week's handle time over the pattern's. A new service (the what-if) adds its calls a week in the same
 * proportions as the week's own calls, each interval's handle time blended by calls.
 */
import { requiredTotal, type LoadInterval } from '../staffing/coverage-erlang.ts';
import type { StaffingTarget } from '../staffing/coverage-targets.ts';
import { addDays, clock, isoWeekday } from '../roster/schedule-model.ts';

export interface PatternInterval {
  /** ISO weekday 1..7. */
  weekday: number;
  minute: number;
  calls: number;
  aht_s: number | null;
}

/** Calls a week of a service added to the pool, at their own handle time (the new-service what-if). */
export interface ExtraLoad {
  calls_per_week: number;
  aht_s: number;
}

export interface WeekLoad {
  monday: string;
  normal_calls: number;
  day_factors: readonly number[];
  aht_s: number | null;
  /** A new service's calls, spread over the week as its own calls are; the handle time blended per interval. */
  extra?: ExtraLoad | null;
}

export interface RequiredWeek {
  required_hours: number;
  required_fte: number;
  /** Intervals Erlang could not staff (no handle time, an absurd load). */
  unstaffed_intervals: number;
}

export interface RequiredOptions {
  target: StaffingTarget;
  patienceS: number | null;
  intervalMinutes: number;
  fullTimeHours: number;
}

/** The pattern's call-weighted handle time and its volume. */
export function patternTotals(pattern: readonly PatternInterval[]): { calls: number; aht_s: number | null } {
  let calls = 0, handle = 0, handled = 0;
  for (const p of pattern) {
    calls += p.calls;
    if (p.aht_s !== null && p.calls > 0) {
      handle += p.calls * p.aht_s;
      handled += p.calls;
    }
  }
  return { calls, aht_s: handled > 0 ? handle / handled : null };
}

/** The intervals of one plan week: the pattern scaled to the week's volume, days and handle time. */
export function weekIntervals(pattern: readonly PatternInterval[], week: WeekLoad): LoadInterval[] {
  const totals = patternTotals(pattern);
  const scale = totals.calls > 0 ? week.normal_calls / totals.calls : 0;
  const ahtScale = totals.aht_s !== null && week.aht_s !== null ? week.aht_s / totals.aht_s : 1;
  // (the week's dates and the pattern's times of day worked out once, not per interval: a plan asks
  // this for every week of every what-if)
  const dates = Array.from({ length: 7 }, (_, d) => addDays(week.monday, d));
  const clocks = new Map(pattern.map((p) => [p.minute, clock(p.minute)]));
  const rows = pattern.map((p) => {
    const date = dates[p.weekday - 1] ?? addDays(week.monday, p.weekday - 1);
    return {
      period_start: `${date}T${clocks.get(p.minute)}:00`, date, minute: p.minute,
      calls: p.calls * scale * (week.day_factors[p.weekday - 1] ?? 1),
      aht_s: p.aht_s === null ? null : p.aht_s * ahtScale
    };
  });
  const extra = week.extra;
  const weekCalls = rows.reduce((s, r) => s + r.calls, 0);
  if (!extra || extra.calls_per_week <= 0 || weekCalls <= 0) return rows;
  return rows.map((r) => {
    const added = (extra.calls_per_week * r.calls) / weekCalls;
    const calls = r.calls + added;
    const aht = r.aht_s === null ? extra.aht_s : calls > 0 ? (r.calls * r.aht_s + added * extra.aht_s) / calls : r.aht_s;
    return { ...r, calls, aht_s: aht };
  });
}

export function requiredWeek(pattern: readonly PatternInterval[], week: WeekLoad, o: RequiredOptions): RequiredWeek {
  // (requiredStaff's reps, summed: no interval row is kept)
  const { reps, unstaffed } = requiredTotal(weekIntervals(pattern, week), o.target, o.patienceS, o.intervalMinutes);
  const hours = (reps * o.intervalMinutes) / 60;
  return { required_hours: hours, required_fte: hours / o.fullTimeHours, unstaffed_intervals: unstaffed };
}

/** A pattern from forecast interval rows ('YYYY-MM-DD' date, minute). */
export function patternOf(rows: ReadonlyArray<{ date: string; minute: number; calls: number; aht_s: number | null }>): PatternInterval[] {
  return rows.map((r) => ({ weekday: isoWeekday(r.date), minute: r.minute, calls: r.calls, aht_s: r.aht_s }));
}
