// The database file and its WAL hold callers' numbers: they are the owner's only (0600), like backups.
import { chmodSync, existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDatabase, STORAGE_VERSION } from './db.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('database files', () => {
  it('are created 0600, and so is every WAL DuckDB makes after a checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-dbfiles-'));
    const file = join(dir, 'cb.duckdb');
    const db = await openDatabase(file);
    try {
      await db.run(`INSERT INTO settings (key, value) VALUES ('probe', '"1"')`);
      expect(existsSync(`${file}.wal`)).toBe(true);
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}.wal`)).toBe(0o600);
      // DuckDB deletes the WAL at a checkpoint and writes a new one at the next change.
      await db.run('CHECKPOINT');
      await db.run(`UPDATE settings SET value = '"2"' WHERE key = 'probe'`);
      expect(existsSync(`${file}.wal`)).toBe(true);
      expect(mode(`${file}.wal`)).toBe(0o600);
      // Files the process writes from then on are private too (backups, exports of callers' data).
      const other = join(dir, 'export.csv');
      writeFileSync(other, 'x');
      expect(mode(other) & 0o077).toBe(0);
    } finally {
      db.close();
    }
  });

  it('an existing world-readable database (from an older version) is made 0600 when opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-dbfiles-'));
    const file = join(dir, 'old.duckdb');
    (await openDatabase(file)).close();
    chmodSync(file, 0o644);
    const db = await openDatabase(file);
    db.close();
    expect(mode(file)).toBe(0o600);
  });

  it('a new file is written in the storage format of STORAGE_VERSION, and a file made in the old one opens and keeps it', async () => {
    const storage = async (db: Awaited<ReturnType<typeof openDatabase>>) =>
      (await db.one<{ tags: string }>(`SELECT CAST(tags AS VARCHAR) AS tags FROM duckdb_databases() WHERE database_name = current_database()`))!.tags;
    const dir = mkdtempSync(join(tmpdir(), 'callboard-dbfiles-'));
    const fresh = await openDatabase(join(dir, 'new.duckdb'));
    try {
      expect(await storage(fresh)).toContain(`${STORAGE_VERSION}+`);
    } finally {
      fresh.close();
    }
    // A file DuckDB made with its default (readable by v0.10) before this setting existed.
    const oldFile = join(dir, 'old-format.duckdb');
    (await DuckDBInstance.create(oldFile)).closeSync();
    const old = await openDatabase(oldFile);
    try {
      expect(await storage(old)).not.toContain(`${STORAGE_VERSION}+`);
      await old.run(`INSERT INTO settings (key, value) VALUES ('probe', '"1"')`);
      expect((await old.one<{ n: number }>(`SELECT count(*) AS n FROM settings WHERE key = 'probe'`))!.n).toBe(1);
    } finally {
      old.close();
    }
  });
});
