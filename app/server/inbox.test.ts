// The inbox pick-up refuses a gzip bomb like an upload does (ingest/gzip-source.ts), deletes what it
// inflated, says why in its log, and goes on with the other files.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGzipBomb } from '../../fixtures/gzip-bomb.ts';
import { golden } from '../../fixtures/paths.ts';
import { openDatabase } from '../../sql/db.ts';
import { pickUpInbox } from './inbox.ts';

let work: string;
let savedTmp: string | undefined;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'callboard-inboxtest-'));
  savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = mkdtempSync(join(work, 'tmp-')); // this file's temp folder, to see what is left in it
});
afterAll(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
});

describe('inbox pick-up', () => {
  it('refuses a gzip bomb past the ratio cap, leaves nothing in the temp folder and loads the next file', async () => {
    const inbox = mkdtempSync(join(work, 'inbox-'));
    const bomb = writeGzipBomb(work, 'bomb.gz', 8);
    writeFileSync(join(inbox, 'a-queue_log.1.gz'), readFileSync(bomb.path));
    writeFileSync(join(inbox, 'b-queue_log'), readFileSync(golden('basic.queue_log')));
    const db = await openDatabase(':memory:');
    const log: string[] = [];
    process.env.CALLBOARD_GZIP_MAX_RATIO = '50';
    try {
      await pickUpInbox({ db, dir: inbox, timeZone: 'America/Chicago', log: (l) => log.push(l), seen: new Map() });
    } finally {
      delete process.env.CALLBOARD_GZIP_MAX_RATIO;
    }
    expect(log[0]).toMatch(/^inbox: a-queue_log\.1\.gz: .*a-queue_log\.1\.gz: refused: it inflates to more than 50 times .*raise CALLBOARD_GZIP_MAX_RATIO$/);
    expect(log[1]).toMatch(/^inbox: b-queue_log: 23 lines loaded/);
    expect((await db.one<{ n: number }>('SELECT count(*) AS n FROM calls'))?.n).toBe(6);
    expect(readdirSync(process.env.TMPDIR!)).toEqual([]);
    db.close();
  });
});
