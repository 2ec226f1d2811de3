/**
 * Keeps the call_slices summary (sql/migrations/008-call-slices.sql) up to date: the calls judged by
 * the settings in force, summed per 15 minutes and queue, which sql/call-metrics.sql reads for long
 * ranges instead of every call. Whatever changes calls or queue settings refreshes it: in the same
 * transaction, or for a load in one of its own just after (ingest/load.ts: committed calls are read
 * several times quicker); a query reads it only while it still matches (callSlicesUsable), so a
 * summary left stale (calls written some other way, a kill between the two) costs speed, never a wrong figure.
 *
 * A load notes the earliest enter_ts of the calls it deletes or inserts (noteChangedCalls); the
 * refresh then rebuilds only the slices from there on, which for an appended export is the last few
 * minutes. A full rebuild reads every call once (about 1 s for 10M calls on 2 cores).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../db.ts';
import { DEFAULT_SHORT_ABANDON_S, DEFAULT_SL_FORMULA, DEFAULT_SL_THRESHOLD_S } from './metric-defaults.ts';
import { refreshRepCallDays } from './rep-call-days.ts';

/** The defaults queues without settings are judged by (docs/definitions.md), as the SQL's parameters. */
export const SUMMARY_DEFAULTS = {
  default_sl_threshold_s: DEFAULT_SL_THRESHOLD_S,
  default_short_abandon_s: DEFAULT_SHORT_ABANDON_S,
  default_sl_formula: DEFAULT_SL_FORMULA
};

interface SummaryState {
  built_calls: number;
  calls: number;
  same_settings: boolean;
}

function summaryState(db: Database, conn?: DuckDBConnection): Promise<SummaryState | undefined> {
  return db.query<SummaryState>('call-slices-state', SUMMARY_DEFAULTS, conn).then((rows) => rows[0]);
}

/**
 * Whether call_slices answers for the calls and settings as they are now. Outside a transaction the
 * answer is shared while the data is unchanged (db.lookups): a page asks it once per metric query.
 */
export async function callSlicesUsable(db: Database, conn?: DuckDBConnection): Promise<boolean> {
  const usable = async () => {
    const s = await summaryState(db, conn);
    return s !== undefined && s.same_settings && s.built_calls === s.calls;
  };
  return conn ? usable() : db.lookups.get('call-slices-usable', usable);
}

/** In a load's transaction, before it changes calls: a place to note where the changes start. */
export async function startNotingChangedCalls(conn: DuckDBConnection): Promise<void> {
  await conn.run('CREATE OR REPLACE TEMP TABLE changed_calls (enter_ts TIMESTAMPTZ)');
  await conn.run('CREATE OR REPLACE TEMP TABLE changed_callids (callid VARCHAR)'); // call reasons follow these (sql/reasons-scope-load.sql)
}

/**
 * Notes the earliest enter_ts of calls a load is about to delete or has inserted (`from`: a FROM
 * clause), and their callids (whose call reasons the load then works out again).
 */
export async function noteChangedCalls(conn: DuckDBConnection, from: string): Promise<void> {
  await conn.run(`INSERT INTO changed_calls SELECT min(enter_ts) ${from}`);
  await conn.run(`INSERT INTO changed_callids SELECT DISTINCT callid ${from}`);
}

/**
 * Where the load's noted changes start: `unchanged` when it noted only that it changed no calls,
 * else the earliest enter_ts (null when nothing was noted: the whole range must be taken).
 */
export async function earliestChange(db: Database, conn: DuckDBConnection): Promise<'unchanged' | { since: string | null }> {
  const changed = await db.one<{ since: string | null; notes: number }>(
    'SELECT CAST(min(enter_ts) AS VARCHAR) AS since, count(*) AS notes FROM changed_calls', {}, conn
  );
  if (changed && changed.notes > 0 && changed.since === null) return 'unchanged';
  return { since: changed?.since ?? null };
}

/**
 * Brings the summary up to date: in the transaction that changed settings or calls, or (a load) in
 * one of its own right after it.
 * - `callsBefore` given (a load): only the slices from the earliest noted change on, when the
 *   summary was up to date before the load; otherwise (or with no notes) all of it. `noted`: the
 *   load's earliestChange, when it asked already.
 * - no `callsBefore` (settings changed): all of it.
 */
export async function refreshCallSlices(
  db: Database, conn: DuckDBConnection, callsBefore?: number, noted?: Awaited<ReturnType<typeof earliestChange>>
): Promise<void> {
  let since: string | null = null;
  let changedSince: string | null = null;
  if (callsBefore !== undefined) {
    const changed = noted ?? (await earliestChange(db, conn));
    if (changed === 'unchanged') return;
    // (no notes at all: a path that did not say what it changed, so all of it is rebuilt)
    const s = await summaryState(db, conn);
    const wasCurrent = s !== undefined && s.same_settings && s.built_calls === callsBefore;
    changedSince = changed.since;
    since = wasCurrent ? changed.since : null;
  }
  await db.scriptFile('refresh-call-slices', { since, ...SUMMARY_DEFAULTS }, conn);
  // The quality score's summary per rep follows the same changes (it depends on no setting).
  await refreshRepCallDays(db, conn, callsBefore, changedSince);
}
