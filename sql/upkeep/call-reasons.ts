/**
 * Keeps each call's reason (migration 033: queue_log reason lines, CDR columns, a mapped CSV's
 * `reason`, service requests) up to date. A load works out only what it may have changed
 * (sql/reasons-scope-load.sql: the callids it touched, its reason lines and requests), so a followed
 * file's append of a few lines does not pay for the whole history; changing where reasons come from
 * works out every call again (sql/reasons-scope-all.sql). Both end in sql/refresh-call-reasons.sql,
 * so the two give the same reasons (analytics/reasons/reasons-incremental.test.ts). Here, below ingest and the
 * app, so that loads need not know the reasons' code.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../db.ts';

/**
 * In a load's transaction, after its calls were derived and excluded calls held: the reasons of what
 * the load brought (its rows of file `fileId` past line `lineBase`, and the calls it noted changing).
 */
export async function refreshLoadReasons(db: Database, conn: DuckDBConnection, fileId: number, lineBase: number): Promise<void> {
  await db.scriptFile('reasons-scope-load', { file_id: fileId, line_base: lineBase }, conn);
  await db.scriptFile('refresh-call-reasons', {}, conn);
}

/** In the caller's transaction: every call's reason worked out again from what is loaded. */
export async function rebuildCallReasons(db: Database, conn: DuckDBConnection): Promise<void> {
  await db.scriptFile('reasons-scope-all', {}, conn);
  await db.scriptFile('refresh-call-reasons', {}, conn);
}
