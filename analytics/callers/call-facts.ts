/**
 * Keeps call_facts (sql/migrations/011-call-facts.sql) up to date: per call, the facts the repeat rate
 * and lost-call follow-up are counted from whatever their windows (the caller's previous call under
 * another callid, a lost call's first recovering contact), so that a period's figures are sums over
 * them rather than each caller's calls matched against each other. They depend on no setting: only
 * a change of calls makes them stale. A query reads them only while they match the calls
 * (callFactsUsable); otherwise it counts the long way, so stale facts cost speed, never a wrong figure.
 *
 * Why they catch up after a load rather than in it: at a large center's size they take seconds
 * (about 2 s for a day appended to a 10M-call year, 40 s built from nothing), which a load of a few
 * thousand lines should not wait for. So a load only notes, in its transaction, where its changes
 * start (notePendingFacts, table call_facts_pending, 012), and whoever ran it (the inbox job, an
 * upload, the CLI, serve at start) calls catchUpCallFacts afterwards, in a transaction of its own.
 * The facts look at most as far as the longest windows allowed (repeat: 90 days back; follow-up: 30
 * days on), so catching up reworks only the calls from the earliest noted change on, and the lost
 * calls up to 31 days before it; when the notes do not run unbroken from the facts' last build to
 * the calls as they are (calls written some other way), everything is worked out again.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../sql/db.ts';
import { centerTimeZone, readCenterSettings } from '../center-settings.ts';
import { refreshRepeatDays } from './repeat-days.ts';

/** The longest repeat look-back the facts answer for (repeat-callers.ts accepts no longer). */
export const REPEAT_FACTS_MAX_S = 90 * 86_400;
/** The longest follow-up window the facts answer for (follow-up.ts accepts no longer). */
export const FOLLOW_UP_FACTS_MAX_S = 30 * 86_400;

const CAPS = { repeat_cap_s: REPEAT_FACTS_MAX_S, follow_up_cap_s: FOLLOW_UP_FACTS_MAX_S };

interface FactsState {
  built_calls: number;
  calls: number;
  odd_calls: number;
  pending_loads: number;
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

/**
 * Whether call_facts answers for the calls as they are now (built from them, no load waiting).
 * Outside a transaction the answer is shared while the data is unchanged (db.lookups): a page's
 * repeat, follow-up and quality queries each ask it.
 */
export async function callFactsUsable(db: Database, conn?: DuckDBConnection): Promise<FactsUse> {
  const usable = async () => {
    const s = await factsState(db, conn);
    const current = s !== undefined && s.built_calls === s.calls && s.pending_loads === 0;
    return { repeat: current, followUp: current && s.odd_calls === 0 };
  };
  return conn ? usable() : db.lookups.get('call-facts-usable', usable);
}

interface PendingLoad {
  seq: number;
  since: string | null;
  calls_before: number;
  calls_after: number;
}

/**
 * Brings call_facts up to date with the calls, in a transaction of its own: from the earliest change
 * the waiting loads noted when their notes run unbroken from the facts' last build to now and no
 * call whose facts change is odd (an odd contact may have been matched to any lost call); otherwise
 * all of them. Says what it did.
 */
export async function catchUpCallFacts(db: Database): Promise<'current' | 'partial' | 'full'> {
  // The trends' repeat summary follows the facts, for the repeat window and the zone of the summaries.
  const [windowS, timeZone] = await Promise.all([readCenterSettings(db).then((c) => c.repeat_window_s), summaryZone(db)]);
  const repeatDays = { windowS, timeZone };
  return db.transaction(async (conn) => {
    const s = await factsState(db, conn);
    const pending = await db.all<PendingLoad>(
      'SELECT seq, CAST(since AS VARCHAR) AS since, calls_before, calls_after FROM call_facts_pending ORDER BY seq', {}, conn
    );
    if (s && s.built_calls === s.calls && pending.length === 0) {
      if (windowS <= REPEAT_FACTS_MAX_S) await refreshRepeatDays(db, conn, { ...repeatDays, factsChanged: false, since: null, factsCallsBefore: s.built_calls });
      return 'current';
    }
    let since = unbroken(s, pending)
      ? (await db.one<{ since: string }>('SELECT CAST(min(since) AS VARCHAR) AS since FROM call_facts_pending WHERE seq <= $seq',
          { seq: pending.at(-1)!.seq }, conn))!.since
      : null;
    if (since !== null) {
      const odd = await db.one<{ n: number }>(
        'SELECT count(*) AS n FROM call_facts WHERE odd AND enter_ts >= CAST($since AS TIMESTAMPTZ)', { since }, conn
      );
      if (odd?.n !== 0) since = null;
    }
    await db.scriptFile('refresh-call-facts', { since, ...CAPS }, conn);
    if (pending.length) await conn.run('DELETE FROM call_facts_pending WHERE seq <= $seq', { seq: pending.at(-1)!.seq });
    if (windowS <= REPEAT_FACTS_MAX_S) {
      await refreshRepeatDays(db, conn, { ...repeatDays, factsChanged: true, since, factsCallsBefore: s?.built_calls ?? null });
    }
    return since === null ? 'full' : 'partial';
  });
}

/** Whether the waiting loads lead, note by note, from the facts' last build to the calls as they are now. */
function unbroken(s: FactsState | undefined, pending: PendingLoad[]): boolean {
  if (!s || pending.length === 0) return false;
  let count = s.built_calls;
  for (const p of pending) {
    if (p.since === null || p.calls_before !== count) return false;
    count = p.calls_after;
  }
  return count === s.calls;
}

/** Works out every fact again from all the calls, which covers every load waiting for them (tests). */
export async function rebuildCallFacts(db: Database, conn: DuckDBConnection): Promise<void> {
  const [windowS, timeZone] = await Promise.all([readCenterSettings(db).then((c) => c.repeat_window_s), summaryZone(db)]);
  await db.scriptFile('refresh-call-facts', { since: null, ...CAPS }, conn);
  await conn.run('DELETE FROM call_facts_pending');
  if (windowS <= REPEAT_FACTS_MAX_S) await refreshRepeatDays(db, conn, { windowS, timeZone, factsChanged: true, since: null, factsCallsBefore: null });
}

/** The zone the per-day summaries are kept in: the quality summary's (sql/upkeep/rep-call-days.ts), else the center's. */
async function summaryZone(db: Database): Promise<string> {
  const row = await db.one<{ time_zone: string }>('SELECT time_zone FROM rep_call_days_state');
  return row?.time_zone ?? (await centerTimeZone(db));
}
