/**
 * Tests only: the lead's-review database for the calls and quality API tests. Hand-written exports
 * (fixtures/queue-logs, described in its README) loaded through the real ingest path, in this order so
 * call ids are stable: file 1 service-level.queue_log, 2 queue-move.queue_log, 3 rep-activity.queue_log,
 * then any extra queue_log text given (file 4 on). Ana is PJSIP/7001, Ben PJSIP/7002 (the roster), and
 * one signed-in user per role (rep1 is Ana, rep2 Ben).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setDatabase, type Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { TZ, fixtureDb } from '../../analytics/test-support/fixture-db.ts';
import type { Role } from '../server/accounts.ts';
import { signedInUsers } from './test-support.ts';

export async function reviewDatabase(...extraQueueLogs: string[]): Promise<{ db: Database; cookies: Record<Role | 'rep2', string> }> {
  const db = await fixtureDb('service-level.queue_log', 'queue-move.queue_log', 'rep-activity.queue_log');
  const dir = mkdtempSync(join(tmpdir(), 'callboard-review-'));
  try {
    for (const [i, text] of extraQueueLogs.entries()) {
      const path = join(dir, `extra-${i}.queue_log`);
      writeFileSync(path, text);
      const s = await ingestFile(db, path, { timeZone: TZ });
      if (s.calls_added === 0) throw new Error(`extra queue_log ${i} added no calls`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await db.run(`INSERT INTO roster (interface, rep_id, name, team) VALUES
    ('PJSIP/7001', 'ana', 'Ana Ruiz', 'Billing'), ('PJSIP/7002', 'ben', 'Ben Okafor', 'Billing')`);
  setDatabase(db);
  return { db, cookies: await signedInUsers(db) };
}
