/**
 * The week after a holiday, measured (pure): some calls pile up behind a closure (bulky items after the
 * holidays, missed pick-ups when the route shifts a day), so a forecast per reason group needs to know
 * how much more of them the days after one bring. A closure is a planned closed day (the coverage
 * page's special days) or an open weekday on which the data has no call at all; the days after it are
 * the AFTER_HOLIDAY_DAYS that follow (closures themselves excluded, overlapping weeks counted once).
 *
 * The effect of a group: Σ calls on the days after closures / Σ their baselines, each day's baseline
 * the mean of the same weekday 1 to 4 weeks earlier that were ordinary days (no closure, not after
 * one, reasons already logged); days without a baseline are not scored. One number per group for all
 * holidays: a center sees a handful a year, too few to tell Thanksgiving's week from Labor Day's.
 */
import { addDays, isoWeekday } from '../roster/schedule-model.ts';

export const AFTER_HOLIDAY_DAYS = 7;
/** Same weekdays this many weeks back make a day's baseline. */
const BASELINE_WEEKS = 4;

export interface AfterHolidayEffect {
  /** Calls on the days after a holiday over their usual level; null when no such day could be scored. */
  factor: number | null;
  /** The closures whose following days were scored. */
  holidays: string[];
  /** Days after closures scored. */
  days: number;
}

/** Open weekdays (any call on that weekday) between the first and last date with calls that had no call: closures. */
export function closuresInData(callsByDate: ReadonlyMap<string, number>): string[] {
  const dates = [...callsByDate.keys()].filter((d) => (callsByDate.get(d) ?? 0) > 0).sort();
  if (dates.length === 0) return [];
  const open = new Set(dates.map(isoWeekday));
  const out: string[] = [];
  for (let d = dates[0]; d <= dates[dates.length - 1]; d = addDays(d, 1)) {
    if (open.has(isoWeekday(d)) && !((callsByDate.get(d) ?? 0) > 0)) out.push(d);
  }
  return out;
}

/** The days after the closures (within AFTER_HOLIDAY_DAYS of one, not closures themselves), each with the closure it follows. */
export function daysAfter(closures: Iterable<string>): Map<string, string> {
  const closed = new Set(closures);
  const out = new Map<string, string>();
  for (const c of [...closed].sort()) {
    for (let i = 1; i <= AFTER_HOLIDAY_DAYS; i++) {
      const d = addDays(c, i);
      if (!closed.has(d)) out.set(d, c); // the latest closure before it wins
    }
  }
  return out;
}

/**
 * The effect of the days after a holiday on one group's calls. `calls` holds the group's calls per
 * date; `ordinary(date)` says whether a date may serve as a baseline (reasons were logged, the
 * center was open); only dates before `until` are scored.
 */
export function afterHolidayEffect(
  calls: ReadonlyMap<string, number>,
  closures: Iterable<string>,
  ordinary: (date: string) => boolean,
  until: string
): AfterHolidayEffect {
  const after = daysAfter(closures);
  const closed = new Set(closures);
  let actual = 0, usual = 0, days = 0;
  const holidays = new Set<string>();
  for (const [d, c] of [...after].sort()) {
    if (d >= until || !ordinary(d)) continue;
    const base: number[] = [];
    for (let k = 1; k <= BASELINE_WEEKS; k++) {
      const b = addDays(d, -7 * k);
      if (!closed.has(b) && !after.has(b) && ordinary(b)) base.push(calls.get(b) ?? 0);
    }
    if (base.length === 0) continue;
    actual += calls.get(d) ?? 0;
    usual += base.reduce((s, x) => s + x, 0) / base.length;
    days += 1;
    holidays.add(c);
  }
  return { factor: usual > 0 ? actual / usual : null, holidays: [...holidays], days };
}
