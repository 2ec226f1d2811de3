// A large load's memory bound (ingest/load.ts uses it around each file).
import type { Database } from '../sql/db.ts';

/**
 * A large load runs under a DuckDB memory limit (CALLBOARD_LOAD_MEMORY, default 1GB) and spills the
 * rest to the database's temp folder, so a year of calls loads on an ordinary machine; the limit the
 * database had is put back when the last load running in the process ends.
 */
const LOAD_MEMORY = process.env.CALLBOARD_LOAD_MEMORY ?? '1GB';
const CAPPED_BYTES = 64 * 1024 * 1024;
const memoryCaps = new WeakMap<Database, { loads: number; previous: string }>();

export async function withLoadMemory<T>(db: Database, bytes: number, fn: () => Promise<T>): Promise<T> {
  if (bytes < CAPPED_BYTES) return fn();
  let cap = memoryCaps.get(db);
  if (!cap) {
    const row = await db.one<{ limit: string }>(`SELECT current_setting('memory_limit') AS limit`);
    cap = { loads: 0, previous: row!.limit };
    memoryCaps.set(db, cap);
    await db.run(`SET memory_limit = $limit`, { limit: LOAD_MEMORY });
  }
  cap.loads++;
  try {
    return await fn();
  } finally {
    if (--cap.loads === 0) {
      memoryCaps.delete(db);
      await db.run(`SET memory_limit = $limit`, { limit: cap.previous }).catch(() => undefined);
    }
  }
}
