// `callboard purge` as a user runs it, on the hand-counted center (app/server/retention-fixture.ts):
// raw lines kept 30 days, so every call line of its four days in 2026 goes (8 a day), the log-ins stay.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT } from '../../../fixtures/paths.ts';
import { openDatabase } from '../../../sql/db.ts';
import { ingestFile } from '../../../ingest/load.ts';
import { saveRetention } from '../../server/retention.ts';
import { FIXTURE_TZ, writeFixture } from '../../server/retention-fixture.ts';

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
