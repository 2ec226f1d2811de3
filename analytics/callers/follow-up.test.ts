// Lost-call follow-up on fixtures/queue-logs/follow-up.queue_log (2026-03-12, billing) and the
// outbound call-backs in follow-up-callbacks.cdr.csv. Expected values worked out by hand:
//   u1 3125550201 abandons 09:00:30 (30 s); their 09:10 call connects 09:10:15 → got through, 585 s
//      (their 08:00 answered call came before the loss and does not count)
//   u2 3125550202 times out 09:25:00; call-back to 1-312-555-0202 picked up 11:00:10 → 5710 s
//   u3 3125550203 abandons 10:00:20; call-back at 10:30 not picked up; their next answered call
//      connects 2026-03-13 10:00:40, 24 h 20 s later → not recovered (1 call-back attempt)
//   u4 3125550204 abandons after 3 s: a short abandon, not lost
//   u5 no caller number, abandons after 40 s: lost, but cannot be followed up
//   u6 3125550206 abandons 11:00:10 and u7 again 11:05:50; their 11:30 call connects 11:30:20
//      → 1810 s and 1470 s
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { demoDatabase, DEMO_TZ } from '../test-support/coverage-demo-db.ts';
import { fixtureDb, TZ } from '../test-support/fixture-db.ts';
import { followUpByPeriod, lostCallFollowUp, median, summarizeFollowUp } from './follow-up.ts';
import { periodsBetween } from '../reports/reports-period.ts';
import { FOLLOW_UP_DEFINITIONS } from '../glossary.ts';

const RANGE = { from: '2026-03-12', to: '2026-03-12', timeZone: TZ };

describe('lost-call follow-up', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('follow-up.queue_log', 'follow-up-callbacks.cdr.csv');
  });
  afterAll(() => db.close());

  it('judges each lost call by hand', async () => {
    const f = await lostCallFollowUp(db, RANGE);
    expect(f.lost_calls.map((l) => [l.callid, l.caller, l.outcome, l.recovered_by, l.recovery_s, l.callback_attempts])).toEqual([
      ['u1', '3125550201', 'abandoned', 'got_through', 585, 0],
      ['u2', '3125550202', 'timed_out', 'called_back', 5710, 1],
      ['u3', '3125550203', 'abandoned', null, null, 1],
      ['u5', null, 'abandoned', null, null, 0],
      ['u6', '3125550206', 'abandoned', 'got_through', 1810, 0],
      ['u7', '3125550206', 'abandoned', 'got_through', 1470, 0]
    ]);
    expect(f.summary).toEqual({ lost_callers: 5, recovered: 4, recovery_rate: 4 / 5, median_recovery_s: (1470 + 1810) / 2 });
    expect(f.unrecovered.map((l) => [l.callid, l.entered, l.lost_at, l.window_open])).toEqual([
      ['u3', '2026-03-12T10:00:00', '2026-03-12T10:00:20', false]
    ]);
    expect(Object.keys(f.summary)).toEqual(FOLLOW_UP_DEFINITIONS.map((d) => d.key));
  });

  it('recovers u3 when the window is widened past 24 h 20 s', async () => {
    const f = await lostCallFollowUp(db, { ...RANGE, windowS: 25 * 3600 });
    expect(f.summary).toMatchObject({ lost_callers: 5, recovered: 5, recovery_rate: 1 });
    expect(f.lost_calls.find((l) => l.callid === 'u3')).toMatchObject({ recovered_by: 'got_through', recovery_s: 24 * 3600 + 20 });
  });

  it('reads the window from the settings table', async () => {
    await db.run(`UPDATE settings SET value = '600' WHERE key = 'follow_up_window_s'`);
    try {
      const f = await lostCallFollowUp(db, RANGE);
      expect(f.settings.follow_up_window_s).toBe(600);
      expect(f.summary).toMatchObject({ recovered: 1, median_recovery_s: 585 }); // only u1 within 10 min
    } finally {
      await db.run(`UPDATE settings SET value = '86400' WHERE key = 'follow_up_window_s'`);
    }
  });

  it('counts a short abandon as lost when the threshold drops below its wait', async () => {
    const f = await lostCallFollowUp(db, { ...RANGE, shortAbandonS: 2 });
    expect(f.summary.lost_callers).toBe(6); // u4 (3 s) is now lost, and never called again
    expect(f.unrecovered.map((l) => l.callid)).toEqual(['u3', 'u4']);
  });

  it('answers null rates for a day without lost calls', async () => {
    const f = await lostCallFollowUp(db, { ...RANGE, from: '2026-03-13', to: '2026-03-13' });
    expect(f.summary).toEqual({ lost_callers: 0, recovered: 0, recovery_rate: null, median_recovery_s: null });
  });
});

