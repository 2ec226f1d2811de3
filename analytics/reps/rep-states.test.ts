// Rep states over time from a hand-written queue_log, through the real loader. Monday 2026-03-02,
// Chicago (UTC−6), t = 08:00 local. By hand, for PJSIP/7001 in three queues:
//   0      log-in to billing, claims and sanitation (one log-in: 7,200 s to the log-off at +7,200)
//   600    PAUSE "Lunch" in all three queues (one break) .. 2,400 UNPAUSE: 1,800 s Lunch
//   3,005  rings 5 s (RINGNOANSWER 5000 ms at 3,010); 3,016 rings again 4 s (CONNECT's ring time)
//   3,020  CONNECT .. 3,320 COMPLETECALLER: 300 s on the call
//   3,320  wrap-up 30 s (billing's wrap_up_s; the log records none)
//   3,600  PAUSEALL with no reason .. 3,900 UNPAUSEALL: 300 s "(no reason)"
//   available = 7,200 − 1,800 − 9 − 300 − 30 − 300 = 4,761 s
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { TZ } from '../test-support/fixture-db.ts';
import { demoDatabase, DEMO_TZ } from '../test-support/coverage-demo-db.ts';
import { repActivity } from './rep-activity.ts';
import { repStates, repStatesFrom, repStateJson } from './rep-states.ts';
import { NO_REASON } from './state-precedence.ts';

const T0 = Date.UTC(2026, 2, 2, 14) / 1000;
const QUEUES = ['billing', 'claims', 'sanitation'];
const at = (s: number, rest: string) => `${T0 + s}|${rest}`;
const each = (s: number, event: string, data = '') => QUEUES.map((q) => at(s, `NONE|${q}|PJSIP/7001|${event}|${data}`));

describe('rep states from a hand-written queue_log', () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callboard-states-'));
    db = await openDatabase(':memory:');
    await db.run(`INSERT INTO queue_settings (queue, wrap_up_s) VALUES ('billing', 30)`);
    const log = join(dir, 'queue_log');
    writeFileSync(
      log,
      [
        ...each(0, 'ADDMEMBER'),
        ...each(600, 'PAUSE', 'Lunch'),
        ...each(2400, 'UNPAUSE', 'Lunch'),
        at(3000, 'c1|billing|NONE|ENTERQUEUE||3125550100|1'),
        at(3010, 'c1|billing|PJSIP/7001|RINGNOANSWER|5000'),
        at(3020, 'c1|billing|PJSIP/7001|CONNECT|20|c1.1|4'),
        at(3320, 'c1|billing|PJSIP/7001|COMPLETECALLER|20|300|1'),
        at(3600, 'NONE|NONE|PJSIP/7001|PAUSEALL|'),
        at(3900, 'NONE|NONE|PJSIP/7001|UNPAUSEALL|'),
        ...each(7200, 'REMOVEMEMBER')
      ].join('\n') + '\n'
    );
    expect((await ingestFile(db, log, { timeZone: TZ })).error).toBeUndefined();
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('splits the logged-in time by precedence, a break in three queues being one break', async () => {
    const rows = await repStates(db, { from: '2026-03-01', to: '2026-03-03', timeZone: TZ });
    expect(rows.map(repStateJson)).toEqual([
      {
        date: '2026-03-02', rep: 'pjsip-7001', interface: 'PJSIP/7001',
        logged_in_s: 7200, available_s: 4761, ringing_s: 9, on_call_s: 300, wrap_up_s: 30, paused_s: 2100,
        paused_by_reason: { Lunch: 1800, [NO_REASON]: 300 }, pauses_by_reason: { Lunch: 1, [NO_REASON]: 1 }
      }
    ]);
  });

  it('takes wrap-up as 0 where the queue has no setting, and filters by rep', async () => {
    await db.run(`UPDATE queue_settings SET wrap_up_s = 0 WHERE queue = 'billing'`);
    const [row] = await repStates(db, { from: '2026-03-02', to: '2026-03-02', timeZone: TZ, rep: 'pjsip-7001' });
    expect(row).toMatchObject({ wrap_up_s: 0, available_s: 4791 });
    expect(await repStates(db, { from: '2026-03-02', to: '2026-03-02', timeZone: TZ, rep: 'nobody' })).toEqual([]);
  });
});

describe('rep states on the demo center', () => {
  let demo: Awaited<ReturnType<typeof demoDatabase>>;
  const DAY = { from: '2026-06-03', to: '2026-06-03', timeZone: DEMO_TZ };
  beforeAll(async () => {
    demo = await demoDatabase();
  }, 300_000);
  afterAll(() => demo?.dispose());

  it('adds up, agrees with the Reps page on logged-in time, and names the demo pauses', async () => {
    const rows = await repStates(demo.db, DAY);
    const activity = await repActivity(demo.db, DAY);
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) {
      expect(r.available_s + r.ringing_s + r.on_call_s + r.wrap_up_s + r.paused_s).toBeCloseTo(r.logged_in_s, 6);
      expect(Object.values(r.paused_by_reason).reduce((a, b) => a + b, 0)).toBeCloseTo(r.paused_s, 6);
      const a = activity.reps.find((x) => x.rep_id === r.rep)!;
      expect(r.logged_in_s).toBeCloseTo(a.logged_in_s, 6);
      // The Reps page's paused time counts pauses under calls too; the states give the call precedence.
      expect(r.paused_s).toBeLessThanOrEqual(a.paused_s + 1e-6);
      for (const reason of Object.keys(r.pauses_by_reason)) expect(['Lunch', 'Break', 'Training']).toContain(reason);
    }
    expect(rows.some((r) => r.on_call_s > 0 && r.ringing_s > 0 && r.paused_s > 0)).toBe(true);
  });

  it('gives the same logged-in and paused time from only the spans a pause can be hidden by (the pause shrinkage)', async () => {
    const week = { from: '2026-05-30', to: '2026-06-05', timeZone: DEMO_TZ };
    const full = await repStates(demo.db, week);
    const few = await repStatesFrom(demo.db, 'pause-shrinkage-spans', week);
    const paused = (rows: typeof full) => rows.map((r) => [r.date, r.rep, r.logged_in_s, r.paused_s, r.paused_by_reason, r.pauses_by_reason]);
    expect(full.some((r) => r.paused_s > 0 && r.paused_s < r.logged_in_s)).toBe(true);
    expect(paused(few)).toEqual(paused(full));
    // Calls hide some pause time on the demo: the filter kept the spans that do.
    expect(few.reduce((s, r) => s + r.on_call_s + r.ringing_s + r.wrap_up_s, 0)).toBeGreaterThan(0);
    const all = await demo.db.query<{ n: number }>('rep-state-spans', { from: week.from, to: week.to, tz: week.timeZone });
    const kept = await demo.db.query<{ n: number }>('pause-shrinkage-spans', { from: week.from, to: week.to, tz: week.timeZone });
    expect(kept.length).toBeLessThan(all.length / 3);
  });
});
