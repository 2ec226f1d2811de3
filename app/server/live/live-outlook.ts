/**
 * The rest of today's outlook (analytics/staffing/intraday-outlook.ts) for the live floor and the
 * day view, computed at most once a minute per database: it fits the forecast (a few hundred
 * milliseconds on the demo; README, Performance), while a snapshot is made on every load, many
 * times a minute under `serve --follow`. The key is the zone, the local date and the local minute,
 * not the data version: under a followed log the version moves every second, and a minute's
 * staleness is nothing next to the 30-minute intervals the outlook speaks in (a schedule published
 * shows within the minute).
 *
 * Within a day, once an outlook exists a new minute returns the last one at once and computes the
 * next one behind it, so no snapshot waits for the forecast but the day's first. A failed
 * computation answers its minute with the day's last outlook, else with its message as the note
 * (status 'error'); the next minute tries again.
 */
import type { Database } from '../../../sql/db.ts';
import { intradayOutlook, OUTLOOK_INTERVAL_MINUTES, type Outlook } from '../../../analytics/staffing/intraday-outlook.ts';
import { clock } from '../../../analytics/roster/schedule-model.ts';
import { localNow } from '../../lib/shell/dates.ts';

interface Entry {
  key: string;
  day: string;
  answer: Promise<Outlook>;
  /** The last answer of this day that settled. */
  settled: Outlook | null;
}

const entries = new WeakMap<Database, Entry>();

/** How many outlooks have been computed (tests and the bench count them). */
export const outlookComputations = { count: 0 };

function failed(date: string, nowMinute: number, e: unknown): Outlook {
  return {
    date, status: 'error', note: `The outlook could not be computed: ${e instanceof Error ? e.message : String(e)}`,
    interval_minutes: OUTLOOK_INTERVAL_MINUTES, cut_off: clock(nowMinute),
    calls_so_far: 0, forecast_so_far: 0, ratio: null, factor: 1, forecast_day: 0, reprojected_day: 0, intervals: [], lines: []
  };
}

/** Today's outlook as of `asOf` (default now), shared by every reader within the minute. */
export function outlookNow(db: Database, opts: { timeZone: string; asOf?: Date }): Promise<Outlook> {
  const now = localNow(opts.timeZone, opts.asOf ?? new Date());
  const nowMinute = Number(now.time.slice(0, 2)) * 60 + Number(now.time.slice(3, 5));
  const day = `${opts.timeZone}|${now.date}`;
  const key = `${day}|${now.time}`;
  const hit = entries.get(db);
  if (hit && hit.key === key) return hit.answer;
  outlookComputations.count++;
  const entry: Entry = { key, day, answer: intradayOutlook(db, { date: now.date, nowMinute, timeZone: opts.timeZone }), settled: hit?.day === day ? hit.settled : null };
  entries.set(db, entry);
  entry.answer = entry.answer.then(
    (o) => {
      entry.settled = o;
      return o;
    },
    // A failure answers this minute with the last good outlook, else with its message; the next minute tries again.
    (e) => entry.settled ?? failed(now.date, nowMinute, e)
  );
  return entry.settled ? Promise.resolve(entry.settled) : entry.answer;
}
