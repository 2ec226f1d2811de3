/**
 * Backups are one snapshot, even with a load publishing at the same moment, and restore exactly:
 * every table (calls, notes, schedules, users, ...) of the restored database has the checksum the
 * source had at the snapshot.
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { realdata } from '../../fixtures/paths.ts';
import { writeScaleQueueLog } from '../../fixtures/scale/generate-queue-log.ts';
import { seededDatabase, signedInUsers, tableChecksums } from '../api/test-support.ts';
import { backupDatabase, inspectBackup, restoreDatabase } from './backup.ts';
import { createNote, editNote } from './notes.ts';

const TZ = 'America/Chicago';
let dir: string;
let db: Database;

async function checksumsOf(path: string): Promise<Record<string, string>> {
  const restored = await openDatabase(path);
  try {
    return await tableChecksums(restored);
  } finally {
    restored.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callboard-backup-test-'));
  db = await seededDatabase(join(dir, 'callboard.duckdb'));
  await signedInUsers(db);
  const author = { id: null, username: 'lead1' };
  const fields = { category: 'coaching' as const, call_ref: null, ref_date: null, evaluation_id: null, follow_up_date: '2026-03-20' };
  const note = await createNote(db, author, 'ana', { ...fields, text: 'Hold music check' });
  await editNote(db, author, 'ana', note.id, { text: 'Hold music check, then transfer', state: 'done' });
  await createNote(db, author, 'ben', { ...fields, text: 'Great recovery on the outage call' });
  // Whatever tables other features add (schedules, evaluations) are copied the same way; one stands in here.
  await db.run(`CREATE TABLE IF NOT EXISTS test_schedules (rep_id VARCHAR, day DATE, start_minute INTEGER, minutes INTEGER)`);
  await db.run(`INSERT INTO test_schedules SELECT 'ana', DATE '2026-03-02' + i::INTEGER, 480, 510 FROM range(14) t(i)`);
});

afterAll(async () => {
  await closeDatabase();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup', () => {
  it('taken during an ingest, restores to exactly the database as it was before or after that load', async () => {
    const big = join(dir, 'queue_log');
    await writeScaleQueueLog(big, { calls: 150_000, startEpoch: 1_772_000_000, seed: 4 });
    const before = await tableChecksums(db);

    let backup: Promise<unknown> | undefined;
    let backupStarted = 0;
    const ingest = ingestFile(db, big, {
      timeZone: TZ,
      onProgress: (p) => {
        if (p.phase === 'read' && !backup) {
          backupStarted = Date.now();
          backup = backupDatabase(db, join(dir, 'during-ingest.backup'));
        }
      }
    });
    const summary = await ingest;
    const ingestEnded = Date.now();
    await backup;
    expect(summary.calls_added).toBeGreaterThan(100_000);
    expect(backupStarted).toBeGreaterThan(0);
    expect(backupStarted).toBeLessThan(ingestEnded);

    const after = await tableChecksums(db);
    expect(after.calls).not.toBe(before.calls);
    const restored = join(dir, 'restored.duckdb');
    await restoreDatabase(join(dir, 'during-ingest.backup'), restored);
    const copy = await checksumsOf(restored);
    // All of the load or none of it; here the backup began inside the load's transaction.
    expect(copy).toEqual(before);
    for (const table of ['calls', 'notes', 'note_versions', 'test_schedules', 'users', 'audit_log', 'roster']) {
      expect(copy[table], table).toBe(before[table]);
    }
  });

  it('sees none of a transaction that is still open, and all of it once committed', async () => {
    const before = await tableChecksums(db);
    await db.withConnection(async (conn) => {
      await conn.run('BEGIN TRANSACTION');
      await conn.run(`INSERT INTO calls (source, file_id, line_no, callid, queue, enter_ts)
        SELECT 'csv', 999, i, 'x' || i, 'billing', now() FROM range(200000) t(i)`);
      await backupDatabase(db, join(dir, 'open-transaction.backup'));
      await conn.run('COMMIT');
    });
    await backupDatabase(db, join(dir, 'committed.backup'));
    const after = await tableChecksums(db);
    await restoreDatabase(join(dir, 'open-transaction.backup'), join(dir, 'r1.duckdb'));
    await restoreDatabase(join(dir, 'committed.backup'), join(dir, 'r2.duckdb'));
    expect(await checksumsOf(join(dir, 'r1.duckdb'))).toEqual(before);
    expect(await checksumsOf(join(dir, 'r2.duckdb'))).toEqual(after);
  });

  it('keeps sequences going: the restored database hands out new ids after the copied ones', async () => {
    const path = join(dir, 'r3.duckdb');
    await restoreDatabase(join(dir, 'committed.backup'), path);
    const restored = await openDatabase(path);
    try {
      const max = (await restored.one<{ id: number }>('SELECT max(id) AS id FROM notes'))!.id;
      const note = await createNote(restored, { id: null, username: 'x' }, 'ana', {
        text: 'after restore', category: 'praise', call_ref: null, ref_date: null, evaluation_id: null, follow_up_date: null
      });
      expect(note.id).toBe(max + 1);
    } finally {
      restored.close();
    }
  });

  it('is readable by its owner only, and refuses to overwrite a file', async () => {
    const file = join(dir, 'committed.backup');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await expect(backupDatabase(db, file)).rejects.toThrow(/already exists/);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });
});

describe('restore', () => {
  it('refuses to overwrite a database without force; with force keeps the replaced one beside it', async () => {
    const target = join(dir, 'r1.duckdb');
    await expect(restoreDatabase(join(dir, 'committed.backup'), target)).rejects.toThrow(/already exists; add --force/);
    const summary = await restoreDatabase(join(dir, 'committed.backup'), target, { force: true });
    expect(summary.kept_as).toMatch(/r1\.duckdb\.before-restore-/);
    expect(existsSync(summary.kept_as!)).toBe(true);
    expect(await checksumsOf(target)).toEqual(await checksumsOf(join(dir, 'r2.duckdb')));
  });

  it('refuses a file that is not a Callboard backup', async () => {
    const junk = join(dir, 'junk.backup');
    writeFileSync(junk, 'not a database');
    await expect(restoreDatabase(junk, join(dir, 'x.duckdb'))).rejects.toThrow(/not a DuckDB database/);
    await expect(inspectBackup(join(dir, 'missing.backup'))).rejects.toThrow(/no such file/);
    expect(existsSync(join(dir, 'x.duckdb'))).toBe(false);
  });
});

describe('macros', () => {
  it('travel with the backup: the restored file answers the rep-state queries as the source did', async () => {
    // Macros (rep_id_of, 003; rep_states_in, rep_available_spans and rep_available_slices, 009) are
    // catalog entries like tables. A restored file already records their migrations as applied, so
    // migrate() never recreates them: COPY FROM DATABASE has to carry every one.
    const source = await openDatabase(join(dir, 'macros-source.duckdb'));
    const params = { from: '2018-11-29', to: '2018-12-04', tz: 'America/New_York', interval_minutes: 30 };
    const names = ['rep-activity', 'reps-on-phones', 'coverage-rep-slices'];
    const macrosOf = (db: Database) =>
      db.all<{ name: string; type: string }>(
        `SELECT function_name AS name, function_type AS type FROM duckdb_functions()
         WHERE function_type IN ('macro', 'table_macro') AND NOT internal ORDER BY 1`
      );
    let before: unknown[][];
    let macros: Awaited<ReturnType<typeof macrosOf>>;
    try {
      await ingestFile(source, realdata('pbxware-queue-cdr-2018/queue_log.csv'), { timeZone: params.tz });
      before = await Promise.all(names.map((n) => source.query(n, params)));
      macros = await macrosOf(source);
      await backupDatabase(source, join(dir, 'macros.backup'));
    } finally {
      source.close();
    }
    expect(before[0].some((r) => (r as { logged_in_s: number }).logged_in_s > 0)).toBe(true);
    await restoreDatabase(join(dir, 'macros.backup'), join(dir, 'macros-restored.duckdb'));
    const restored = await openDatabase(join(dir, 'macros-restored.duckdb'));
    try {
      expect(macros.map((m) => m.name)).toEqual(expect.arrayContaining(['rep_id_of', 'rep_states_in', 'rep_available_spans', 'rep_available_slices']));
      expect(await macrosOf(restored)).toEqual(macros);
      expect(await Promise.all(names.map((n) => restored.query(n, params)))).toEqual(before);
    } finally {
      restored.close();
    }
  });
});
