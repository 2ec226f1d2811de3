// Per-rep figures and reps on the phones on fixtures/queue-logs/rep-activity.queue_log (2026-03-24).
// By hand:
//   7001 logs in to billing 08:00–10:00 and trash 08:00–10:30 (union 08:00–10:30 = 9000 s), pauses
//        09:00–09:20 (1200 s); answers a1 (talk 600) and a2 (talk 300, blind transfer).
//   7002 logs in to billing 08:10 and never out: open until the newest event, 12:00:00 (13800 s);
//        pauses 11:00–11:10 (600 s); rings on a2 without answering; answers a3 (1200) and a4 (30).
// Hourly availability (logged in, not paused): 08h 7001 3600 + 7002 3000; 09h 2400 + 3600;
// 10h 1800 (exactly half: not on the phones) + 3600; 11h 0 + 3000.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../sql/db.ts';
import { InputError } from '../../sql/errors.ts';
import { fixtureDb, TZ } from '../test-support/fixture-db.ts';
import { REP_ACTIVITY_DEFINITIONS, REPS_ON_PHONES_DEFINITIONS } from '../glossary.ts';
import { repActivity, repFigures, repsOnPhones } from './rep-activity.ts';

const DAY = { from: '2026-03-24', to: '2026-03-24', timeZone: TZ };

describe('rep activity', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('rep-activity.queue_log');
  });
  afterAll(() => db.close());

  it('sums handled calls, times, log-ins and pauses per rep', async () => {
    const { reps } = await repActivity(db, DAY);
    expect(reps).toEqual([
      {
        rep_id: 'pjsip-7001', rep: 'PJSIP/7001', interfaces: 'PJSIP/7001', handled: 2, talk_s: 900, handle_s: 900, aht_s: 450,
        ring_no_answer: 0, transferred: 1, logged_in_s: 9000, paused_s: 1200, occupancy: 900 / 7800
      },
      {
        rep_id: 'pjsip-7002', rep: 'PJSIP/7002', interfaces: 'PJSIP/7002', handled: 2, talk_s: 1230, handle_s: 1230, aht_s: 615,
        ring_no_answer: 1, transferred: 0, logged_in_s: 13800, paused_s: 600, occupancy: 1230 / 13200
      }
    ]);
    expect(Object.keys(reps[0])).toEqual(REP_ACTIVITY_DEFINITIONS.map((d) => d.key));
  });

  it('counts reps on the phones for more than half of each interval', async () => {
    const { intervals } = await repActivity(db, { ...DAY, intervalMinutes: 60 });
    expect(intervals).toHaveLength(24);
    expect(intervals.filter((i) => i.available_rep_s > 0)).toEqual([
      { period_start: '2026-03-24T08:00:00', interval_s: 3600, reps_on_phones: 2, available_rep_s: 6600, staffed_reps: 6600 / 3600 },
      { period_start: '2026-03-24T09:00:00', interval_s: 3600, reps_on_phones: 2, available_rep_s: 6000, staffed_reps: 6000 / 3600 },
      { period_start: '2026-03-24T10:00:00', interval_s: 3600, reps_on_phones: 1, available_rep_s: 5400, staffed_reps: 1.5 },
      { period_start: '2026-03-24T11:00:00', interval_s: 3600, reps_on_phones: 1, available_rep_s: 3000, staffed_reps: 3000 / 3600 }
    ]);
    expect(Object.keys(intervals[0])).toEqual(REPS_ON_PHONES_DEFINITIONS.map((d) => d.key));
    const half = await repActivity(db, { ...DAY, intervalMinutes: 30 });
    // 10:00–10:30: 7001 still in trash (1800 s of 1800) and 7002: both on the phones.
    expect(half.intervals.find((i) => i.period_start === '2026-03-24T10:00:00')).toMatchObject({ reps_on_phones: 2, available_rep_s: 3600 });
  });

  // Pages that draw one half ask it alone (the reps table and a rep's page the reps, a past day's
  // coverage the intervals): each half is repActivity's, and a bad option is refused the same way.
  it('answers each half alone as repActivity answers it', async () => {
    for (const intervalMinutes of [15, 30, 60]) {
      const opts = { ...DAY, from: '2026-03-23', intervalMinutes };
      const both = await repActivity(db, opts);
      expect(both.reps.length).toBe(2);
      expect(await repFigures(db, opts)).toEqual(both.reps);
      expect(await repsOnPhones(db, opts)).toEqual(both.intervals);
    }
    await expect(repsOnPhones(db, { ...DAY, intervalMinutes: 45 })).rejects.toBeInstanceOf(InputError);
    await expect(repFigures(db, { ...DAY, to: '2026-03-23' })).rejects.toBeInstanceOf(InputError);
  });

  it('merges one person’s interfaces through the roster', async () => {
    await db.run(`INSERT INTO roster VALUES ('PJSIP/7001', 'sam', 'Sam Lee', 'Billing', true), ('PJSIP/7002', 'sam', 'Sam Lee', 'Billing', true)`);
    try {
      const { reps } = await repActivity(db, DAY);
      // Union of 08:00–10:30 and 08:10–12:00 = 4 h; paused while logged in 09:00–09:20 and 11:00–11:10.
      expect(reps).toEqual([
        expect.objectContaining({ rep_id: 'sam', rep: 'Sam Lee', interfaces: 'PJSIP/7001, PJSIP/7002', handled: 4, talk_s: 2130, logged_in_s: 14400, paused_s: 1800 })
      ]);
    } finally {
      await db.run(`DELETE FROM roster`);
    }
  });

  it('clips log-ins to the range', async () => {
    const { reps } = await repActivity(db, { ...DAY, from: '2026-03-25', to: '2026-03-25' });
    expect(reps).toEqual([]);
  });

  it('gives the repeated hour at the fall-back change twice the seconds', async () => {
    // Logged in 2026-11-01 00:00 CDT (05:00Z) to 03:00 CST (09:00Z): four real hours.
    const db = await openDatabase(':memory:');
    await db.run(`INSERT INTO rep_states VALUES ('PJSIP/7009', 'billing', 'logged_in', NULL,
      '2026-11-01 05:00:00+00', '2026-11-01 09:00:00+00', 99, 1)`);
    try {
      const { intervals, reps } = await repActivity(db, { from: '2026-11-01', to: '2026-11-01', timeZone: TZ, intervalMinutes: 60 });
      expect(intervals).toHaveLength(24);
      expect(intervals.slice(0, 4)).toEqual([
        { period_start: '2026-11-01T00:00:00', interval_s: 3600, reps_on_phones: 1, available_rep_s: 3600, staffed_reps: 1 },
        { period_start: '2026-11-01T01:00:00', interval_s: 7200, reps_on_phones: 1, available_rep_s: 7200, staffed_reps: 1 },
        { period_start: '2026-11-01T02:00:00', interval_s: 3600, reps_on_phones: 1, available_rep_s: 3600, staffed_reps: 1 },
        { period_start: '2026-11-01T03:00:00', interval_s: 3600, reps_on_phones: 0, available_rep_s: 0, staffed_reps: 0 }
      ]);
      expect(intervals.reduce((s, i) => s + i.interval_s, 0)).toBe(25 * 3600);
      expect(reps).toEqual([expect.objectContaining({ rep_id: 'pjsip-7009', logged_in_s: 4 * 3600, occupancy: 0 })]);
    } finally {
      db.close();
    }
  });

  it('rejects an interval length it does not cut', async () => {
    await expect(repActivity(db, { ...DAY, intervalMinutes: 45 })).rejects.toBeInstanceOf(InputError);
  });
});
