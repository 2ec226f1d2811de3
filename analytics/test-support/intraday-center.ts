/**
 * Tests and bench only: a generated center's history at the forecast's grain (calls offered per
 * queue, local date and 30-minute interval), with day-level swings planted so the intraday
 * re-projection has something to find. Two queues, open Monday to Friday 08:00–17:00, a morning
 * peak and a smaller after-lunch one, weekday factors (Monday busiest); each day's level is the
 * base times a random swing (lognormal, `daySigma`) times any planted shock ("bills mailed": ×1.4
 * all day), and each interval's calls are Poisson around it. Seeded: the same options give the same rows.
 */
import { addDays, isoWeekday } from '../roster/schedule-model.ts';
import type { HistoryRow } from '../forecast/forecast-model.ts';
import { lognormal, poisson, streamFor } from '../../app/server/demo/prng.ts';

export interface IntradayCenterOptions {
  /** First date (a Monday reads best). */
  from: string;
  days: number;
  /** Calls on an average open day, all queues. Default 900. */
  level?: number;
  /** Log-space sigma of the day-to-day swing. Default 0.08. */
  daySigma?: number;
  /** Planted day-level shocks: date → factor (1.4 = +40 % all day). */
  shocks?: Readonly<Record<string, number>>;
  seed?: number;
}

export const INTRADAY_OPEN = 8 * 60;
export const INTRADAY_CLOSE = 17 * 60;
const WEEKDAY = [0, 1.2, 1.05, 1, 0.95, 0.85];
const QUEUES: ReadonlyArray<readonly [string, number, number]> = [['billing', 0.6, 300], ['service', 0.4, 240]];

/** Share of the day's calls in the 30-minute interval starting at `minute`. */
function shape(minute: number): number {
  const h = (minute + 15) / 60;
  return 1 + 1.6 * Math.exp(-(((h - 10) / 1.2) ** 2)) + 0.7 * Math.exp(-(((h - 14) / 1.0) ** 2));
}

export function intradayCenterHistory(opts: IntradayCenterOptions): HistoryRow[] {
  const level = opts.level ?? 900;
  const sigma = opts.daySigma ?? 0.08;
  const minutes: number[] = [];
  for (let m = INTRADAY_OPEN; m < INTRADAY_CLOSE; m += 30) minutes.push(m);
  const total = minutes.reduce((s, m) => s + shape(m), 0);
  const rows: HistoryRow[] = [];
  for (let i = 0; i < opts.days; i++) {
    const date = addDays(opts.from, i);
    const weekday = isoWeekday(date);
    if (weekday > 5) continue;
    const rng = streamFor(opts.seed ?? 7, 'intraday-center', date);
    const day = level * WEEKDAY[weekday] * lognormal(rng, 1, sigma) * (opts.shocks?.[date] ?? 1);
    for (const [queue, share, aht] of QUEUES) {
      for (const minute of minutes) {
        const offered = poisson(rng, (day * share * shape(minute)) / total);
        if (offered === 0) continue;
        const answered = Math.round(offered * 0.9);
        rows.push({ queue, date, minute, offered, answered, handle_s: answered * aht });
      }
    }
  }
  return rows;
}
