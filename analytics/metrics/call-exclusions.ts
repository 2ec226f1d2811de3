/**
 * Taking a loaded call out of every figure, and putting it back (migration 016). A call is excluded
 * by moving its row from calls to excluded_calls: every metric, summary, fact, list, forecast and
 * report reads calls, so none of them needs to know, and the figures are exactly those of a
 * database that never loaded the call. call_exclusions keeps which call, why, who and when; a load
 * that derives an excluded call again (its callid grew) moves the new row out too (holdExcludedCalls).
 *
 * Each move is made in the caller's transaction, which also brings the call_slices summary up to
 * date and notes the change for the call facts, like a load does (sql/upkeep/). A call is named by its id on /calls and in the API: '<file_id>-<line_no>', the
 * file and line its ENTERQUEUE (first CDR leg, CSV row) was read from.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../sql/db.ts';
import { ConflictError, InputError, NotFoundError } from '../../sql/errors.ts';
import { refreshCallSlices, startNotingChangedCalls } from '../../sql/upkeep/call-slices.ts';
import { notePendingFacts } from '../../sql/upkeep/call-facts-pending.ts';
import { sharedColumns } from '../../sql/upkeep/excluded-calls.ts';

export const MAX_REASON_LENGTH = 500;

export interface CallKey {
  fileId: number;
  lineNo: number;
}

export interface Exclusion {
  id: string;
  callid: string | null;
  queue: string | null;
  /** UTC instant the call entered its queue. */
  enter_ts: string | null;
  outcome: string | null;
  reason: string;
  excluded_by: string;
  /** UTC instant. */
  excluded_at: string;
}

/** A reason an admin gives: one line of text, not empty. */
export function checkReason(reason: unknown): string {
  const text = typeof reason === 'string' ? reason.replace(/\s+/g, ' ').trim() : '';
  if (!text) throw new InputError('--reason: say why the call is taken out of the figures (e.g. "test call from the PBX vendor")');
  if (text.length > MAX_REASON_LENGTH) throw new InputError(`--reason: at most ${MAX_REASON_LENGTH} characters`);
  return text;
}


const countCalls = async (db: Database, conn: DuckDBConnection) =>
  Number((await db.one<{ n: number }>('SELECT count(*) AS n FROM calls', {}, conn))!.n);

const KEY = 'file_id = $file_id AND line_no = $line_no';

/** One exclusion, with what the call was. */
export async function getExclusion(db: Database, key: CallKey, conn?: DuckDBConnection): Promise<Exclusion | undefined> {
  const rows = await listExclusions(db, key, conn);
  return rows[0];
}

/** Every call taken out of the figures (newest first), or the one of `key`. */
export async function listExclusions(db: Database, key?: CallKey, conn?: DuckDBConnection): Promise<Exclusion[]> {
  return db.all<Exclusion>(
    `SELECT x.file_id || '-' || x.line_no AS id, c.callid, c.queue,
            strftime(c.enter_ts, '%Y-%m-%dT%H:%M:%SZ') AS enter_ts, c.outcome, x.reason, x.excluded_by,
            strftime(x.excluded_at, '%Y-%m-%dT%H:%M:%SZ') AS excluded_at
     FROM call_exclusions x
     LEFT JOIN excluded_calls c ON c.file_id = x.file_id AND c.line_no = x.line_no
     WHERE $file_id IS NULL OR (x.file_id = $file_id AND x.line_no = $line_no)
     ORDER BY x.excluded_at DESC, x.file_id, x.line_no`,
    { file_id: key?.fileId ?? null, line_no: key?.lineNo ?? null },
    conn
  );
}

/** Brings the summary and the facts' note up to date after calls changed at `enterTs`. */
async function noteChange(db: Database, conn: DuckDBConnection, enterTs: string, callsBefore: number): Promise<void> {
  await startNotingChangedCalls(conn);
  await conn.run('INSERT INTO changed_calls VALUES (CAST($ts AS TIMESTAMPTZ))', { ts: enterTs });
  await refreshCallSlices(db, conn, callsBefore);
  await notePendingFacts(db, conn, callsBefore);
}

/** Moves a loaded call out of calls (in `conn`'s transaction). The facts catch up afterwards (catchUpCallFacts). */
export async function moveCallOut(db: Database, conn: DuckDBConnection, key: CallKey, reason: string, by: string): Promise<Exclusion> {
  const params = { file_id: key.fileId, line_no: key.lineNo };
  const already = await getExclusion(db, key, conn);
  if (already) {
    throw new ConflictError(`call ${key.fileId}-${key.lineNo} is already excluded (by ${already.excluded_by}: ${already.reason})`);
  }
  const call = await db.one<{ enter_ts: string }>(`SELECT CAST(enter_ts AS VARCHAR) AS enter_ts FROM calls WHERE ${KEY}`, params, conn);
  if (!call) throw new NotFoundError(`No call ${key.fileId}-${key.lineNo}`);
  const callsBefore = await countCalls(db, conn);
  const cols = await sharedColumns(db, conn);
  await conn.run(`INSERT INTO excluded_calls (${cols}) SELECT ${cols} FROM calls WHERE ${KEY}`, params);
  await conn.run(`DELETE FROM calls WHERE ${KEY}`, params);
  await conn.run(
    'INSERT INTO call_exclusions (file_id, line_no, reason, excluded_by) VALUES ($file_id, $line_no, $reason, $by)',
    { ...params, reason, by }
  );
  await noteChange(db, conn, call.enter_ts, callsBefore);
  return (await getExclusion(db, key, conn))!;
}

/** Puts an excluded call back into calls (in `conn`'s transaction); says what the exclusion was. */
export async function moveCallBack(db: Database, conn: DuckDBConnection, key: CallKey): Promise<Exclusion> {
  const params = { file_id: key.fileId, line_no: key.lineNo };
  const exclusion = await getExclusion(db, key, conn);
  if (!exclusion) throw new NotFoundError(`call ${key.fileId}-${key.lineNo} is not excluded`);
  const callsBefore = await countCalls(db, conn);
  const cols = await sharedColumns(db, conn);
  await conn.run(`INSERT INTO calls (${cols}) SELECT ${cols} FROM excluded_calls WHERE ${KEY}`, params);
  await conn.run(`DELETE FROM excluded_calls WHERE ${KEY}`, params);
  await conn.run(`DELETE FROM call_exclusions WHERE ${KEY}`, params);
  if (exclusion.enter_ts) await noteChange(db, conn, exclusion.enter_ts, callsBefore);
  return exclusion;
}

