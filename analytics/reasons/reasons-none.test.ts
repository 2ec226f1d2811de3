// A center whose exports carry no reasons pays nothing for them: a load works reasons out only when
// some source of one exists (sql/reason-sources-any.sql), and once one does, every later load does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { queueLog, TZ } from '../test-support/fixture-db.ts';

const dir = mkdtempSync(join(tmpdir(), 'reasons-none-'));
let db: Database;
const scripts: string[] = [];

beforeAll(async () => {
  db = await openDatabase(join(dir, 'db.duckdb'));
  const scriptFile = db.scriptFile.bind(db);
  db.scriptFile = (name, params, conn) => {
    scripts.push(name);
    return scriptFile(name, params, conn);
  };
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const reasonRows = async () => Number((await db.one<{ n: bigint }>('SELECT count(*) AS n FROM call_reasons'))!.n);

it('skips working out reasons while no source of one exists, and gives the same answer', async () => {
  const s = await ingestFile(db, queueLog('service-level.queue_log'), { timeZone: TZ });
  expect(s.error).toBeFalsy();
  expect(s.calls_added).toBeGreaterThan(0);
  expect(scripts.filter((n) => n.startsWith('reasons-scope') || n === 'refresh-call-reasons')).toEqual([]);
  expect(await reasonRows()).toBe(0);
});

it('works them out once a source exists, for that load and every later one', async () => {
  scripts.length = 0;
  await ingestFile(db, queueLog('reasons.queue_log'), { timeZone: TZ });
  expect(scripts).toContain('refresh-call-reasons');
  expect(await reasonRows()).toBeGreaterThan(0);
  scripts.length = 0;
  await ingestFile(db, queueLog('turned-away.queue_log'), { timeZone: TZ });
  expect(scripts).toContain('refresh-call-reasons');
});
