// The file still being written (migrations/018-rep-state-ends.sql): a queue_log whose newest line is
// half an hour old, written here relative to now (t, the current minute). By hand:
//   7201 logged in at t−20 h, no log-off: a maximum shift (12 h) ends it at t−8 h.
//   7202 logged in at t−2 h and idle since: still logged in, counted until now.
//   7203 logged in at t−3 h, took a call at t−64 min, logged off at t−30 min (the file's newest line).
// When a later file arrives, the first is superseded and its open log-ins end at the member's last
// activity there (for 7201 and 7202, the log-in itself).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { TZ } from '../test-support/fixture-db.ts';
import { dataQuality } from '../metrics/data-quality.ts';

const t = Math.floor(Date.now() / 60_000) * 60;
const H = 3600;
const line = (at: number, rest: string) => `${at}|${rest}`;
const day = (at: number) => new Date(at * 1000).toISOString().slice(0, 10);
const RANGE = { from: day(t - 2 * 86400), to: day(t + 86400), timeZone: TZ };

interface End {
  agent: string;
  end_rule: string;
  e: number;
}

describe('an idle rep in the file still being written', () => {
  let db: Database;
  let dir: string;
  const ends = async () =>
    Object.fromEntries(
      (await db.all<End>(`SELECT agent, end_rule, epoch(e_ts) AS e FROM rep_state_ends() WHERE state = 'logged_in'`)).map((r) => [r.agent, r])
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callboard-live-'));
    db = await openDatabase(':memory:');
    const live = join(dir, 'queue_log');
    writeFileSync(
      live,
      [
        line(t - 20 * H, 'NONE|billing|PJSIP/7201|ADDMEMBER|'),
        line(t - 3 * H, 'NONE|billing|PJSIP/7203|ADDMEMBER|'),
        line(t - 2 * H, 'NONE|billing|PJSIP/7202|ADDMEMBER|'),
        line(t - 65 * 60, 'l1|billing|NONE|ENTERQUEUE||3125550701|1'),
        line(t - 64 * 60, 'l1|billing|PJSIP/7203|CONNECT|60|l11|2'),
        line(t - 60 * 60, 'l1|billing|PJSIP/7203|COMPLETECALLER|60|240|1'),
        line(t - 30 * 60, 'NONE|billing|PJSIP/7203|REMOVEMEMBER|')
      ].join('\n') + '\n'
    );
    expect((await ingestFile(db, live, { timeZone: TZ })).error).toBeUndefined();
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a logged-in, idle rep logged in up to the maximum shift', async () => {
    const before = Date.now() / 1000;
    const e = await ends();
    const after = Date.now() / 1000;
    expect(e['PJSIP/7201']).toEqual({ agent: 'PJSIP/7201', end_rule: 'max_shift', e: t - 8 * H });
    expect(e['PJSIP/7202'].end_rule).toBe('still_logged_in');
    expect(e['PJSIP/7202'].e).toBeGreaterThanOrEqual(Math.floor(before) - 1);
    expect(e['PJSIP/7202'].e).toBeLessThanOrEqual(after + 1);
    expect(e['PJSIP/7203']).toEqual({ agent: 'PJSIP/7203', end_rule: 'log_off', e: t - 30 * 60 });

    const dq = await dataQuality(db, RANGE);
    expect(dq.inferred_ends.map((x) => [x.interface, x.rule])).toEqual([
      ['PJSIP/7201', 'max_shift'],
      ['PJSIP/7202', 'still_logged_in']
    ]);
    expect(dq.inferred_ends[1].note).toContain('still logged in: the file is still being written');
  });

  it('takes the maximum shift from the settings', async () => {
    await db.run(`UPDATE settings SET value = '3600' WHERE key = 'max_shift_s'`);
    try {
      expect((await ends())['PJSIP/7202']).toEqual({ agent: 'PJSIP/7202', end_rule: 'max_shift', e: t - H });
    } finally {
      await db.run(`UPDATE settings SET value = '43200' WHERE key = 'max_shift_s'`);
    }
  });

  it('ends them at their last activity once later data supersedes the file', async () => {
    const later = join(dir, 'queue_log.next');
    writeFileSync(later, [line(t - 10 * 60, 'l2|billing|NONE|ENTERQUEUE||3125550702|1'), line(t - 9 * 60, 'l2|billing|NONE|ABANDON|1|1|60')].join('\n') + '\n');
    expect((await ingestFile(db, later, { timeZone: TZ })).error).toBeUndefined();
    const e = await ends();
    expect(e['PJSIP/7201']).toEqual({ agent: 'PJSIP/7201', end_rule: 'last_activity', e: t - 20 * H });
    expect(e['PJSIP/7202']).toEqual({ agent: 'PJSIP/7202', end_rule: 'last_activity', e: t - 2 * H });
  });
});
