// The Trends page's per-queue breakdown asks two queries instead of three: the range's last period and
// the one before in one query by period, the whole range in another (trends.ts, queueBreakdown). Held
// to the code before, kept below (one computeMetrics per period and one for the range), on the demo
// center (17 weeks to Friday 2026-06-05): weeks, months and quarters, ranges ending inside the data,
// at its end and after it (a last period with no call, a queue with calls only in the one before), in
// two zones. And the comparisons' default quarter, chosen without a count when no data reaches the
// last quarter, is the one the count chose.
import { describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { DEMO_TZ } from '../test-support/coverage-demo-db.ts';
import { useDemoDatabase } from '../test-support/use-demo-database.ts';
import { computeMetrics, type MetricRow } from '../metrics/metrics.ts';
import { periodOf, previousPeriod } from '../reports/reports-period.ts';
import { queueBreakdown, quarterComparisons, trendRange, type QueueTrendRow, type TrendRange } from './trends.ts';

/** queueBreakdown as the code before worked it out: three computeMetrics. */
async function breakdownBefore(db: Database, r: TrendRange): Promise<QueueTrendRow[]> {
  const last = r.periods.at(-1)!;
  const before = previousPeriod(last);
  const range = { timeZone: r.timeZone, group: 'queue' as const, by: 'total' as const };
  const [latest, previous, total] = await Promise.all([
    computeMetrics(db, { ...range, from: last.from, to: last.to }),
    computeMetrics(db, { ...range, from: before.from, to: before.to }),
    computeMetrics(db, { ...range, from: r.from, to: r.to })
  ]);
  const queues = [...new Set([...total.rows, ...latest.rows, ...previous.rows].map((q) => q.queue!))].sort();
  const find = (rows: MetricRow[], q: string) => rows.find((x) => x.queue === q) ?? null;
  return queues.map((queue) => ({ queue, latest: find(latest.rows, queue), previous: find(previous.rows, queue), total: find(total.rows, queue) }));
}

/** The default quarter as the code before chose it: the last complete one when it had calls. */
async function defaultQuarterBefore(db: Database, today: string, timeZone: string): Promise<string> {
  const current = periodOf('quarterly', today);
  const last = previousPeriod(current);
  const [total] = (await computeMetrics(db, { from: last.from, to: last.to, by: 'total', timeZone })).rows;
  return (total && total.offered > 0 ? last : current).period;
}

describe('the per-queue breakdown from two queries', () => {
  let db: Database;
  useDemoDatabase((d) => (db = d));

  it('gives every queue the rows the three queries gave', async () => {
    const asked: Array<[string, string | null, string]> = [
      ['week', '2026-03-02', '2026-05-31'],
      ['week', '2026-05-04', '2026-06-14'], // last week without calls, the one before with some
      ['week', '2026-06-08', '2026-06-14'], // one period, after the data; the week before has calls
      ['week', null, '2026-04-15'],
      ['month', '2026-01-01', '2026-06-30'],
      ['month', '2026-03-01', '2026-07-31'],
      ['quarter', '2026-01-01', '2026-06-30'],
      ['quarter', '2026-04-01', '2026-09-30']
    ];
    let latestNull = 0;
    for (const timeZone of [DEMO_TZ, 'Asia/Kolkata'])
      for (const [by, from, to] of asked) {
        const r = trendRange({ by, from, to, timeZone, today: '2026-06-05' });
        const now = await queueBreakdown(db, r);
        expect(now.length, `${by} ${from} ${to}`).toBeGreaterThan(2);
        expect(now, `${by} ${from} ${to} ${timeZone}`).toEqual(await breakdownBefore(db, r));
        latestNull += now.filter((q) => q.latest === null && q.previous !== null).length;
      }
    expect(latestNull).toBeGreaterThan(0);
  });

  it('chooses the default quarter the count chose', async () => {
    // (the demo's data: 2026-02-06 to 2026-06-05: Q1 and Q2 2026 have calls, Q4 2025 and Q3 2026 none)
    for (const today of ['2026-02-10', '2026-04-10', '2026-06-05', '2026-07-01', '2026-08-15', '2026-10-02', '2027-01-05']) {
      const chosen = await quarterComparisons(db, { timeZone: DEMO_TZ, today });
      expect(chosen.quarter, today).toBe(await defaultQuarterBefore(db, today, DEMO_TZ));
    }
  });
});
