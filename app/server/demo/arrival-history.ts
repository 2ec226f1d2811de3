/**
 * The demo center's calls at the forecast's grain, for long ranges: its fresh calls (arrivals.ts, the
 * same calendar, holidays, surges, weekday and intraday patterns, day noise and Poisson bins as the
 * demo, with an optional long-range `volume`) counted per queue, local date and 30-minute interval,
 * without simulating each call through the queues and the loader. What the staffing plan's accuracy
 * bench measures three years on (simulating and loading three years of calls takes many minutes).
 * Offered calls in the loaded demo also hold lost callers' retries and transfers (about 4 % more).
 *
 * Also gives what a scheduler would have entered on the coverage page (the holidays as closed days,
 * bill mail-out days as special days named BILL_MAILOUT, factor 1) and each day's expected calls
 * before its random swing (`expected`), from which the floors are worked out.
 */
import { drawArrivals, expectedFreshCalls } from '../../../app/server/demo/arrivals.js';
import { addDays, CenterCalendar, Zone } from '../../../app/server/demo/calendar.js';
import { DEMO_PLANTED, QUEUES } from '../../../app/server/demo/center.js';
import { DEFAULT_SEED } from '../../../app/server/demo/generate-demo-center.js';
import { streamFor } from '../../../app/server/demo/prng.js';
import { BILL_MAILOUT, isBillMailout, queueFactor, type DemoVolume } from '../../../app/server/demo/volume.js';

export interface ArrivalCount {
  queue: string;
  date: string;
  /** Minutes after local midnight of the 30-minute interval's start. */
  minute: number;
  offered: number;
}

export interface PlannedDay {
  date: string;
  queue: '*';
  kind: 'closed' | 'special';
  name: string;
  volume_factor: number;
}

export interface ArrivalHistory {
  rows: ArrivalCount[];
  specials: PlannedDay[];
  /** Expected calls per open date (all queues), before the day's random swing. */
  expected: Map<string, number>;
  /** The day's random swing (lognormal sigma): randomness beyond Poisson that no forecast can know. */
  dayNoiseSigma: number;
}

export interface ArrivalHistoryOptions {
  /** First and number of local days. */
  from: string;
  days: number;
  volume?: DemoVolume;
  seed?: number;
  timeZone?: string;
}

export function demoArrivalHistory(opts: ArrivalHistoryOptions): ArrivalHistory {
  const seed = opts.seed ?? DEFAULT_SEED;
  const zone = new Zone(opts.timeZone ?? 'America/Chicago');
  const calendar = new CenterCalendar(zone);
  const counts = new Map<string, ArrivalCount>();
  const specials: PlannedDay[] = [];
  const expected = new Map<string, number>();
  for (let i = 0; i < opts.days; i++) {
    const day = calendar.plan(addDays(opts.from, i));
    if (day.holiday !== null) specials.push({ date: day.key, queue: '*', kind: 'closed', name: day.holiday, volume_factor: 0 });
    if (day.open === null) continue;
    if (opts.volume && opts.volume.billing !== 1 && isBillMailout(day)) specials.push({ date: day.key, queue: '*', kind: 'special', name: BILL_MAILOUT, volume_factor: 1 });
    const before = opts.days - 1 - i;
    const base = expectedFreshCalls(day, before, opts.volume);
    expected.set(day.key, QUEUES.reduce((s, q) => s + base * q.share * (opts.volume ? queueFactor(opts.volume, day, q.name) : 1), 0));
    for (const a of drawArrivals(day, before, streamFor(seed, 'arrivals', day.key), opts.volume)) {
      const minute = Math.floor((a.t - day.open + day.openSec) / 1800) * 30;
      const key = `${a.queue}|${day.key}|${minute}`;
      const c = counts.get(key) ?? { queue: a.queue, date: day.key, minute, offered: 0 };
      c.offered += 1;
      counts.set(key, c);
    }
  }
  return { rows: [...counts.values()], specials, expected, dayNoiseSigma: DEMO_PLANTED.dailyNoiseSigma };
}
