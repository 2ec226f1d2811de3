/** Test helpers: a fresh in-memory database and readers for what a load left in it. */
import { openDatabase, type Database } from '../sql/db.ts';

export const TZ = 'America/Chicago';

export function freshDb(): Promise<Database> {
  return openDatabase(':memory:');
}

/** The calls as reviewed golden rows: local times in the center's zone, stable order. */
export function callRows(db: Database) {
  return db.all(
    `SELECT source, line_no, callid, queue, direction, caller, did,
            strftime(timezone($tz, enter_ts), '%Y-%m-%d %H:%M:%S') AS enter_local,
            strftime(timezone($tz, connect_ts), '%Y-%m-%d %H:%M:%S') AS connect_local,
            strftime(timezone($tz, end_ts), '%Y-%m-%d %H:%M:%S') AS end_local,
            outcome, end_event, agent, wait_s, talk_s, ring_no_answer, transferred, enter_position
     FROM calls ORDER BY enter_ts, line_no`,
    { tz: TZ }
  );
}

export async function count(db: Database, table: string): Promise<number> {
  const allowed = ['calls', 'queue_events', 'cdr_records', 'ring_attempts', 'rep_states', 'quarantine', 'source_files', 'load_runs'];
  if (!allowed.includes(table)) throw new Error(`not a table: ${table}`);
  return (await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
}
