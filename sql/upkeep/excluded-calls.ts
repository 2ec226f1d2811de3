/**
 * Calls an admin excluded stay out of every figure when a load derives them again (migration 016;
 * analytics/metrics/call-exclusions.ts moves them out and back). Here, below ingest and analytics, so
 * that loads need not know the exclusions' code.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../db.ts';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The columns calls and excluded_calls share, in calls' order (a later migration may add to calls). */
export async function sharedColumns(db: Database, conn: DuckDBConnection): Promise<string> {
  const rows = await db.all<{ column_name: string }>(
    `SELECT c.column_name FROM duckdb_columns() c
     WHERE c.schema_name = 'main' AND c.table_name = 'calls'
       AND c.column_name IN (SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = 'excluded_calls')
     ORDER BY c.column_index`,
    {},
    conn
  );
  return rows.map((r) => quote(r.column_name)).join(', ');
}

/**
 * In a load's transaction, after it wrote calls and before it counts them: an excluded call the load
 * derived again leaves calls, its new row kept in excluded_calls. Nothing to do (one tiny read)
 * while no call is excluded.
 */
export async function holdExcludedCalls(db: Database, conn: DuckDBConnection): Promise<void> {
  const n = await db.one<{ n: number }>('SELECT count(*) AS n FROM call_exclusions', {}, conn);
  if (!n || Number(n.n) === 0) return;
  const cols = await sharedColumns(db, conn);
  const back = 'FROM calls c JOIN call_exclusions x ON x.file_id = c.file_id AND x.line_no = c.line_no';
  await conn.run(`DELETE FROM excluded_calls e USING call_exclusions x, calls c
                  WHERE e.file_id = x.file_id AND e.line_no = x.line_no AND c.file_id = x.file_id AND c.line_no = x.line_no`);
  await conn.run(`INSERT INTO excluded_calls (${cols}) SELECT ${cols.split(', ').map((k) => `c.${k}`).join(', ')} ${back}`);
  await conn.run('DELETE FROM calls c USING call_exclusions x WHERE x.file_id = c.file_id AND x.line_no = c.line_no');
}
