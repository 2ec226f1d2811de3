/**
 * How the coverage page words the forecast per reason group (pure, shared by ReasonForecast.svelte and
 * its tests): percentages, the change against the usual week, the week-after-a-holiday effect, and the
 * reps per interval as one row per interval with a column per group.
 */
import type { ReasonForecast, ReasonGroupForecast } from '../../../analytics/forecast/forecast-by-reason.ts';
import type { AfterHolidayEffect } from '../../../analytics/forecast/after-holiday.ts';

export const pct = (x: number) => `${Math.round(x * 100)}%`;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** "Mon 30": a date's weekday and day of the month. */
export const weekdayLabel = (date: string) => `${WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()]} ${Number(date.slice(8, 10))}`;

/** "×2.1 the usual" when a week differs from its usual level by 5 % or more, else nothing. */
export function changeWords(calls: number | null, usual: number | null): string {
  if (calls === null || usual === null || usual <= 0) return '';
  const r = calls / usual;
  return Math.abs(r - 1) < 0.05 ? '' : `×${r.toFixed(1)} the usual`;
}

/** "×2.0 (2 holidays, 9 days)" or why there is no figure. */
export function afterHolidayWords(e: AfterHolidayEffect): string {
  if (e.factor === null) return e.holidays.length ? 'no usual level to compare with' : 'no holiday in the history';
  const n = e.holidays.length;
  return `×${e.factor.toFixed(1)} (${n} holiday${n === 1 ? '' : 's'}, ${e.days} day${e.days === 1 ? '' : 's'})`;
}

const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export interface IntervalTable {
  groups: Array<string | null>;
  rows: Array<{ period_start: string; label: string; required: Array<number | null> }>;
}

/** The forecast groups' reps per interval: a row per interval any of them has calls in, a column per group. */
export function intervalTable(f: Pick<ReasonForecast, 'groups'>): IntervalTable {
  const shown = f.groups.filter((g) => g.forecast);
  const starts = new Map<string, { date: string; minute: number }>();
  for (const g of shown) for (const i of g.intervals) if (i.calls > 0) starts.set(i.period_start, { date: i.date, minute: i.minute });
  const byGroup = shown.map((g) => new Map(g.intervals.map((i) => [i.period_start, i.required])));
  const rows = [...starts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([start, s]) => ({
      period_start: start,
      label: `${weekdayLabel(s.date)} ${clock(s.minute)}`,
      required: byGroup.map((m) => m.get(start) ?? 0)
    }));
  return { groups: shown.map((g) => g.reason_group), rows };
}

/**
 * What the coverage page sends of the forecast per reason group: the groups without their intervals
 * (each group's week of intervals with its handle time and agents, about 0.13 MB of the page's 0.19 on
 * the demo) and the one table the page draws of them.
 */
export type ShownReasonForecast = Omit<ReasonForecast, 'groups'> & { groups: Array<Omit<ReasonGroupForecast, 'intervals'>>; table: IntervalTable };

export function shownReasonForecast(f: ReasonForecast): ShownReasonForecast {
  return { ...f, groups: f.groups.map(({ intervals: _intervals, ...g }) => g), table: intervalTable(f) };
}
