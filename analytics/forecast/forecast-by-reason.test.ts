// The forecast and staff per reason group (#15.4): the week-after-a-holiday arithmetic by hand, a group
// the data cannot forecast (the two-week fixture), and on the demo center (17 weeks to 2026-06-05, with
// Presidents' Day and Memorial Day closed) the bulky-item calls of the week after Memorial Day forecast
// at about twice their usual level and close to what the demo then logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { fixtureDb, TZ } from '../test-support/fixture-db.ts';
import { demoDatabase, DEMO_TZ } from '../test-support/coverage-demo-db.ts';
import { afterHolidayEffect, closuresInData, daysAfter } from './after-holiday.ts';
import { MIN_TRAINING_DAYS, reasonForecast } from './forecast-by-reason.ts';

describe('the week after a holiday (pure)', () => {
  it('finds closures: open weekdays inside the data with no call (Sundays are never open here)', () => {
    // Mon 2026-03-02 .. Fri 2026-03-13, weekdays only; Wed 03-04 closed.
    const calls = new Map<string, number>();
    for (const d of ['02', '03', '05', '06', '09', '10', '11', '12', '13']) calls.set(`2026-03-${d}`, 10);
    expect(closuresInData(calls)).toEqual(['2026-03-04']);
    expect(closuresInData(new Map())).toEqual([]);
  });

  it('counts each day after a closure once, the latest closure before it owning it', () => {
    const after = daysAfter(['2026-11-26', '2026-11-27']);
    expect([...after.keys()]).toEqual(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    expect(after.get('2026-11-28')).toBe('2026-11-27');
  });

  it('divides the calls after a holiday by the same weekdays of the ordinary weeks before', () => {
    // Closure Mon 03-16. After it: Tue 03-17 (20 calls), Wed 03-18 (12); baselines Tue 03-10, 03-03 = 10, 6
    // (mean 8), Wed 03-11 = 6 (03-04 unlogged, not ordinary). Σ actual 32 / Σ usual (8 + 6) = 32 / 14.
    const calls = new Map([['2026-03-03', 6], ['2026-03-10', 10], ['2026-03-11', 6], ['2026-03-17', 20], ['2026-03-18', 12]]);
    const logged = new Set(['2026-03-03', '2026-03-10', '2026-03-11', '2026-03-17', '2026-03-18']);
    const effect = afterHolidayEffect(calls, ['2026-03-16'], (d) => logged.has(d), '2026-03-19');
    expect(effect).toEqual({ factor: 32 / 14, holidays: ['2026-03-16'], days: 2 });
    // Nothing scored before `until`, or no baseline: no factor (never a made-up one).
    expect(afterHolidayEffect(calls, ['2026-03-16'], (d) => logged.has(d), '2026-03-17').factor).toBeNull();
    expect(afterHolidayEffect(calls, [], () => true, '2026-04-01')).toEqual({ factor: null, holidays: [], days: 0 });
  });
});

describe('a history too short to forecast by reason', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('reason-groups.queue_log');
  });
  afterAll(() => db.close());

  it('lists every group with the reason it cannot be forecast', async () => {
    const f = await reasonForecast(db, { week: '2026-03-23', timeZone: TZ });
    expect(f.groups.map((g) => g.reason_group)).toEqual(['Not in catalogue', null]); // no catalogue in this database
    for (const g of f.groups) {
      expect(g.forecast).toBe(false);
      expect(g.why_not).toMatch(new RegExp(`only \\d ordinary days? .* needs ${MIN_TRAINING_DAYS}`));
      expect(g.week_calls).toBeNull();
    }
    // Training ends before the data's last day (03-18, which may still be going on): g1-g7, g5 without a code.
    expect(f.settings.trained_before).toBe('2026-03-18');
    expect(f.coverage).toEqual({ calls: 7, with_reason: 6, share_without_reason: 1 / 7 });
  });
});

describe('the demo center: bulky items after Memorial Day', () => {
  let db: Database;
  let dispose: () => void = () => {};
  beforeAll(async () => {
    ({ db, dispose } = await demoDatabase());
  }, 300_000);
  afterAll(() => dispose());

  it('forecasts each group, bulky items about double after the holiday, near what the demo logged', async () => {
    const f = await reasonForecast(db, { week: '2026-05-25', timeZone: DEMO_TZ });
    expect(f.settings.trained_before).toBe('2026-05-25');
    expect(f.closures.map((c) => c.date)).toEqual(['2026-05-25']);
    const bulky = f.groups.find((g) => g.reason_group === 'Bulky item')!;
    expect(bulky.forecast).toBe(true);
    expect(bulky.after_holiday.holidays).toEqual(['2026-02-16']); // Presidents' Day, the one before
    expect(bulky.after_holiday.factor!).toBeGreaterThan(1.7);
    expect(bulky.after_holiday.factor!).toBeLessThan(2.6);
    expect(bulky.week_calls! / bulky.usual_week_calls!).toBeCloseTo(bulky.after_holiday.factor!, 9);
    expect(bulky.days[0]).toMatchObject({ date: '2026-05-25', calls: 0 }); // the holiday itself: closed
    // What the demo logged that week (bulky-item is the demo's only Bulky item code).
    const actual = await db.one<{ n: number }>(
      `SELECT count(*) AS n FROM calls c JOIN call_reasons r USING (file_id, line_no)
       WHERE r.code = 'bulky-item' AND c.direction = 'inbound' AND c.outcome IS NOT NULL
         AND timezone('${DEMO_TZ}', c.enter_ts) >= TIMESTAMP '2026-05-26' AND timezone('${DEMO_TZ}', c.enter_ts) < TIMESTAMP '2026-06-01'`
    );
    expect(Math.abs(bulky.week_calls! - Number(actual!.n)) / Number(actual!.n)).toBeLessThan(0.25);
    // A group the holiday does not move stays near its usual level.
    const billing = f.groups.find((g) => g.reason_group === 'Billing')!;
    expect(billing.after_holiday.factor!).toBeLessThan(1.4);
    // Staff: each forecast group has its own Erlang figures; as separate teams they need more than the pool.
    for (const g of f.groups.filter((x) => x.forecast)) {
      expect(g.peak_required!).toBeGreaterThan(0);
      expect(g.intervals.every((i) => i.required !== null)).toBe(true);
    }
    expect(f.pooled.separate_required_hours!).toBeGreaterThan(f.pooled.required_hours);
    expect(f.coverage.share_without_reason!).toBeGreaterThan(0.05);
    expect(f.coverage.share_without_reason!).toBeLessThan(0.3);
  }, 120_000);
});
