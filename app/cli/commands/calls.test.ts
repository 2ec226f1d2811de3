// `callboard calls exclude|include|excluded` as a user runs them, on a hand-written export with callers
// turned away (fixtures/queue-logs/README.md, turned-away.queue_log): line 6 is t3's JOINEMPTY.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, PROJECT } from '../../../fixtures/paths.ts';
import { openDatabase } from '../../../sql/db.ts';
import { ingestFile } from '../../../ingest/load.ts';
import { computeMetrics } from '../../../analytics/metrics/metrics.ts';

const CLI = join(PROJECT, 'app', 'cli', 'callboard.js');
const run = (args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: PROJECT, env: { ...process.env, FORCE_COLOR: '0', CALLBOARD_DB: '' } });
const LOG = join(FIXTURES, 'queue-logs', 'turned-away.queue_log');
const TZ = 'America/Chicago'; // the export's center (fixtures/queue-logs/README.md)

/** A database file with the export loaded (in this process: the commands under test are the calls ones). */
async function loaded(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'callboard-calls-')), 'cb.duckdb');
  const db = await openDatabase(path);
  try {
    await ingestFile(db, LOG, { timeZone: TZ });
  } finally {
    db.close();
  }
  return path;
}

/** The day's metrics row, as `callboard metrics --by day` computes it (read between the commands). */
async function dayOf(path: string) {
  const db = await openDatabase(path);
  try {
    return (await computeMetrics(db, { from: '2026-03-10', to: '2026-03-10', by: 'day', timeZone: TZ })).rows[0];
  } finally {
    db.close();
  }
}

describe('callboard calls exclude / include', () => {
  it('takes a call out of the metrics and puts it back, audited as the command line', async () => {
    const db = await loaded();
    const day = () => dayOf(db);
    expect(await day()).toMatchObject({ offered: 5, blocked: 2, lost: 4 });

    const out = run(['calls', 'exclude', '1-6', '--reason', 'PBX test: nobody logged in on purpose', '--db', db]);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toBe('Excluded call 1-6 (billing, blocked): PBX test: nobody logged in on purpose\n');
    expect(await day()).toMatchObject({ offered: 4, blocked: 1, lost: 3 });
    const listed = JSON.parse(run(['calls', 'excluded', '--json', '--db', db]).stdout).exclusions;
    expect(listed).toMatchObject([{ id: '1-6', callid: '1773152400.3', outcome: 'blocked', reason: 'PBX test: nobody logged in on purpose' }]);

    expect(run(['calls', 'include', '1-6', '--db', db]).status).toBe(0);
    expect(await day()).toMatchObject({ offered: 5, blocked: 2, lost: 4 });
    expect(run(['calls', 'excluded', '--db', db]).stdout).toBe('No calls are excluded.\n');

    const d = await openDatabase(db);
    try {
      const rows = await d.all<{ action: string; username: string; entity_id: string }>(
        `SELECT action, username, entity_id FROM audit_log WHERE entity = 'call' ORDER BY id`
      );
      expect(rows.map((r) => [r.action, r.entity_id])).toEqual([['exclude', '1-6'], ['include', '1-6']]);
      expect(rows[0].username).toMatch(/^cli:/);
    } finally {
      d.close();
    }
  });

  it('refuses with one line and exit 2: no reason, not a call id, not excluded, no database', async () => {
    const db = await loaded();
    const cases: Array<[string[], RegExp]> = [
      [['calls', 'exclude', '1-6', '--db', db], /--reason is required/],
      [['calls', 'exclude', '3:4', '--reason', 'x', '--db', db], /"3:4" is not a call id/],
      [['calls', 'include', '1-6', '--db', db], /call 1-6 is not excluded/],
      [['calls', 'excluded', '--db', `${db}.missing`], /no database at .*missing/]
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});
