// Repeat callers on fixtures/queue-logs/repeat-callers.queue_log (2026-03-13 .. 03-19, 72 h window).
// Answered calls with a number, 03-16 .. 03-19, worked out by hand:
//   r1    …301 billing 7001 03-16 09:00  previous call 03-13 08:00 is 73 h back → not a repeat
//   r3    …302 trash   7001 03-16 09:40  abandoned 09:30 the same day          → repeat
//   r4    …303 billing 7001 03-16 11:00  first call                            → not
//   r5    …304 billing 7002 03-16 12:01  its own earlier visit (trash, timed out) is the same call → not
//   r305a …305 billing 7001 03-16 13:00  first                                 → not
//   r306a …306 billing 7001 03-16 14:00  first                                 → not
//   r2    …301 billing 7002 03-17 10:00  r1 25 h before                        → repeat
//   r6    …301 billing 7001 03-19 09:00  r2 47 h before                        → repeat
//   r305b …305 billing 7002 03-19 13:00  r305a exactly 72 h before             → repeat
//   r306b …306 billing 7002 03-19 14:00:01  r306a 72 h 1 s before             → not
// The anonymous call (rA) has no number and is left out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { fixtureDb, TZ } from '../test-support/fixture-db.ts';
import { REPEAT_CALLER_DEFINITIONS } from '../glossary.ts';
import { repeatCallers, repeatRatesBy } from './repeat-callers.ts';

const RANGE = { from: '2026-03-16', to: '2026-03-19', timeZone: TZ };

describe('repeat callers', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('repeat-callers.queue_log');
    await db.run(`INSERT INTO roster VALUES ('PJSIP/7001', 'ana-diaz', 'Ana Diaz', 'Billing', true)`);
  });
  afterAll(() => db.close());

  it('counts repeats in total, per queue and per rep', async () => {
    const r = await repeatCallers(db, RANGE);
    expect(r.total).toEqual({ answered: 10, repeat_calls: 4, repeat_rate: 4 / 10 });
    expect(r.by_queue).toEqual([
      { queue: 'billing', answered: 9, repeat_calls: 3, repeat_rate: 3 / 9 },
      { queue: 'trash', answered: 1, repeat_calls: 1, repeat_rate: 1 }
    ]);
    expect(r.by_rep).toEqual([
      { rep: 'Ana Diaz', rep_id: 'ana-diaz', rep_interface: 'PJSIP/7001', answered: 6, repeat_calls: 2, repeat_rate: 2 / 6 },
      { rep: 'PJSIP/7002', rep_id: 'pjsip-7002', rep_interface: 'PJSIP/7002', answered: 4, repeat_calls: 2, repeat_rate: 2 / 4 }
    ]);
    expect(Object.keys(r.total)).toEqual(REPEAT_CALLER_DEFINITIONS.map((d) => d.key));
  });

  it('looks back before the range for earlier calls', async () => {
    // Only 03-19: r6 (r2 on 03-17) and r305b (03-16) are repeats; r306b is not.
    const r = await repeatCallers(db, { ...RANGE, from: '2026-03-19' });
    expect(r.total).toEqual({ answered: 3, repeat_calls: 2, repeat_rate: 2 / 3 });
  });

  it('follows the window setting and the query option', async () => {
    const wide = await repeatCallers(db, { ...RANGE, windowS: 73 * 3600 + 1 });
    expect(wide.total.repeat_calls).toBe(6); // r1 (73 h) and r306b (72 h 1 s) join
    await db.run(`UPDATE settings SET value = '3600' WHERE key = 'repeat_window_s'`);
    try {
      const narrow = await repeatCallers(db, RANGE);
      expect(narrow.settings.repeat_window_s).toBe(3600);
      expect(narrow.total.repeat_calls).toBe(1); // only r3, 10 min after its abandon
    } finally {
      await db.run(`UPDATE settings SET value = '259200' WHERE key = 'repeat_window_s'`);
    }
  });

  it('counts each week or month of a range as a range of its own dates would, in one query', async () => {
    // r0 (03-13, week 11) is answered and no repeat; week 12 holds the ten calls above.
    const weeks = { from: '2026-03-09', to: '2026-03-22', timeZone: TZ, queue: null, by: 'week' as const };
    expect(await repeatRatesBy(db, { ...weeks, windowS: 72 * 3600 })).toEqual([
      { period_start: '2026-03-09', answered: 1, repeat_calls: 0, repeat_rate: 0 },
      { period_start: '2026-03-16', answered: 10, repeat_calls: 4, repeat_rate: 4 / 10 }
    ]);
    // With 73 h 1 s, r1 repeats r0 across the week's edge, as it does for the week's dates alone.
    const wide = await repeatRatesBy(db, { ...weeks, windowS: 73 * 3600 + 1 });
    const week12 = await repeatCallers(db, { from: '2026-03-16', to: '2026-03-22', timeZone: TZ, windowS: 73 * 3600 + 1 });
    expect(wide[1]).toEqual({ period_start: '2026-03-16', ...week12.total });
    expect(wide[1].repeat_calls).toBe(6);
    expect(await repeatRatesBy(db, { ...weeks, by: 'month', windowS: 72 * 3600 })).toEqual([
      { period_start: '2026-03-01', answered: 11, repeat_calls: 4, repeat_rate: 4 / 11 }
    ]);
    expect((await repeatRatesBy(db, { ...weeks, queue: 'billing', windowS: 72 * 3600 }))[1]).toEqual({
      period_start: '2026-03-16', answered: 9, repeat_calls: 3, repeat_rate: 3 / 9
    });
  });

  it('answers a null rate with no answered calls', async () => {
    const r = await repeatCallers(db, { ...RANGE, from: '2026-03-20', to: '2026-03-20' });
    expect(r.total).toEqual({ answered: 0, repeat_calls: 0, repeat_rate: null });
    expect(r.by_queue).toEqual([]);
  });
});
