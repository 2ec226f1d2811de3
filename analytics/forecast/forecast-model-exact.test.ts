// The backtest finds each queue's rows once (not filtered out of all the rows per queue and week), and
// keeps the actuals of the queues it scores alone.
// Held on the demo center to the code before, kept below word for word: the same backtests for the
// queues and for the reason groups, all at once and one at a time, several training ends and window
// lengths, with special days.
import { describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { DEMO_TZ } from '../test-support/coverage-demo-db.ts';
import { useDemoDatabase } from '../test-support/use-demo-database.ts';
import { addDays } from '../roster/schedule-model.ts';
import { backtest, fitQueueModel, forecastQueue, type BacktestDay, type BacktestInterval, type BacktestOptions, type BacktestResult, type HistoryRow, type SpecialDay } from './forecast-model.ts';
import { callHistory } from './history.ts';

const ratio = (num: number, den: number) => (den > 0 ? num / den : null);

/** backtest as it was. */
function backtestBefore(queues: readonly string[], rows: readonly HistoryRow[], opts: BacktestOptions): BacktestResult[] {
  type Cell = { f: number; a: number; fAht: number | null; aAht: number | null; n: number };
  const cells = new Map<string, Map<string, Cell>>(); // queue → "date|minute" → cell
  const actual = new Map<string, HistoryRow>();
  for (const r of rows) actual.set(`${r.queue}|${r.date}|${r.minute}`, r);
  for (const q of [...queues, '*']) cells.set(q, new Map());

  for (const monday of opts.weeks) {
    const dates = Array.from({ length: 7 }, (_, i) => addDays(monday, i)).filter((d) => d < opts.dataEnd);
    for (const queue of queues) {
      const excluded = new Set(opts.specials.filter((s) => s.queue === '*' || s.queue === queue).map((s) => s.date));
      const model = fitQueueModel(queue, rows, { trainEnd: monday, trainingWeeks: opts.trainingWeeks, halfLifeWeeks: opts.halfLifeWeeks, excluded });
      const forecast = forecastQueue(model, dates);
      // Score normal open days only: a day with calls that is not on the special-day list.
      const dayTotals = new Map<string, number>();
      for (const r of rows) if (r.queue === queue && dates.includes(r.date)) dayTotals.set(r.date, (dayTotals.get(r.date) ?? 0) + r.offered);
      const scored = new Set(dates.filter((d) => !excluded.has(d) && (dayTotals.get(d) ?? 0) > 0));
      const keys = new Set<string>();
      for (const f of forecast) if (scored.has(f.date)) keys.add(`${f.date}|${f.minute}`);
      for (const r of rows) if (r.queue === queue && scored.has(r.date)) keys.add(`${r.date}|${r.minute}`);
      const fByKey = new Map(forecast.map((f) => [`${f.date}|${f.minute}`, f]));
      for (const key of keys) {
        const f = fByKey.get(key);
        const a = actual.get(`${queue}|${key}`);
        const cell: Cell = {
          f: f?.calls ?? 0, a: a?.offered ?? 0, fAht: f?.aht_s ?? null,
          aAht: a && a.answered > 0 ? a.handle_s / a.answered : null, n: a?.answered ?? 0
        };
        cells.get(queue)!.set(key, cell);
        const total = cells.get('*')!.get(key) ?? { f: 0, a: 0, fAht: null, aAht: null, n: 0 };
        total.f += cell.f;
        total.a += cell.a;
        cells.get('*')!.set(key, total);
      }
    }
  }

  return [...queues, '*'].map((queue) => {
    const byDay = new Map<string, BacktestDay>();
    const byMinute = new Map<number, BacktestInterval>();
    let absI = 0, sumI = 0, ahtAbs = 0, ahtSum = 0;
    for (const [key, c] of cells.get(queue)!) {
      const [date, m] = key.split('|');
      const minute = Number(m);
      const day = byDay.get(date) ?? { date, forecast: 0, actual: 0 };
      day.forecast += c.f;
      day.actual += c.a;
      byDay.set(date, day);
      const iv = byMinute.get(minute) ?? { minute, forecast: 0, actual: 0, abs_error: 0, wape: null };
      iv.forecast += c.f;
      iv.actual += c.a;
      iv.abs_error += Math.abs(c.f - c.a);
      byMinute.set(minute, iv);
      absI += Math.abs(c.f - c.a);
      sumI += c.a;
      if (c.fAht !== null && c.aAht !== null && c.n > 0) {
        ahtAbs += Math.abs(c.fAht - c.aAht) * c.n;
        ahtSum += c.aAht * c.n;
      }
    }
    const days = [...byDay.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
    const absD = days.reduce((s, d) => s + Math.abs(d.forecast - d.actual), 0);
    const sumD = days.reduce((s, d) => s + d.actual, 0);
    const intervals = [...byMinute.values()].sort((a, b) => a.minute - b.minute).map((iv) => ({ ...iv, wape: ratio(iv.abs_error, iv.actual) }));
    return {
      queue,
      weeks: [...opts.weeks],
      days_scored: days.length,
      wape_day: ratio(absD, sumD),
      wape_interval: ratio(absI, sumI),
      aht_wape: queue === '*' ? null : ratio(ahtAbs, ahtSum),
      by_day: days,
      by_interval: intervals
    };
  });
}

describe('the backtest, each queue’s rows found once', () => {
  let db: Database;
  useDemoDatabase((d) => (db = d));

  it('scores every queue and reason group as the code before', async () => {
    // (the demo's data: 2026-02-06 to 2026-06-05)
    const params = { from: '2026-01-01', to: '2026-06-05', tz: DEMO_TZ, interval_minutes: 30 };
    const byQueue = await callHistory(db, params);
    const byReason = await db.query<HistoryRow>('forecast-history-by-reason', { ...params, queue: null });
    const specials = [
      { date: '2026-05-25', queue: '*', kind: 'closed', name: 'Memorial Day', volume_factor: null },
      { date: '2026-04-14', queue: 'billing', kind: 'special', name: 'Bills mailed', volume_factor: 1.4 }
    ] as unknown as SpecialDay[];
    for (const rows of [byQueue, byReason]) {
      const queues = [...new Set(rows.map((r) => r.queue))].sort();
      expect(queues.length).toBeGreaterThan(2);
      for (const [last, trainingWeeks, halfLifeWeeks] of [['2026-05-25', 12, 4], ['2026-05-11', 8, 2], ['2026-03-23', 4, 4]] as const) {
        const weeks = [-28, -21, -14, -7, 0].map((d) => addDays(last, d));
        const opts = { weeks, dataEnd: '2026-06-05', trainingWeeks, halfLifeWeeks, specials };
        const now = backtest(queues, rows, opts);
        expect(now.find((b) => b.queue === '*')!.days_scored).toBeGreaterThan(15);
        expect(now).toEqual(backtestBefore(queues, rows, opts));
        // one queue at a time, as the reason forecast asks it for each group
        for (const q of queues) expect(backtest([q], rows, opts)).toEqual(backtestBefore([q], rows, opts));
      }
    }
  });
});
