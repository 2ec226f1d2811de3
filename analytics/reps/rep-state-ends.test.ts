// Where a log-in no log-off closed ends (migrations/018-rep-state-ends.sql), on two hand-written
// files: fixtures/queue-logs/lost-logoff-a.queue_log (2026-03-10) and, later, lost-logoff-b
// (03-11 and 03-12), which supersedes it. By hand, local Chicago times on 03-10:
//   7101 logs in 08:00, answers p1 and p2 (last event 10:30:10), no log-off: its last activity ends
//        it: 9010 s.
//   7102 logs in 08:00, no log-off; the QUEUESTART at 11:00 ends it before its ring at 12:00:15: 10800 s.
//   7103 logs in 11:30 after the restart and rings at 23:45: a maximum shift (12 h) ends it at 23:30.
//   7104 logs in 08:00, answers p3 (last event 09:30:05); its REMOVEMEMBER is in file b two days later,
//        more than a shift after: not trusted, its last activity ends it: 5405 s.
//   7105 logs in 08:00, logs off 17:00 (same file): 32400 s. 7106 logs in 21:00 and off in file b at
//        03:00 (6 h, within a shift: trusted): 10800 s on 03-10.
// In file b, 7107 logs in 03-11 08:00, answers q3 (last event 08:40:10), and logs in again 03-12 08:00
// with no log-off between (lost): the first log-in ends at its last activity before the second
// (2410 s); the second ends at the REMOVEMEMBER 09:30 (5400 s).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { queueLog, TZ } from '../test-support/fixture-db.ts';
import { repActivity } from './rep-activity.ts';
import { dataQuality } from '../metrics/data-quality.ts';

const DAY = { from: '2026-03-10', to: '2026-03-10', timeZone: TZ };

describe('log-ins with a lost log-off', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
    for (const name of ['lost-logoff-a.queue_log', 'lost-logoff-b.queue_log']) {
      const s = await ingestFile(db, queueLog(name), { timeZone: TZ });
      expect(s.error).toBeUndefined();
    }
  });
  afterAll(() => db.close());

  it('ends each by its rule, never into the later file', async () => {
    const { reps } = await repActivity(db, DAY);
    expect(Object.fromEntries(reps.map((r) => [r.rep_id, r.logged_in_s]))).toEqual({
      'pjsip-7101': 9010,
      'pjsip-7102': 10800,
      'pjsip-7103': 43200,
      'pjsip-7104': 5405,
      'pjsip-7105': 32400,
      'pjsip-7106': 10800
    });
    // On 03-11 and 03-12 only 7106 (00:00–03:00) and 7107: nobody from file a runs on, and 7107's lost
    // log-off does not join their two days.
    const later = await repActivity(db, { ...DAY, from: '2026-03-11', to: '2026-03-12' });
    expect(later.reps.filter((r) => r.logged_in_s > 0).map((r) => [r.rep_id, r.logged_in_s])).toEqual([
      ['pjsip-7106', 10800],
      ['pjsip-7107', 2410 + 5400]
    ]);
  });

  it('lists the inferred ends for the lead', async () => {
    const dq = await dataQuality(db, DAY);
    expect(dq.summary.inferred_ends).toBe(4);
    expect(dq.inferred_ends.map((e) => [e.interface, e.started, e.ended, e.rule, e.untrusted_off])).toEqual([
      ['PJSIP/7101', '2026-03-10T08:00:00', '2026-03-10T10:30:10', 'last_activity', null],
      ['PJSIP/7102', '2026-03-10T08:00:00', '2026-03-10T11:00:00', 'queue_restart', null],
      ['PJSIP/7104', '2026-03-10T08:00:00', '2026-03-10T09:30:05', 'last_activity', '2026-03-12T09:00:00'],
      ['PJSIP/7103', '2026-03-10T11:30:00', '2026-03-10T23:30:00', 'max_shift', null]
    ]);
    expect(dq.inferred_ends[0].note).toBe(
      "log-in of PJSIP/7101 to billing from 2026-03-10T08:00:00 had no log-off; ended at 2026-03-10T10:30:10 by the member's last activity in that file"
    );
    expect(dq.inferred_ends[2].note).toContain('the one at 2026-03-12T09:00:00 is in another, later file');
    expect(dq.inferred_ends[0]).toMatchObject({ path: queueLog('lost-logoff-a.queue_log'), line_no: 1, counted_s: 9010 });
    // On the later days only 7107's first log-in, whose log-off was lost before the next log-in.
    expect((await dataQuality(db, { ...DAY, from: '2026-03-11', to: '2026-03-12' })).inferred_ends.map((e) => [e.interface, e.started, e.ended, e.rule])).toEqual([
      ['PJSIP/7107', '2026-03-11T08:00:00', '2026-03-11T08:40:10', 'last_activity']
    ]);
  });

  it('follows the maximum shift setting', async () => {
    await db.run(`UPDATE settings SET value = '36000' WHERE key = 'max_shift_s'`);
    try {
      const { reps } = await repActivity(db, DAY);
      // 7103 now ends at 21:30 (10 h); 7104's off event 49 h later is still untrusted.
      expect(reps.find((r) => r.rep_id === 'pjsip-7103')!.logged_in_s).toBe(36000);
      expect(reps.find((r) => r.rep_id === 'pjsip-7104')!.logged_in_s).toBe(5405);
    } finally {
      await db.run(`UPDATE settings SET value = '43200' WHERE key = 'max_shift_s'`);
    }
  });

  it('counts nobody on the phones while the queue is closed and they do nothing', async () => {
    const hourly = async () =>
      Object.fromEntries((await repActivity(db, { ...DAY, intervalMinutes: 60 })).intervals.map((i) => [i.period_start.slice(11, 13), i.reps_on_phones]));
    // No opening hours: log-ins alone count (7103 to 23:30, 7106 from 21:00).
    expect(await hourly()).toMatchObject({ '08': 4, '09': 4, '10': 3, '11': 1, '12': 2, '17': 1, '18': 1, '19': 1, '20': 1, '21': 2, '22': 2, '23': 1 });
    // billing open Tuesdays 08:00–18:00: after 18:00 only 7103's call p5 (19:00:10–19:35, three
    // slices of 15 minutes: 2700 s of the hour) keeps anyone on the phones.
    await db.run(`INSERT INTO queue_opening_hours VALUES ('billing', 2, 480, 1080)`);
    try {
      expect(await hourly()).toMatchObject({ '08': 4, '09': 4, '10': 3, '11': 1, '12': 2, '17': 1, '18': 0, '19': 1, '20': 0, '21': 0, '22': 0, '23': 0 });
      const day = await repActivity(db, { ...DAY, intervalMinutes: 60 });
      expect(day.intervals.find((i) => i.period_start.endsWith('T19:00:00'))!.available_rep_s).toBe(2700);
      // Logged-in time is what the PBX said: unchanged.
      expect(day.reps.find((r) => r.rep_id === 'pjsip-7106')!.logged_in_s).toBe(10800);
    } finally {
      await db.run(`DELETE FROM queue_opening_hours`);
    }
  });
});
