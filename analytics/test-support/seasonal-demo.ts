/**
 * Tests and bench only: the demo generator's three-year center (app/server/demo/arrival-history.ts with
 * the long-range volume of volume.ts: yearly season, 6 % a year trend, bill mail-outs, the city's moving
 * and fixed holidays and the surge after them) as the forecast's history rows, with what a scheduler
 * would have entered on the coverage page. Handle time is each queue's team average (no season).
 */
import { demoArrivalHistory, type ArrivalHistory } from '../../app/server/demo/arrival-history.ts';
import { QUEUES } from '../../app/server/demo/center.ts';
import { OPEN_HOURS } from '../../app/server/demo/calendar.ts';
import { SEASONAL_VOLUME } from '../../app/server/demo/volume.ts';
import type { HistoryRow, SpecialDay } from '../forecast/forecast-model.ts';
import { addDays, isoWeekday } from '../roster/schedule-model.ts';

/** Three years and ten weeks from a Monday: the last 8 complete weeks are held out. */
export const SEASONAL_FROM = '2023-06-05';
export const SEASONAL_DAYS = 3 * 364 + 7 * 10;

export interface SeasonalDemo extends Omit<ArrivalHistory, 'rows' | 'specials'> {
  rows: HistoryRow[];
  specials: SpecialDay[];
  /** Mondays of the 8 held-out weeks (the last 8 complete ones). */
  heldOut: string[];
  isOpen: (date: string, minute: number) => boolean;
}

export function seasonalDemo(from = SEASONAL_FROM, days = SEASONAL_DAYS): SeasonalDemo {
  const h = demoArrivalHistory({ from, days, volume: SEASONAL_VOLUME });
  const aht = new Map(QUEUES.map((q) => [q.name as string, q.ahtS]));
  const rows = h.rows.map((r) => ({ ...r, answered: r.offered, handle_s: r.offered * (aht.get(r.queue) ?? 0) }));
  const lastMonday = addDays(from, 7 * Math.floor(days / 7) - 7);
  return {
    ...h, rows, specials: h.specials,
    heldOut: Array.from({ length: 8 }, (_, i) => addDays(lastMonday, -7 * (7 - i))),
    isOpen: (date, minute) => {
      const hours = OPEN_HOURS[isoWeekday(date) % 7];
      return hours !== null && minute * 60 >= hours[0] && minute * 60 < hours[1];
    }
  };
}
