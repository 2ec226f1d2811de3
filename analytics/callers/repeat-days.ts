/**
 * Keeps the repeat_days summary (sql/migrations/044-trend-summaries.sql) up to date: per local date
 * and queue, the answered calls and how many were repeats for the repeat window in force, counted
 * from call_facts, so that the trends' repeat rate per week, month or quarter sums a few hundred
 * rows instead of flagging millions of calls. It is refreshed when the facts catch up, in their
 * transaction (catchUpCallFacts), from the earliest changed day on; it is read only while the facts
 * answer for the calls and the summary was built from them for the window and zone asked
 * (repeatDaysUsable), so a stale one costs speed, never a different figure. A new repeat window or
 * zone is taken up at the next catch-up (serve starts one; every load ends with one).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../sql/db.ts';

interface RepeatDaysState {
  built_calls: number;
  window_s: number;
  time_zone: string;
  calls: number;
}

function state(db: Database, conn?: DuckDBConnection): Promise<RepeatDaysState | undefined> {
  return db.query<RepeatDaysState>('repeat-days-state', {}, conn).then((rows) => rows[0]);
}

/** Whether repeat_days answers for the calls now, with the facts current, for `windowS` in `timeZone`. */
export async function repeatDaysUsable(db: Database, factsCurrent: boolean, windowS: number, timeZone: string): Promise<boolean> {
  if (!factsCurrent) return false;
  const s = await db.lookups.get('repeat-days-state', () => state(db));
  return s !== undefined && s.built_calls === s.calls && s.window_s === windowS && s.time_zone === timeZone;
}

/**
 * In the facts' catch-up transaction, once they answer for the calls. `factsChanged` (the catch-up
 * reworked facts from `since`, or all when null): from `since` on when the summary answered for the
 * facts as they were before (`factsCallsBefore`, the same window and zone), else all of it. Facts
 * that were current already: all of it, unless it answers for them, the window and the zone.
 */
export async function refreshRepeatDays(
  db: Database, conn: DuckDBConnection,
  o: { factsChanged: boolean; since: string | null; factsCallsBefore: number | null; windowS: number; timeZone: string }
): Promise<void> {
  const s = await state(db, conn);
  const same = s !== undefined && s.window_s === o.windowS && s.time_zone === o.timeZone;
  if (!o.factsChanged && same && s.built_calls === s.calls) return;
  const since = o.factsChanged && same && o.since !== null && s.built_calls === o.factsCallsBefore ? o.since : null;
  await db.scriptFile('refresh-repeat-days', { since, window_s: o.windowS, tz: o.timeZone }, conn);
}
