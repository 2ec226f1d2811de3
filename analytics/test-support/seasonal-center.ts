/**
 * Tests and bench only: a generated center of three years at the forecast's grain (calls offered per
 * queue, local date and 30-minute interval), for measuring the staffing plan's forecast where a yearly
 * season can be learnt. Open Monday to Friday 08:00–17:00, two queues; a day's level is the base ×
 * a trend (+8 % a year) × a yearly season (winter peak +20 %, summer trough −20 %) × a bills-mailed
 * bump (+25 % in the week after the 1st of Jan, Apr, Jul and Oct) × a weekday factor × a small random
 * swing; moving holidays (Memorial Day, Labor Day, Thanksgiving and the Friday after) and fixed ones
 * (New Year's Day, July 4th, Christmas) are closed, the open day after each gets +30 %. Each interval's
 * calls are Poisson around the day's shape. The holidays are returned as planned special days, as a
 * scheduler would enter them on the coverage page. Seeded: the same options give the same rows.
 */
import { addDays, isoWeekday } from '../roster/schedule-model.ts';
import type { HistoryRow, SpecialDay } from '../forecast/forecast-model.ts';
import { lognormal, poisson, streamFor } from '../../app/server/demo/prng.ts';

export const SEASONAL_OPEN = 8 * 60;
export const SEASONAL_CLOSE = 17 * 60;
const WEEKDAY = [0, 1.2, 1.05, 1, 0.95, 0.85];
const QUEUES: ReadonlyArray<readonly [string, number, number]> = [['billing', 0.6, 300], ['service', 0.4, 240]];

const shape = (minute: number) => {
  const h = (minute + 15) / 60;
  return 1 + 1.6 * Math.exp(-(((h - 10) / 1.2) ** 2)) + 0.7 * Math.exp(-(((h - 14) / 1.0) ** 2));
};

/** The nth (1-based; -1 = last) given ISO weekday of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  if (n > 0) return addDays(first, ((weekday - isoWeekday(first) + 7) % 7) + 7 * (n - 1));
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  const last = addDays(next, -1);
  return addDays(last, -((isoWeekday(last) - weekday + 7) % 7));
}

/** The center's closed days of a year: moving and fixed holidays. */
export function holidays(year: number): SpecialDay[] {
  const thanksgiving = nthWeekday(year, 11, 4, 4);
  const days: Array<[string, string]> = [
    [`${year}-01-01`, "New Year's Day"], [nthWeekday(year, 5, 1, -1), 'Memorial Day'], [`${year}-07-04`, 'Independence Day'],
    [nthWeekday(year, 9, 1, 1), 'Labor Day'], [thanksgiving, 'Thanksgiving'], [addDays(thanksgiving, 1), 'Day after Thanksgiving'], [`${year}-12-25`, 'Christmas Day']
  ];
  return days.map(([date, name]) => ({ date, queue: '*', kind: 'closed', name, volume_factor: 0 }));
}

export interface SeasonalCenterOptions {
  from: string;
  days: number;
  /** Calls on an average open day at the start, all queues. Default 900. */
  level?: number;
  seed?: number;
}

export function seasonalCenterHistory(opts: SeasonalCenterOptions): { rows: HistoryRow[]; specials: SpecialDay[] } {
  const level = opts.level ?? 900;
  const minutes: number[] = [];
  for (let m = SEASONAL_OPEN; m < SEASONAL_CLOSE; m += 30) minutes.push(m);
  const total = minutes.reduce((s, m) => s + shape(m), 0);
  const first = Number(opts.from.slice(0, 4));
  const last = Number(addDays(opts.from, opts.days).slice(0, 4));
  const specials = Array.from({ length: last - first + 1 }, (_, i) => holidays(first + i)).flat();
  const closed = new Set(specials.map((s) => s.date));
  const rows: HistoryRow[] = [];
  let afterHoliday = false;
  for (let i = 0; i < opts.days; i++) {
    const date = addDays(opts.from, i);
    const weekday = isoWeekday(date);
    if (weekday > 5) continue;
    if (closed.has(date)) {
      afterHoliday = true;
      continue;
    }
    const rng = streamFor(opts.seed ?? 11, 'seasonal-center', date);
    const years = i / 365.25;
    const doy = (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${date.slice(0, 4)}-01-01T00:00:00Z`)) / 864e5;
    const season = 1 + 0.2 * Math.cos((2 * Math.PI * (doy - 15)) / 365.25);
    const month = Number(date.slice(5, 7));
    const dom = Number(date.slice(8, 10));
    const mailed = [1, 4, 7, 10].includes(month) && dom >= 2 && dom <= 8 ? 1.25 : 1;
    const day = level * (1 + 0.08 * years) * season * mailed * WEEKDAY[weekday] * lognormal(rng, 1, 0.04) * (afterHoliday ? 1.3 : 1);
    afterHoliday = false;
    for (const [queue, share, aht] of QUEUES) {
      for (const minute of minutes) {
        const offered = poisson(rng, (day * share * shape(minute)) / total);
        if (offered === 0) continue;
        const answered = Math.round(offered * 0.9);
        rows.push({ queue, date, minute, offered, answered, handle_s: answered * aht });
      }
    }
  }
  return { rows, specials };
}
