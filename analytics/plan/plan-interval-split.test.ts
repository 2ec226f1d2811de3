// planIntervalForecast splits the history by queue once (issue 16: the accuracy's eight held-out weeks
// each fitted every queue from every row). Held on the demo center's own history to the function as it
// was before (below, word for word but for its name), for each of the held-out weeks.
import { describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { DEMO_TZ } from '../test-support/coverage-demo-db.ts';
import { useDemoDatabase } from '../test-support/use-demo-database.ts';
import { callHistory } from '../forecast/history.ts';
import { fitQueueModel, forecastQueue, type HistoryRow, type SpecialDay } from '../forecast/forecast-model.ts';
import { addDays } from '../roster/schedule-model.ts';
import { dailyTotals, planIntervalForecast } from './forecast-accuracy.ts';
import { weeklyForecast, type DayHistory } from './plan-forecast.ts';

function planIntervalForecastBefore(rows: readonly HistoryRow[], days: readonly DayHistory[], monday: string, specials: readonly SpecialDay[], trainingWeeks: number, halfLifeWeeks: number): Map<string, number> {
  const queues = [...new Set(rows.map((r) => r.queue))];
  const dates = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const shape = new Map<string, number>();
  const dayShape = new Map<string, number>();
  for (const queue of queues) {
    const excluded = new Set(specials.filter((s) => s.queue === '*' || s.queue === queue).map((s) => s.date));
    const model = fitQueueModel(queue, rows, { trainEnd: monday, trainingWeeks, halfLifeWeeks, excluded });
    for (const f of forecastQueue(model, dates)) {
      shape.set(`${f.date}|${f.minute}`, (shape.get(`${f.date}|${f.minute}`) ?? 0) + f.calls);
      dayShape.set(f.date, (dayShape.get(f.date) ?? 0) + f.calls);
    }
  }
  const weekly = weeklyForecast({ days, specials, trainEnd: monday, start: monday, weeks: 1 });
  const week = weekly.weeks[0];
  const dayCalls = dates.map((_, i) => week.normal_calls * weekly.weekday_shares[i] * week.day_factors[i]);
  const out = new Map<string, number>();
  for (const [key, v] of shape) {
    const date = key.slice(0, 10);
    const total = dayShape.get(date) ?? 0;
    out.set(key, total > 0 ? (v / total) * dayCalls[dates.indexOf(date)] : 0);
  }
  return out;
}

describe('the plan interval forecast from a history split by queue', () => {
  let db: Database;
  useDemoDatabase((d) => (db = d));

  it('gives what it gave before, week after week, from the same rows', async () => {
    const rows = await callHistory(db, { from: '2026-02-09', to: '2026-05-31', tz: DEMO_TZ, interval_minutes: 30 });
    expect(new Set(rows.map((r) => r.queue)).size).toBeGreaterThan(1);
    const days = dailyTotals(rows);
    const specials: SpecialDay[] = [{ date: '2026-05-25', queue: '*', kind: 'closed', name: 'Memorial Day', volume_factor: 0 }];
    for (const monday of ['2026-04-13', '2026-04-20', '2026-05-04', '2026-05-25']) {
      const now = planIntervalForecast(rows, days, monday, specials, 8, 4);
      expect(now.size).toBeGreaterThan(100);
      expect([...now]).toEqual([...planIntervalForecastBefore(rows, days, monday, specials, 8, 4)]);
    }
  });
});
