// `callboard export` as a real child process: it reads a database and never makes one (exit 2, one
// line), refuses a format it does not write, and exports a loaded database with a summary per table.
// What the files hold is tested in app/server/export/parquet-export.test.ts.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queueLog } from '../../../analytics/test-support/fixture-db.ts';
import { openDatabase } from '../../../sql/db.ts';
import { runCli } from '../test-support.ts';

describe('callboard export', () => {
  it('refuses a missing database and an unknown format with one line and exit 2, making nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-export-cli-'));
    const none = await runCli(['export', '--format', 'parquet', '--out', join(dir, 'lake'), '--db', join(dir, 'none.duckdb')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^callboard: no database at .*none\.duckdb/);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'none.duckdb'))).toBe(false);
    expect(existsSync(join(dir, 'lake'))).toBe(false);
    const csv = await runCli(['export', '--format', 'csv', '--out', join(dir, 'lake'), '--db', join(dir, 'none.duckdb')]);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/Allowed choices are parquet/);
  });

  it('exports a loaded database: masked numbers, a line per table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-export-cli-'));
    const db = join(dir, 'cb.duckdb');
    expect((await runCli(['ingest', '--db', db, queueLog('service-level.queue_log')])).code).toBe(0);
    const out = join(dir, 'lake');
    const r = await runCli(['export', '--format', 'parquet', '--out', out, '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Exported to .*lake \(callers' numbers masked\):\n {2}calls: \d+ rows; 1 month\(s\) written \(2026-\d\d\), 0 unchanged\n/);
    expect(r.stdout).toMatch(/rep_states: \d+ rows/);
    expect(r.stdout).toMatch(/summary_15min: \d+ rows/);
    expect(readdirSync(out).sort()).toEqual(['calls', 'manifest.json', 'rep_states', 'schema.json', 'summary_15min']);
  });

  it('says what to do while a server holds the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-export-cli-'));
    const path = join(dir, 'cb.duckdb');
    const held = await openDatabase(path); // this test process stands in for `callboard serve`
    try {
      const r = await runCli(['export', '--format', 'parquet', '--out', join(dir, 'lake'), '--db', path]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/^callboard: .*cb\.duckdb is held by the running server: export a backup of it \(callboard backup FILE, then callboard export --db FILE \.\.\.\), or stop the server first\n$/);
    } finally {
      held.close();
    }
  });
});
