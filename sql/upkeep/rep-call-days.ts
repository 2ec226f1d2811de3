/**
 * Keeps the rep_call_days summary (sql/migrations/044-trend-summaries.sql) up to date: what the
 * quality score counts of each rep's calls, per local date (of one zone), queue and interface, which
 * sql/quality-score.sql reads instead of every call. It is refreshed wherever call_slices is
 * (refreshCallSlices calls refreshRepCallDays), from the earliest changed call's date on, in the
 * zone it was built in; a query reads it only while it matches the calls, the ring attempts and the
 * query's zone (repCallDaysUsable), so a stale summary costs speed, never a different figure. No
 * other setting changes it; a new center zone rebuilds it (rebuildRepCallDays: the zone's save, serve).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../db.ts';

interface RepDaysState {
  built_calls: number;
  built_rings: number;
  time_zone: string;
  calls: number;
  rings: number;
}

function state(db: Database, conn?: DuckDBConnection): Promise<RepDaysState | undefined> {
  return db.query<RepDaysState>('rep-call-days-state', {}, conn).then((rows) => rows[0]);
}

const current = (s: RepDaysState | undefined): s is RepDaysState => s !== undefined && s.built_calls === s.calls && s.built_rings === s.rings;

/** The zone rep_call_days answers for when it matches the calls as they are now, else null (shared while the data is unchanged). */
export async function repCallDaysZone(db: Database, conn?: DuckDBConnection): Promise<string | null> {
  const zone = async () => {
    const s = await state(db, conn);
    return current(s) ? s.time_zone : null;
  };
  return conn ? zone() : db.lookups.get('rep-call-days-zone', zone);
}

/** Whether rep_call_days may answer a question asked in `timeZone`. */
export async function repCallDaysUsable(db: Database, timeZone: string): Promise<boolean> {
  return (await repCallDaysZone(db)) === timeZone;
}

/**
 * Brings the summary up to date where call_slices is (refreshCallSlices), in the zone it was built in.
 * `callsBefore` given (a load): from `since` on when the summary matched the calls before the load,
 * else all of it. Without it (settings changed, calls changed some other way): all of it, unless it
 * is current already. Never built (no state row): left for rebuildRepCallDays.
 */
export async function refreshRepCallDays(
  db: Database, conn: DuckDBConnection, callsBefore: number | undefined, since: string | null
): Promise<void> {
  const s = await state(db, conn);
  if (!s) return;
  let from: string | null = null;
  if (callsBefore === undefined) {
    if (current(s)) return;
  } else if (s.built_calls === callsBefore) {
    from = since;
  }
  await db.scriptFile('refresh-rep-call-days', { since: from, tz: s.time_zone }, conn);
}

/** All of it again in `timeZone` (a new center zone, or a zone other than the one it was built in), unless it answers for it already. */
export async function rebuildRepCallDays(db: Database, conn: DuckDBConnection, timeZone: string): Promise<boolean> {
  const s = await state(db, conn);
  if (current(s) && s.time_zone === timeZone) return false;
  await db.scriptFile('refresh-rep-call-days', { since: null, tz: timeZone }, conn);
  return true;
}
