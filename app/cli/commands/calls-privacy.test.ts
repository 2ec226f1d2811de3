// `callboard calls export` and `calls erase-number` as a user runs them, on the follow-up exports
// (fixtures/queue-logs/README.md: callers 3125550201..206 on 2026-03-12, call-backs in the CDR).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { FIXTURES, PROJECT } from '../../../fixtures/paths.ts';
import { openDatabase } from '../../../sql/db.ts';

const CLI = join(PROJECT, 'app', 'cli', 'callboard.js');
const run = (args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: PROJECT, env: { ...process.env, FORCE_COLOR: '0', CALLBOARD_DB: '' } });
const LOG = join(FIXTURES, 'queue-logs', 'follow-up.queue_log');

describe('callboard calls export / erase-number', () => {
  it('writes the public-records copy without numbers, the whole one with them (audited), and erases a number', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-privacy-'));
    const db = join(dir, 'cb.duckdb');
    expect(run(['ingest', '--db', db, LOG]).status).toBe(0);

    const redacted = join(dir, 'redacted.csv');
    const out = run(['calls', 'export', '--redacted', '--from', '2026-03-12', '--to', '2026-03-12', '--out', redacted, '--db', db]);
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(`Wrote 10 calls from 2026-03-12 to 2026-03-12 to ${redacted} (callers' numbers redacted)\n`);
    const rows = parse(readFileSync(redacted, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(10);
    expect(Object.keys(rows[0])).toEqual(['call_id', 'entered', 'queue', 'direction', 'caller', 'outcome', 'end_event', 'wait_s', 'talk_s', 'ring_no_answer', 'transferred', 'rep']);
    expect(rows[0]).toMatchObject({ entered: '2026-03-12T08:00:00', queue: 'billing', caller: 'redacted', outcome: 'answered' });
    expect(rows.filter((r) => r.caller === '')).toHaveLength(1); // u5 left no number
    expect(readFileSync(redacted, 'utf8')).not.toMatch(/555\D?02\d\d/);

    const whole = join(dir, 'whole.csv');
    expect(run(['calls', 'export', '--from', '2026-03-12', '--to', '2026-03-12', '--out', whole, '--db', db]).status).toBe(0);
    expect((parse(readFileSync(whole, 'utf8'), { columns: true }) as Record<string, string>[])[0].caller).toBe('3125550201');

    const erased = run(['calls', 'erase-number', '312-555-0206', '--db', db]);
    expect(erased.stdout).toMatch(/^Erased •••-•••-0206 from calls 3, queue_events 3/);
    expect(run(['calls', 'erase-number', '312-555-0206', '--db', db]).stdout).toBe('•••-•••-0206 is not kept anywhere (already erased, or never loaded)\n');
    expect(run(['calls', 'erase-number', '0206', '--db', db])).toMatchObject({ status: 2, stdout: '' });

    const d = await openDatabase(db);
    try {
      const audit = await d.all<{ action: string; entity: string; entity_id: string }>(`SELECT action, entity, entity_id FROM audit_log ORDER BY id`);
      expect(audit.map((a) => [a.action, a.entity, a.entity_id])).toEqual([
        ['export', 'caller_numbers', 'calls export (redacted) 2026-03-12..2026-03-12'],
        ['export', 'caller_numbers', 'calls export 2026-03-12..2026-03-12'],
        ['erase', 'caller_number', '•••-•••-0206'],
        ['erase', 'caller_number', '•••-•••-0206']
      ]);
    } finally {
      d.close();
    }
  }, 60_000);
});
