/**
 * Keeps call_facts (sql/migrations/011-call-facts.sql) up to date: per call, the facts the repeat rate
 * and lost-call follow-up are counted from whatever their windows (the caller's previous call under
 * another callid, a lost call's first recovering contact), so that a period's figures are sums over
 * them rather than each caller's calls matched against each other. They depend on no setting: only
 * a change of calls refreshes them, in the load's transaction, next to the call_slices summary
 * (call-slices.ts notes where a load's changes start). A query reads them only while they match the
 * calls (callFactsUsable); otherwise it counts the long way, so stale facts cost speed, never a
 * wrong figure.
 *
 * The facts look at most as far as the longest windows allowed (repeat: 90 days back; follow-up: 30
 * days on), so after a load only the calls from the earliest change on, and the lost calls up to 31
 * days before it, are worked out again. A full build reads every call (a few seconds for 10M).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../sql/db.ts';

/** The longest repeat look-back the facts answer for (repeat-callers.ts accepts no longer). */
export const REPEAT_FACTS_MAX_S = 90 * 86_400;
/** The longest follow-up window the facts answer for (follow-up.ts accepts no longer). */
export const FOLLOW_UP_FACTS_MAX_S = 30 * 86_400;

const CAPS = { repeat_cap_s: REPEAT_FACTS_MAX_S, follow_up_cap_s: FOLLOW_UP_FACTS_MAX_S };

interface FactsState {
  built_calls: number;
  calls: number;
  odd_calls: number;
}

function factsState(db: Database, conn?: DuckDBConnection): Promise<FactsState | undefined> {
  return db.query<FactsState>('call-facts-state', {}, conn).then((rows) => rows[0]);
}

export interface FactsUse {
  /** The repeat rate may be counted from call_facts (for windows up to REPEAT_FACTS_MAX_S). */
  repeat: boolean;
  /** Follow-up may be (for windows up to FOLLOW_UP_FACTS_MAX_S): no call has times it cannot stand for. */
  followUp: boolean;
}

/** Whether call_facts answers for the calls as they are now. */
export async function callFactsUsable(db: Database, conn?: DuckDBConnection): Promise<FactsUse> {
  const s = await factsState(db, conn);
  const current = s !== undefined && s.built_calls === s.calls;
  return { repeat: current, followUp: current && s.odd_calls === 0 };
}

/**
 * Brings call_facts up to date, in the transaction that changed calls.
 * - `callsBefore` given (a load): only from the earliest change noted (call-slices.ts,
 *   noteChangedCalls) on, when the facts were current before the load and no call whose facts
 *   change was odd (an odd contact may have been matched to any lost call); otherwise all of them.
 * - no `callsBefore`: all of them.
 */
export async function refreshCallFacts(db: Database, conn: DuckDBConnection, callsBefore?: number): Promise<void> {
  let since: string | null = null;
  if (callsBefore !== undefined) {
    const changed = await db.one<{ since: string | null; notes: number }>(
      'SELECT CAST(min(enter_ts) AS VARCHAR) AS since, count(*) AS notes FROM changed_calls', {}, conn
    );
    if (changed && changed.notes > 0 && changed.since === null) return; // the load changed no calls
    const s = await factsState(db, conn);
    if (s !== undefined && s.built_calls === callsBefore && changed?.since) {
      const odd = await db.one<{ n: number }>(
        'SELECT count(*) AS n FROM call_facts WHERE odd AND enter_ts >= CAST($since AS TIMESTAMPTZ)', { since: changed.since }, conn
      );
      if (odd?.n === 0) since = changed.since;
    }
  }
  await db.scriptFile('refresh-call-facts', { since, ...CAPS }, conn);
}
