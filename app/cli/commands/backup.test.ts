/** `callboard backup` and `callboard restore` as real processes, with and without a server holding the file. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, setDatabase } from '../../../sql/db.ts';
import { seededDatabase, signedInUsers, tableChecksums } from '../../api/test-support.ts';
import { createNote } from '../../server/notes.ts';
import { runCli, serveLikeCallboard } from '../test-support.ts';

let dir: string;
let dbPath: string;
let original: Record<string, string>;

async function checksumsOf(path: string) {
  const db = await openDatabase(path);
  try {
    return await tableChecksums(db);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callboard-backup-cli-'));
  dbPath = join(dir, 'callboard.duckdb');
  const db = await seededDatabase(dbPath);
  await signedInUsers(db);
  await createNote(db, { id: null, username: 'lead1' }, 'ana', {
    text: 'Kept through backup and restore', category: 'praise', call_ref: '1:3', ref_date: '2026-03-02', evaluation_id: null, follow_up_date: null
  });
  original = await tableChecksums(db);
  await closeDatabase();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('with no server running', () => {
  it('backs up, and restores exactly', async () => {
    const backup = await runCli(['backup', join(dir, 'a.backup'), '--db', dbPath]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up .* to .*a\.backup: \d+ tables; 30 calls, 1 notes, 7 users\n$/);

    const restored = join(dir, 'restored.duckdb');
    const restore = await runCli(['restore', join(dir, 'a.backup'), '--db', restored]);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/^Restored .*: \d+ tables; 30 calls, 1 notes, 7 users\n$/);
    expect(await checksumsOf(restored)).toEqual(original);
  });

  it('refuses to overwrite a database without --force (one line), and keeps the old one with it', async () => {
    const target = join(dir, 'restored.duckdb');
    const refused = await runCli(['restore', join(dir, 'a.backup'), '--db', target]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/^callboard: .*restored\.duckdb already exists; add --force to replace it .*\n$/);
    expect(refused.stderr.trimEnd().split('\n')).toHaveLength(1);

    const forced = await runCli(['restore', join(dir, 'a.backup'), '--db', target, '--force']);
    expect(forced.code).toBe(0);
    const kept = /kept as (.*)\n/.exec(forced.stdout)?.[1];
    expect(kept && existsSync(kept)).toBe(true);
  });

  it('refuses to overwrite a backup file, or to back up a database that is not there', async () => {
    const again = await runCli(['backup', join(dir, 'a.backup'), '--db', dbPath]);
    expect(again.stderr).toMatch(/^callboard: .*a\.backup already exists; choose a new name or add --force\n$/);
    const none = await runCli(['backup', join(dir, 'b.backup'), '--db', join(dir, 'none.duckdb')]);
    expect(none.stderr).toMatch(/^callboard: no database at .*none\.duckdb/);
    expect(existsSync(join(dir, 'none.duckdb'))).toBe(false);
  });
});

describe('while a server holds the database', () => {
  it('gets the backup from the server, and restore says to stop the server first', async () => {
    const db = await openDatabase(dbPath);
    setDatabase(db);
    const server = await serveLikeCallboard(db);
    try {
      await createNote(db, { id: null, username: 'lead1' }, 'ben', {
        text: 'Written while the server runs', category: 'coaching', call_ref: null, ref_date: null, evaluation_id: null, follow_up_date: null
      });
      const now = await tableChecksums(db);
      const backup = await runCli(['backup', join(dir, 'live.backup'), '--db', dbPath]);
      expect(backup.stderr).toBe('');
      expect(backup.stdout).toMatch(/\(taken by the running server, process \d+\): \d+ tables; 30 calls, 2 notes, 7 users\n$/);

      const restore = await runCli(['restore', join(dir, 'live.backup'), '--db', dbPath, '--force']);
      expect(restore.code).not.toBe(0);
      expect(restore.stderr).toMatch(/^callboard: .* is in use by process \d+: stop the Callboard server, then run restore again\n$/);

      const restored = join(dir, 'live-restored.duckdb');
      expect((await runCli(['restore', join(dir, 'live.backup'), '--db', restored])).code).toBe(0);
      const copy = await checksumsOf(restored);
      // The server's copy also recorded the backup in the audit log, after the snapshot.
      expect(copy).toEqual(now);
      expect((await db.one<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'backup'`))?.n).toBe(1);
    } finally {
      await server.stop();
      await closeDatabase();
    }
  });
});
