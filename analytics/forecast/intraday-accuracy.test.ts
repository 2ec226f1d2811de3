import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { addDays, isoWeekday } from '../roster/schedule-model.ts';
import { readSpecialDays } from './forecast.ts';
import type { HistoryRow } from './forecast-model.ts';
import { intradayAccuracy } from './intraday-accuracy.ts';
import { intradayCenterHistory } from '../test-support/intraday-center.ts';
import { demoDatabase, DEMO_TZ } from '../test-support/coverage-demo-db.ts';

const CUT = 10 * 60;
const weekdays = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isoWeekday(d) <= 5) out.push(d);
  return out;
};

describe('intraday re-projection on a generated center with a known shock', () => {
  // 16 weeks of history from Monday 2026-01-05; Wednesday 2026-04-22 the bills were mailed: +40 % all day.
  const shockDay = '2026-04-22';
  const rows = intradayCenterHistory({ from: '2026-01-05', days: 7 * 16, shocks: { [shockDay]: 1.4 } });

  it('beats the day-ahead forecast on the rest of the shocked day, cut at 10:00', () => {
    const r = intradayAccuracy(rows, { dates: [shockDay], cutMinute: CUT, intervalMinutes: 30, trainingWeeks: 12, halfLifeWeeks: 4 });
    expect(r.days_scored).toBe(1);
    const day = r.days[0];
    // The day-ahead forecast knows nothing of the mailing; the morning's calls do.
    expect(day.actual_rest).toBeGreaterThan(1.25 * day.day_ahead_rest);
    expect(day.factor).toBeGreaterThan(1.2);
    expect(r.wape_reprojected!).toBeLessThan(r.wape_day_ahead!);
    expect(r.wape_reprojected!).toBeLessThan(0.6 * r.wape_day_ahead!);
  });

  it('is not worse over every weekday of its last four weeks', () => {
    const r = intradayAccuracy(rows, { dates: weekdays('2026-03-30', '2026-04-24'), cutMinute: CUT, intervalMinutes: 30, trainingWeeks: 12, halfLifeWeeks: 4 });
    expect(r.days_scored).toBe(20);
    expect(r.wape_reprojected!).toBeLessThanOrEqual(r.wape_day_ahead!);
  });
});

describe('intraday re-projection on the demo center', () => {
  let db: Database;
  let dispose: () => void;
  beforeAll(async () => {
    ({ db, dispose } = await demoDatabase());
  }, 600_000);
  afterAll(() => dispose?.());

  it('is not worse than the day-ahead forecast on the rest of every weekday after the first four weeks', async () => {
    const spans = await db.query<{ first_date: string; last_date: string }>('forecast-data-span', { tz: DEMO_TZ });
    const from = spans.map((s) => s.first_date).sort()[0];
    // (the newest day may still be going on: not scored)
    const to = addDays(spans.map((s) => s.last_date).sort().at(-1)!, -1);
    const rows = await db.query<HistoryRow>('forecast-history', { from, to, tz: DEMO_TZ, interval_minutes: 30 });
    const r = intradayAccuracy(rows, {
      dates: weekdays(addDays(from, 28), to), cutMinute: CUT, intervalMinutes: 30, trainingWeeks: 12, halfLifeWeeks: 4,
      specials: await readSpecialDays(db, from, to)
    });
    expect(r.days_scored).toBeGreaterThan(50);
    expect(r.wape_day_ahead!).toBeGreaterThan(0);
    expect(r.wape_reprojected!).toBeLessThanOrEqual(r.wape_day_ahead!);
  });
});
