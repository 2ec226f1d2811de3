/**
 * The note a load leaves, in its own transaction, of where its changes to calls start, so that the
 * per-call facts (analytics/callers/call-facts.ts) catch up afterwards from there (call_facts_pending,
 * migration 012). Here, below ingest and analytics, so that loads need not know the facts' code.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../db.ts';
import { earliestChange } from './call-slices.ts';

/**
 * In a load's transaction, after it changed calls: notes where its changes start (the earliest
 * enter_ts it deleted or inserted, call-slices.ts: noteChangedCalls) for catchUpCallFacts.
 */
export async function notePendingFacts(
  db: Database, conn: DuckDBConnection, callsBefore: number, noted?: Awaited<ReturnType<typeof earliestChange>>
): Promise<void> {
  const changed = noted ?? (await earliestChange(db, conn));
  if (changed === 'unchanged') return;
  await conn.run(
    `INSERT INTO call_facts_pending (since, calls_before, calls_after)
     SELECT CAST($since AS TIMESTAMPTZ), $before, count(*) FROM calls`,
    { since: changed.since, before: callsBefore }
  );
}
