/** Test helper: a fresh in-memory database loaded with hand-written exports through the real ingest path. */
import { join } from 'node:path';
import { openDatabase, type Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { FIXTURES } from '../../fixtures/paths.ts';

export const TZ = 'America/Chicago';

export const queueLog = (name: string) => join(FIXTURES, 'queue-logs', name);

/** Loads fixtures/queue-logs/<name> files (queue_log or CDR) into a new database. */
export async function fixtureDb(...names: string[]): Promise<Database> {
  const db = await openDatabase(':memory:');
  for (const name of names) {
    const s = await ingestFile(db, queueLog(name), { timeZone: TZ });
    if (s.calls_added === 0) throw new Error(`${name} added no calls`);
  }
  return db;
}
