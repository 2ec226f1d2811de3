// The CLI as a user runs it: `node app/cli/callboard.js ...` in a child process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT, golden, realdata } from '../../fixtures/paths.ts';

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
  it('--json prints the summary per file', () => {
    const db = tmpDb();
    const r = run(['ingest', '--db', db, '--json', golden('basic.queue_log'), golden('Master.csv')]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({
      files: [
        {
          path: golden('basic.queue_log'), format: 'queue_log', rows_read: 25, rows_loaded: 23, rows_quarantined: 2, rows_skipped: 0, fields_rejected: 0,
          calls_added: 6, calls_open: 1, duplicate: false
        },
        {
          path: golden('Master.csv'), format: 'cdr', rows_read: 6, rows_loaded: 5, rows_quarantined: 1, rows_skipped: 0, fields_rejected: 0, calls_added: 3,
          calls_open: 0, duplicate: false
        }
      ]
    });
    const again = JSON.parse(run(['ingest', '--db', db, '--json', golden('basic.queue_log')]).stdout);
    expect(again.files[0]).toMatchObject({ duplicate: true, calls_added: 0 });
  });

  it("a mapping's skipped rows and its time zone are in the summary and the printed lines", () => {
    const db = tmpDb();
    const bank = realdata('anonymous-bank-1999/february_1999.txt.gz');
    const mapping = join(PROJECT, 'fixtures/mappings/anonymous-bank-1999.json');
    const r = run(['ingest', '--db', db, '--json', '--mapping', mapping, bank]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).files[0]).toMatchObject({
      rows_read: 33344, rows_loaded: 31125, rows_quarantined: 0, rows_skipped: 2219,
      skipped: [{ rows: 1941 }, { rows: 278 }], warnings: [expect.stringContaining('it is now Asia/Jerusalem')]
    });
    const text = run(['ingest', '--db', tmpDb(), '--mapping', mapping, bank]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('33344 lines read, 31125 loaded, 0 quarantined, 2219 skipped as not calls, 31125 calls added');
    expect(text.stdout).toContain('  skipped 1941: hung up in the voice menu and never queued: not a queue visit');
    expect(text.stdout).toContain("  warning: the center had no time zone: it is now Asia/Jerusalem, the mapping's");
  }, 60_000);

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

describe('callboard --version', () => {
  it("prints package.json's version", () => {
    const r = run(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')).version);
  });
});

describe('commands that read a database never create one', () => {
  const reads: Array<[string, string[]]> = [
    ['metrics', ['metrics', '--from', '2026-03-02', '--to', '2026-03-02']],
    ['alerts', ['alerts', '--date', '2026-03-02']],
    ['report', ['report', 'weekly', '--period', '2026-W10']],
    ['forecast', ['forecast', '--weeks', '1']],
    ['plan', ['plan', '--weeks', '4']],
    ['roster', ['roster', '--week', '2026-03-02']],
    ['backup', ['backup', 'copy.duckdb']]
  ];
  it.each(reads)('%s refuses a missing --db: exit 2, one line naming the path, no file made', (_name, args) => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-cli-'));
    const db = join(dir, 'mistyped.duckdb');
    const r = spawnSync(process.execPath, [CLI, ...args, '--db', db], { encoding: 'utf8', cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([`callboard: no database at ${db}: check --db or CALLBOARD_DB (this command reads a database and never creates one)`]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a first ingest that loads nothing (the file is missing) leaves no database file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-cli-'));
    const db = join(dir, 'new.duckdb');
    const r = run(['ingest', '--db', db, join(dir, 'no-such-queue_log')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/no-such-queue_log: FAILED: .*cannot read the file/);
    expect(r.stderr).toContain(`nothing was loaded, so no database was created at ${db}`);
    expect(readdirSync(dir)).toEqual([]);
    // A first ingest where one file loads keeps its database.
    const some = run(['ingest', '--db', db, join(dir, 'no-such-queue_log'), golden('basic.queue_log')]);
    expect(some.status).toBe(2);
    expect(existsSync(db)).toBe(true);
    // And a later failed load leaves the existing database alone.
    expect(run(['ingest', '--db', db, join(dir, 'still-missing')]).status).toBe(2);
    expect(existsSync(db)).toBe(true);
    expect(run(['metrics', '--db', db, '--from', '2026-03-02', '--to', '2026-03-02', '--json']).status).toBe(0);
  });
});
