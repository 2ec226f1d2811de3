// `callboard purge` as a user runs it, on the hand-counted center (analytics/test-support/retention-fixture.ts):
// raw lines kept 30 days, so every call line of its four days in 2026 goes (8 a day), the log-ins stay.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT } from '../../../fixtures/paths.ts';
import { openDatabase } from '../../../sql/db.ts';
import { ingestFile } from '../../../ingest/load.ts';
import { saveRetention } from '../../server/retention.ts';
import { FIXTURE_TZ, writeFixture } from '../../../analytics/test-support/retention-fixture.ts';

const CLI = join(PROJECT, 'app', 'cli', 'callboard.js');
const run = (args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: PROJECT, env: { ...process.env, FORCE_COLOR: '0', CALLBOARD_DB: '' } });

describe('callboard purge', () => {
  it('counts with --dry-run, removes and audits without, and says when nothing is limited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-purge-'));
    const path = join(dir, 'cb.duckdb');
    const db = await openDatabase(path);
    await ingestFile(db, writeFixture(join(dir, 'queue_log')), { timeZone: FIXTURE_TZ });
    db.close();
    expect(run(['purge', '--db', path, '--timezone', FIXTURE_TZ]).stdout).toMatch(/kept forever: nothing to purge/);

    const d = await openDatabase(path);
    await saveRetention(d, { id: null, username: 'admin' }, { kind: 'raw_events', amount: 30, unit: 'days' }, { timeZone: FIXTURE_TZ });
    d.close();
    const dry = run(['purge', '--dry-run', '--json', '--db', path, '--timezone', FIXTURE_TZ]);
    expect(dry.stderr).toBe('');
    expect(JSON.parse(dry.stdout)).toMatchObject({ dry_run: true, removed: { raw_events: 32, calls: 0 } });
    const real = run(['purge', '--db', path, '--timezone', FIXTURE_TZ]);
    expect(real.status).toBe(0);
    expect(real.stdout).toMatch(/^Purged on \d{4}-\d\d-\d\d:\n  Raw events and source lines before \d{4}-\d\d-\d\d: removed 32\n$/);
    expect(JSON.parse(run(['purge', '--json', '--db', path, '--timezone', FIXTURE_TZ]).stdout).removed.raw_events).toBe(0);

    const after = await openDatabase(path);
    try {
      expect((await after.one<{ n: number }>('SELECT count(*) AS n FROM queue_events'))!.n).toBe(16);
      const audits = await after.all<{ username: string; after: string }>(
        `SELECT username, CAST(after AS VARCHAR) AS after FROM audit_log WHERE entity = 'records' ORDER BY id`
      );
      expect(audits).toHaveLength(2);
      expect(audits[0].username).toMatch(/^cli:/);
      expect(JSON.parse(audits[0].after).removed.raw_events).toBe(32);
    } finally {
      after.close();
    }
  });
});

/** Everything a purge changes, comparable between two database files. */
const STATE = `SELECT
  (SELECT count(*) || ':' || COALESCE(sum(hash(file_id, line_no, caller)), 0) FROM calls) AS calls,
  (SELECT count(*) FROM queue_events) AS events,
  (SELECT count(*) FROM call_slices) AS slices,
  (SELECT count(*) FROM retention_purged) AS purged,
  (SELECT count(*) FROM audit_log WHERE entity = 'records') AS purges`;

async function stateOf(path: string): Promise<string> {
  const db = await openDatabase(path);
  try {
    return JSON.stringify(await db.one(STATE));
  } finally {
    db.close();
  }
}

function purgeChild(path: string, killAfterMs: number): Promise<void> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, 'purge', '--db', path, '--timezone', FIXTURE_TZ], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}

describe('a purge killed half-way', () => {
  it('leaves the database as it was before the purge or after it, never a mix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-purge-kill-'));
    const base = join(dir, 'base.duckdb');
    const db = await openDatabase(base);
    await ingestFile(db, writeFixture(join(dir, 'queue_log')), { timeZone: FIXTURE_TZ });
    await saveRetention(db, { id: null, username: 'admin' }, { kind: 'raw_events', amount: 30, unit: 'days' }, { timeZone: FIXTURE_TZ });
    db.close();
    const before = await stateOf(base);
    const done = join(dir, 'done.duckdb');
    copyFileSync(base, done);
    expect(run(['purge', '--db', done, '--timezone', FIXTURE_TZ]).status).toBe(0);
    const after = await stateOf(done);
    expect(after).not.toBe(before);
    const seen = new Set<string>();
    for (const ms of [150, 400, 700, 1000, 1400, 1900, 2600]) {
      const copy = join(dir, `kill-${ms}.duckdb`);
      copyFileSync(base, copy);
      await purgeChild(copy, ms);
      const state = await stateOf(copy);
      expect([before, after], `killed after ${ms} ms`).toContain(state);
      seen.add(state === before ? 'before' : 'after');
    }
    console.log(`purge kill points: ${[...seen].join(', ')}`);
  });
});
