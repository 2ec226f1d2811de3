// Data quality on fixtures/queue-logs/data-quality.queue_log: billing open Mon–Fri 08:00–17:00.
// 2026-03-25 (Wed) has calls at 08:15, 09:10, 10:05, 11:30, 14:20, 15:30, 16:40 and nothing in the
// 12:00 and 13:00 hours; 2026-03-26 has no events at all; the data ends 2026-03-27 08:30.
// q3 enters 03-25 09:30 and never ends (47 h open at the end of the data); q9 enters 03-27 08:20
// (10 min open: fine). q4 talks 50,000 s (> 12 h); q6's CONNECT and COMPLETECALLER say it waited −5 s:
// the load rejects both values (below the plausible range) and q6 waits its 5 s from the timestamps.
// Line 12 is not a queue_log line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { dataQuality, turnedAway } from './data-quality.ts';
import { fixtureDb, TZ } from '../test-support/fixture-db.ts';

const RANGE = { from: '2026-03-25', to: '2026-03-27', timeZone: TZ, intervalMinutes: 60 };

describe('data quality', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('data-quality.queue_log');
    await db.run(`INSERT INTO queue_opening_hours SELECT 'billing', d, 8 * 60, 17 * 60 FROM range(1, 6) t(d)`);
  });
  afterAll(() => db.close());

  it('finds every kind of problem', async () => {
    const q = await dataQuality(db, RANGE);
    expect(q.summary).toEqual({
      quarantined_lines: 1,
      rejected_values: 2,
      open_visits_over_24h: 1,
      impossible_durations: 1,
      silent_intervals: 2 + 9, // 03-25 12:00 and 13:00; all nine open hours of 03-26
      callers_turned_away: 0,
      opening_hours_set: true,
      inferred_ends: 0 // no log-ins in this file
    });
    expect(q.quarantine).toEqual([
      expect.objectContaining({ field: 'event', lines: 1, first_line: 12, example_raw: 'this line is not queue_log' })
    ]);
    expect(q.open_visits.map((v) => [v.callid, v.entered, v.open_s])).toEqual([['q3', '2026-03-25T09:30:00', 47 * 3600]]);
    expect(q.impossible_durations.map((d) => [d.callid, d.problem, d.wait_s, d.talk_s])).toEqual([
      ['q4', 'talk too long', 10, 50000]
    ]);
    expect(q.rejected_values).toEqual([
      { path: expect.stringMatching(/data-quality\.queue_log$/), line_no: 17, field: 'holdtime (CONNECT data1)', value: '-5', reason: 'below 0 s, kept as missing' },
      { path: expect.stringMatching(/data-quality\.queue_log$/), line_no: 18, field: 'holdtime (COMPLETECALLER data1)', value: '-5', reason: 'below 0 s, kept as missing' }
    ]);
    expect(await db.one(`SELECT wait_s, talk_s FROM calls WHERE callid = 'q6'`)).toEqual({ wait_s: 5, talk_s: 60 });
    expect(q.silent_intervals.map((s) => s.period_start)).toEqual([
      '2026-03-25T12:00:00',
      '2026-03-25T13:00:00',
      ...[8, 9, 10, 11, 12, 13, 14, 15, 16].map((h) => `2026-03-26T${String(h).padStart(2, '0')}:00:00`)
    ]);
    expect(q.silent_intervals[0].queues_open).toBe('billing');
  });

  it('cuts shorter intervals', async () => {
    // Half hours of 03-25 with no event: busy are 08:00 (ADDMEMBER, q1), 09:00 (q2), 09:30 (q3 enters),
    // 10:00 (q4), 11:30 (q5), 14:00 (q6), 15:30 (q7), 16:30 (q8).
    const half = await dataQuality(db, { ...RANGE, from: '2026-03-25', to: '2026-03-25', intervalMinutes: 30 });
    expect(half.silent_intervals.map((s) => s.period_start.slice(11, 16))).toEqual([
      '08:30', '10:30', '11:00', '12:00', '12:30', '13:00', '13:30', '14:30', '15:00', '16:00'
    ]);
  });

  it('judges only intervals wholly inside opening hours', async () => {
    await db.run(`UPDATE queue_opening_hours SET open_minute = 8 * 60 + 15, close_minute = 16 * 60 + 45`);
    try {
      const q = await dataQuality(db, { ...RANGE, from: '2026-03-26', to: '2026-03-26' });
      // 08:00–09:00 and 16:00–17:00 are only partly open: 09:00 .. 15:00 remain.
      expect(q.silent_intervals.map((s) => s.period_start.slice(11, 13))).toEqual(['09', '10', '11', '12', '13', '14', '15']);
    } finally {
      await db.run(`UPDATE queue_opening_hours SET open_minute = 8 * 60, close_minute = 17 * 60`);
    }
  });

  it('does not call a day marked closed silent (a holiday), for all queues or for the queue', async () => {
    for (const queue of ['*', 'billing']) {
      await db.run(`INSERT INTO special_days (date, queue, kind, name) VALUES (DATE '2026-03-26', $queue, 'closed', 'Holiday')`, { queue });
      try {
        const q = await dataQuality(db, RANGE);
        expect(q.silent_intervals.map((s) => s.period_start), queue).toEqual(['2026-03-25T12:00:00', '2026-03-25T13:00:00']);
      } finally {
        await db.run(`DELETE FROM special_days`);
      }
    }
    await db.run(`INSERT INTO special_days (date, queue, kind, name) VALUES (DATE '2026-03-26', 'billing', 'special', 'Storm')`);
    try {
      expect((await dataQuality(db, RANGE)).summary.silent_intervals, 'a special (open) day is still judged').toBe(11);
    } finally {
      await db.run(`DELETE FROM special_days`);
    }
  });

  it('says when no opening hours are set instead of guessing', async () => {
    await db.run(`DELETE FROM queue_opening_hours`);
    const q = await dataQuality(db, RANGE);
    expect(q.summary).toMatchObject({ silent_intervals: 0, opening_hours_set: false });
  });
});

// fixtures/queue-logs/turned-away.queue_log: 2026-03-10 09:20 JOINEMPTY, 09:30 FULL; 03-11 09:00 JOINUNAVAIL.
describe('callers turned away', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('turned-away.queue_log');
  });
  afterAll(() => db.close());

  it('lists the intervals in which callers were turned away, and why: nobody available or the queue full', async () => {
    const q = await dataQuality(db, { from: '2026-03-10', to: '2026-03-11', timeZone: TZ, intervalMinutes: 30 });
    expect(q.summary.callers_turned_away).toBe(3);
    expect(q.turned_away.map((r) => [r.period_start, r.queue, r.blocked, r.nobody_available, r.queue_full])).toEqual([
      ['2026-03-10T09:00:00', 'billing', 1, 1, 0],
      ['2026-03-10T09:30:00', 'billing', 1, 0, 1],
      ['2026-03-11T09:00:00', 'billing', 1, 1, 0]
    ]);
    expect(await turnedAway(db, { from: '2026-03-12', to: '2026-03-12', timeZone: TZ, intervalMinutes: 30 })).toEqual([]);
  });
});