// followUpByPeriod sums per period in SQL what summarizeFollowUp sums from lostCallFollowUp's list of a
// period's dates: the same figures, bit for bit (the median too), on the demo center's 17 weeks.
describe('lost-call follow-up per period', () => {
  let db: Database;
  let dispose: () => void;
  beforeAll(async () => {
    ({ db, dispose } = await demoDatabase());
  });
  afterAll(() => dispose());

  const cases = [
    { by: 'week', kind: 'weekly', from: '2026-02-09', to: '2026-06-07' },
    { by: 'month', kind: 'monthly', from: '2026-02-01', to: '2026-06-30', queue: 'billing' },
    { by: 'month', kind: 'monthly', from: '2026-03-01', to: '2026-05-31', windowS: 3600, shortAbandonS: 20 },
    { by: 'quarter', kind: 'quarterly', from: '2026-01-01', to: '2026-06-30' }
  ] as const;
  for (const c of cases) {
    it(`by ${c.by} ${c.from}..${c.to}${'queue' in c ? ` in ${c.queue}` : ''}${'windowS' in c ? ' with other settings' : ''}`, async () => {
      const opts = { from: c.from, to: c.to, timeZone: DEMO_TZ, queue: 'queue' in c ? c.queue : null, windowS: 'windowS' in c ? c.windowS : null, shortAbandonS: 'shortAbandonS' in c ? c.shortAbandonS : null };
      const rows = await followUpByPeriod(db, { ...opts, by: c.by });
      const expected = [];
      for (const p of periodsBetween(c.kind, c.from, c.to)) {
        const list = await lostCallFollowUp(db, { ...opts, from: p.from, to: p.to });
        if (list.lost_calls.length) expected.push({ period_start: p.from, ...summarizeFollowUp(list.lost_calls) });
      }
      expect(expected.length).toBeGreaterThan(1);
      expect(expected.some((e) => e.recovered > 0 && e.median_recovery_s !== null)).toBe(true);
      expect(rows).toEqual(expected);
    });
  }

  it('on the fixture with call-backs: the whole range and one of its days', async () => {
    const fixture = await fixtureDb('follow-up.queue_log', 'follow-up-callbacks.cdr.csv');
    try {
      for (const range of [RANGE, { ...RANGE, to: '2026-03-13' }]) {
        const list = await lostCallFollowUp(fixture, range);
        expect(await followUpByPeriod(fixture, { ...range, by: 'total' })).toEqual([{ period_start: range.from, ...summarizeFollowUp(list.lost_calls) }]);
      }
    } finally {
      fixture.close();
    }
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
  });

  it('summarises only lost calls that carry a number', () => {
    const call = (number_key: string | null, recovery_s: number | null) => ({
      call_id: '1-1', entered: '', lost_at: '', queue: 'q', callid: 'c', caller: number_key, number_key, outcome: 'abandoned' as const,
      wait_s: 30, recovered_by: recovery_s === null ? null : ('got_through' as const), recovery_s, callback_attempts: 0, window_open: false
    });
    expect(summarizeFollowUp([call('1', 60), call(null, null), call('2', null)])).toEqual({
      lost_callers: 2, recovered: 1, recovery_rate: 0.5, median_recovery_s: 60
    });
  });
});
