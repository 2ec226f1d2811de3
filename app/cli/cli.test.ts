// The CLI as a user runs it: `node app/cli/callboard.js ...` in a child process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT, golden } from '../../fixtures/paths.ts';

const CLI = join(PROJECT, 'app', 'cli', 'callboard.js');
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, cwd: PROJECT, env: { ...process.env, FORCE_COLOR: '0' } });
const tmpDb = () => join(mkdtempSync(join(tmpdir(), 'callboard-cli-')), 'cb.duckdb');

describe('callboard --help', () => {
  it('lists the commands', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    for (const c of ['ingest', 'serve']) expect(r.stdout).toMatch(new RegExp(`^\\s+${c}\\b`, 'm'));
  });
});

describe('package.json', () => {
  it("points `npx callboard` and `npm start` at the command that exists (README's first command)", () => {
    const pkg = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8'));
    const bin = join(PROJECT, pkg.bin.callboard);
    expect(existsSync(bin), pkg.bin.callboard).toBe(true);
    expect(pkg.scripts.start).toMatch(new RegExp(`node ${pkg.bin.callboard.replaceAll('.', '\\.')} serve`));
    const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', cwd: PROJECT });
    expect(r.status).toBe(0);
  });
});

describe('callboard ingest', () => {
  it('--json prints the CONTRACT summary per file', () => {
    const db = tmpDb();
    const r = run(['ingest', '--db', db, '--json', golden('basic.queue_log'), golden('Master.csv')]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({
      files: [
        {
          path: golden('basic.queue_log'), format: 'queue_log', rows_read: 25, rows_loaded: 23, rows_quarantined: 2, fields_rejected: 0,
          calls_added: 6, calls_open: 1, duplicate: false
        },
        {
          path: golden('Master.csv'), format: 'cdr', rows_read: 6, rows_loaded: 5, rows_quarantined: 1, fields_rejected: 0, calls_added: 3,
          calls_open: 0, duplicate: false
        }
      ]
    });
    const again = JSON.parse(run(['ingest', '--db', db, '--json', golden('basic.queue_log')]).stdout);
    expect(again.files[0]).toMatchObject({ duplicate: true, calls_added: 0 });
  });

  it('prints a per-file summary with the quarantined lines', () => {
    const r = run(['ingest', '--db', tmpDb(), golden('basic.queue_log')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('25 lines read, 23 loaded, 2 quarantined, 6 calls added');
    expect(r.stdout).toMatch(/line 22 \(event\): expected at least 5/);
  });

  it('fails with one line naming the file and a non-zero exit, never a stack trace', () => {
    const r = run(['ingest', '--db', tmpDb(), join(PROJECT, 'package.json')]);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain('package.json: FAILED: ');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const bad = run(['ingest', '--db', tmpDb(), '--timezone', 'Mars/Olympus', golden('basic.queue_log')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('callboard: Unknown time zone "Mars/Olympus" (use an IANA name such as America/Chicago)');
  });

  it('says what to do when another process holds the database', async () => {
    const db = tmpDb();
    const { openDatabase } = await import('../../sql/db.ts');
    const held = await openDatabase(db);
    try {
      const r = run(['ingest', '--db', db, golden('basic.queue_log')]);
      expect(r.status).toBe(3);
      expect(r.stderr).toMatch(/is in use by process \d+.*upload them on the Imports page.*data\/inbox/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      held.close();
    }
  });
});
