/**
 * Runs sql/<name>.sql statement by statement on one connection, binding to each only the parameters
 * it names (as Database.script does), and frees each prepared statement as soon as it has run: a
 * prepared statement holds on to memory from its run (tens of MB for a large aggregate) until it is
 * destroyed or the garbage collector gets to it, which over the many passes of a large load is too late.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { sqlText } from '../sql/db.ts';

export async function runScript(conn: DuckDBConnection, name: string, params: Record<string, DuckDBValue> = {}): Promise<void> {
  const statements = await conn.extractStatements(sqlText(name));
  for (let i = 0; i < statements.count; i++) {
    const prepared = await statements.prepare(i);
    try {
      const values: Record<string, DuckDBValue> = {};
      for (let p = 1; p <= prepared.parameterCount; p++) {
        const key = prepared.parameterName(p);
        if (!(key in params)) throw new Error(`SQL parameter $${key} of ${name}.sql has no value`);
        values[key] = params[key];
      }
      prepared.bind(values);
      await prepared.run();
    } finally {
      prepared.destroySync();
    }
  }
}
