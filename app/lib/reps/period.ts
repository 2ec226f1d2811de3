/** The days and ISO weeks (Monday first) the rep views show, as local dates (YYYY-MM-DD). */
import { addDays, isIsoDate, localNow, longDate, shortDate } from '../shell/dates.ts';

export type PeriodKind = 'day' | 'week';

export { addDays, isIsoDate as isDate };

/** Today's date in a time zone. */
export const todayIn = (timeZone: string, now = new Date()) => localNow(timeZone, now).date;

/** The Monday of the ISO week holding `date`. */
export function weekStart(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** The dates a day or an ISO week (Monday to Sunday) covers. */
export function periodRange(kind: PeriodKind, date: string): { from: string; to: string } {
  if (kind === 'day') return { from: date, to: date };
  const from = weekStart(date);
  return { from, to: addDays(from, 6) };
}

/** The day or week before (-1) or after (+1). */
export function shiftPeriod(kind: PeriodKind, date: string, step: number): string {
  return kind === 'day' ? addDays(date, step) : addDays(weekStart(date), 7 * step);
}

/** "Tuesday, March 10, 2026" or "Week of Mar 9 – Mar 15, 2026". */
export function periodLabel(kind: PeriodKind, date: string): string {
  if (kind === 'day') return longDate(date);
  const { from, to } = periodRange('week', date);
  return `Week of ${shortDate(from)} – ${shortDate(to)}, ${to.slice(0, 4)}`;
}
