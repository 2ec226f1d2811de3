// `callboard states` in-process on a hand-written log (the figures are worked out in
// analytics/reps/rep-states.test.ts; here: one log-in of 7001, 2 h, a 30-minute lunch and a call).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandOutput } from '../test-support.ts';
import { openDatabase, setDatabase, type Database } from '../../../sql/db.ts';
import { ingestFile } from '../../../ingest/load.ts';
import { states as register } from './index.ts';

const T0 = Date.UTC(2026, 2, 2, 14) / 1000;

const run = (...args: string[]) => commandOutput([register], ['states', ...args]);

describe('callboard states', () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    delete process.env.CALLBOARD_TZ;
    dir = mkdtempSync(join(tmpdir(), 'callboard-states-cli-'));
    db = await openDatabase(':memory:');
    const log = join(dir, 'queue_log');
    writeFileSync(log, [
      `${T0}|NONE|billing|PJSIP/7001|ADDMEMBER|`,
      `${T0 + 600}|NONE|billing|PJSIP/7001|PAUSE|Lunch`,
      `${T0 + 2400}|NONE|billing|PJSIP/7001|UNPAUSE|Lunch`,
      `${T0 + 3000}|c1|billing|NONE|ENTERQUEUE||3125550100|1`,
      `${T0 + 3020}|c1|billing|PJSIP/7001|CONNECT|20|c1.1|0`,
      `${T0 + 3320}|c1|billing|PJSIP/7001|COMPLETECALLER|20|300|1`,
      `${T0 + 7200}|NONE|billing|PJSIP/7001|REMOVEMEMBER|`
    ].join('\n') + '\n');
    expect((await ingestFile(db, log, { timeZone: 'America/Chicago' })).error).toBeUndefined();
    setDatabase(db);
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--json prints the rows with the documented keys, in order', async () => {
    const out = JSON.parse(await run('--from', '2026-03-02', '--to', '2026-03-02', '--json'));
    expect(Object.keys(out)).toEqual(['rows']);
    expect(Object.keys(out.rows[0])).toEqual(['date', 'rep', 'interface', 'logged_in_s', 'available_s', 'ringing_s', 'on_call_s', 'wrap_up_s', 'paused_s', 'paused_by_reason', 'pauses_by_reason']);
    expect(out.rows[0]).toMatchObject({ date: '2026-03-02', rep: 'pjsip-7001', logged_in_s: 7200, on_call_s: 300, paused_s: 1800, available_s: 5100, paused_by_reason: { Lunch: 1800 }, pauses_by_reason: { Lunch: 1 } });
  });

  it('prints a table in hours and minutes, and filters by --rep', async () => {
    const text = await run('--from', '2026-03-02', '--to', '2026-03-02');
    expect(text).toContain('pjsip-7001');
    expect(text).toMatch(/2:00\s+1:25\s+0:00\s+0:05\s+0:00\s+0:30\s+Lunch 0:30 \(1\)/);
    expect(await run('--from', '2026-03-02', '--to', '2026-03-02', '--rep', 'someone-else')).toBe('No rep was logged in on those days.\n');
  });

  it('says which states are gone with calls purged by records retention, never 0:00', async () => {
    await db.run(`INSERT INTO retention_purged (kind, before_date, before_ts) VALUES ('calls', DATE '2026-03-03', TIMESTAMPTZ '2026-03-03 06:00:00+00')`);
    try {
      const text = await run('--from', '2026-03-02', '--to', '2026-03-02');
      expect(text).toMatch(/^Calls purged before 2026-03-03 \(records retention\)/);
      expect(text).toMatch(/2:00\s+purged\s+purged\s+purged\s+purged\s+0:30\s+Lunch 0:30 \(1\)/);
      const out = JSON.parse(await run('--from', '2026-03-02', '--to', '2026-03-02', '--json'));
      expect(out.calls_purged_before).toBe('2026-03-03');
      // A range wholly after the purge date is untouched.
      expect(Object.keys(JSON.parse(await run('--from', '2026-03-03', '--to', '2026-03-03', '--json')))).toEqual(['rows']);
    } finally {
      await db.run(`DELETE FROM retention_purged`);
    }
  });
});
