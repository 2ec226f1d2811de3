// Trends on the demo center (17 weeks to Friday 2026-06-05): each point of a weekly or monthly series is
// the analytics answer for that period's dates (computeMetrics, repeat callers, lost-call follow-up,
// quality scores), quarters compare with the ones before, and staffing sums the intervals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { demoDatabase, DEMO_TZ } from '../test-support/coverage-demo-db.ts';
import { lostCallFollowUp } from '../callers/follow-up.ts';
import { computeMetrics } from '../metrics/metrics.ts';
import { qualityScores } from '../quality/quality-score.ts';
import { repeatCallers } from '../callers/repeat-callers.ts';
import { teamQualityScore } from '../reports/reports-sections.ts';
import { computeTrends, quarterComparisons, staffingTrend, trendRange, type TrendsResult } from './trends.ts';
import { judgeChange } from './trends-compare.ts';
import { staffingHours, staffingIntervals } from './trends-staffing.ts';

const TZ = DEMO_TZ;
const TODAY = '2026-06-05';

describe('trends', () => {
  let db: Database;
  let dispose: () => void;
  let weekly: TrendsResult;
  beforeAll(async () => {
    ({ db, dispose } = await demoDatabase());
    weekly = await computeTrends(db, { by: 'week', from: '2026-03-02', to: '2026-05-31', timeZone: TZ, today: TODAY });
  });
  afterAll(() => dispose());

  it('a weekly point is the metrics, repeat rate, follow-up and quality of that ISO week', async () => {
    expect(weekly.series.map((p) => p.period)).toEqual(Array.from({ length: 13 }, (_, i) => `2026-W${String(10 + i).padStart(2, '0')}`));
    const metrics = await computeMetrics(db, { from: '2026-03-02', to: '2026-05-31', by: 'week', timeZone: TZ });
    expect(weekly.series.map((p) => [p.from, p.offered, p.lost, p.lost_rate, p.service_level, p.asa_s, p.aht_s])).toEqual(
      metrics.rows.map((m) => [m.period_start, m.offered, m.lost, m.lost_rate, m.service_level, m.asa_s, m.aht_s])
    );
    for (const p of [weekly.series[0], weekly.series[6], weekly.series[12]]) {
      const range = { from: p.from, to: p.to, timeZone: TZ };
      const [repeat, follow, quality] = await Promise.all([repeatCallers(db, range), lostCallFollowUp(db, range), qualityScores(db, range)]);
      expect(p.repeat_rate, p.period).toBe(repeat.total.repeat_rate);
      expect([p.lost_callers, p.recovered, p.recovery_rate], p.period).toEqual([follow.summary.lost_callers, follow.summary.recovered, follow.summary.recovery_rate]);
      expect(p.quality_score, p.period).toBeCloseTo(teamQualityScore(quality.rows)!, 9);
    }
  });

  it('a monthly point for one queue is that queue\'s answers', async () => {
    const monthly = await computeTrends(db, { by: 'month', from: '2026-03-01', to: '2026-05-31', queue: 'billing', timeZone: TZ, today: TODAY });
    const metrics = await computeMetrics(db, { from: '2026-03-01', to: '2026-05-31', by: 'month', queue: 'billing', timeZone: TZ });
    expect(monthly.series.map((p) => [p.period, p.offered, p.service_level])).toEqual(metrics.rows.map((m, i) => [`2026-0${3 + i}`, m.offered, m.service_level]));
    const april = await repeatCallers(db, { from: '2026-04-01', to: '2026-04-30', queue: 'billing', timeZone: TZ });
    expect(monthly.series[1].repeat_rate).toBe(april.total.repeat_rate);
    expect(monthly.series[1].quality_score).toBeNull(); // the quality score is a rep's, not a queue's
  });

  it('breaks the range down per queue: the last period, the one before and the whole range', async () => {
    const may = await computeMetrics(db, { from: '2026-05-25', to: '2026-05-31', by: 'total', group: 'queue', timeZone: TZ });
    expect(weekly.by_queue.map((q) => [q.queue, q.latest?.offered])).toEqual(may.rows.map((q) => [q.queue, q.offered]));
    expect(weekly.by_queue.reduce((n, q) => n + (q.total?.offered ?? 0), 0)).toBe(weekly.series.reduce((n, p) => n + (p.offered ?? 0), 0));
  });

  it('knows how many days of each period the data covers, and draws no figure where it covers none', async () => {
    // The demo's data runs from Saturday 2026-02-07 to Friday 2026-06-05.
    const quarters = await computeTrends(db, { by: 'quarter', from: '2025-07-01', to: '2026-06-30', timeZone: TZ, today: TODAY });
    expect(quarters.series.map((p) => [p.period, p.covered_days, p.days])).toEqual([
      ['2025-Q3', 0, 92], ['2025-Q4', 0, 92], ['2026-Q1', 53, 90], ['2026-Q2', 66, 91]
    ]);
    // No data is not zero calls: every figure of an uncovered quarter is null.
    expect(quarters.series[0]).toMatchObject({ offered: null, lost: null, lost_callers: null, recovered: null, service_level: null });
    const q1 = await computeMetrics(db, { from: '2026-01-01', to: '2026-03-31', by: 'total', timeZone: TZ });
    expect(quarters.series[2].offered).toBe(q1.rows[0].offered);
    // Staffing: the hours the calls decide are missing where there is no data (the schedule's are not).
    const staffing = await staffingTrend(db, { by: 'quarter', from: '2025-07-01', to: '2026-06-30', timeZone: TZ, today: TODAY });
    expect(staffing.series.map((p) => p.on_phones_h === null)).toEqual([true, true, false, false]);
  });

  it('compares partial quarters on the same days of each, and says so', async () => {
    const cmp = await quarterComparisons(db, { quarter: '2026-Q2', timeZone: TZ, today: TODAY });
    expect(cmp).toMatchObject({ quarter: '2026-Q2', to_date: true, previous_quarter: '2026-Q1', last_year_quarter: '2025-Q2' });
    // Q2 holds days 0..65 (Apr 1 – Jun 5), Q1 days 37..89 (Feb 7 – Mar 31): both hold days 37..65.
    expect(cmp.qoq).toMatchObject({
      basis: 'same_days',
      now: { period: '2026-Q2', covered_days: 66, days: 91, compared: { from: '2026-05-08', to: '2026-06-05' } },
      then: { period: '2026-Q1', covered_days: 53, days: 90, compared: { from: '2026-02-07', to: '2026-03-07' } }
    });
    expect(cmp.qoq.note).toMatch(/compared on the same 29 days of each, 2026-05-08 – 2026-06-05 against 2026-02-07 – 2026-03-07/);
    const [now, then] = await Promise.all([
      computeMetrics(db, { from: '2026-05-08', to: '2026-06-05', by: 'total', timeZone: TZ }),
      computeMetrics(db, { from: '2026-02-07', to: '2026-03-07', by: 'total', timeZone: TZ })
    ]);
    const sl = cmp.qoq.rows.find((r) => r.key === 'service_level')!;
    expect(sl).toEqual({ key: 'service_level', label: 'Service level', unit: 'rate', value: now.rows[0].service_level, previous: then.rows[0].service_level, change: now.rows[0].service_level! - then.rows[0].service_level!, relative_change: null });
    const offered = cmp.qoq.rows.find((r) => r.key === 'offered')!;
    expect([offered.value, offered.previous]).toEqual([now.rows[0].offered, then.rows[0].offered]);
    // A year earlier there is no data: "no data", not "0 → 12,345".
    expect(cmp.yoy).toMatchObject({ basis: 'none', note: '2025-Q2 has no data: nothing to compare with.' });
    const q2 = await computeMetrics(db, { from: '2026-04-01', to: '2026-06-30', by: 'total', timeZone: TZ });
    expect(cmp.yoy.rows.find((r) => r.key === 'offered')).toMatchObject({ value: q2.rows[0].offered, previous: null, change: null, relative_change: null });
    expect([judgeChange('service_level', 0.01), judgeChange('lost_rate', 0.01), judgeChange('offered', 5), judgeChange('asa_s', -2)]).toEqual(['better', 'worse', null, 'better']);
    // Without a quarter: the last complete one.
    expect((await quarterComparisons(db, { timeZone: TZ, today: TODAY })).quarter).toBe('2026-Q1');
  });

  it('sums required, scheduled and actual rep-hours per period', async () => {
    const trend = await staffingTrend(db, { by: 'month', from: '2026-04-01', to: '2026-05-31', timeZone: TZ, today: TODAY });
    const april = await staffingIntervals(db, { from: '2026-04-01', to: '2026-04-30', timeZone: TZ });
    expect(trend.series[0]).toEqual({ period: '2026-04', from: '2026-04-01', to: '2026-04-30', days: 30, covered_days: 30, ...staffingHours(april.intervals, false) });
    expect(trend.scheduled).toBe(false);
    expect(trend.series[0].required_h).toBeGreaterThan(1000);
    expect(trend.series[0].on_phones_h).toBeGreaterThan(trend.series[0].required_h!);
  });

  it('two years of quarters ask the database only about the months that have calls or rep states, with the same figures', async () => {
    const span = (await db.one<{ first: string; last: string }>(
      `SELECT strftime(timezone($tz, min(enter_ts)), '%Y-%m') AS first, strftime(timezone($tz, max(enter_ts)), '%Y-%m') AS last FROM calls`,
      { tz: TZ }
    ))!;
    const asked: string[] = [];
    const query = db.query.bind(db);
    db.query = ((name: string, params?: Record<string, unknown>, conn?: unknown) => {
      if (name.startsWith('forecast-history')) asked.push(String(params!.from).slice(0, 7));
      return query(name, params as never, conn as never);
    }) as typeof db.query;
    let trend;
    try {
      trend = await staffingTrend(db, { by: 'quarter', from: '2025-01-01', to: '2026-12-31', timeZone: TZ, today: TODAY });
    } finally {
      db.query = query;
    }
    expect(trend.series).toHaveLength(8);
    expect(asked.length).toBeLessThan(24);
    expect(asked.every((month) => month >= span.first && month <= span.last), asked.join(' ')).toBe(true);
    const q2 = await staffingIntervals(db, { from: '2026-04-01', to: '2026-06-30', timeZone: TZ });
    expect(trend.series.find((p) => p.period === '2026-Q2')).toMatchObject({ period: '2026-Q2', from: '2026-04-01', to: '2026-06-30', ...staffingHours(q2.intervals, false) });
    // a quarter without data is a gap (its call-driven hours null), not zeros
    expect(trend.series.find((p) => p.period === '2025-Q1')).toMatchObject({ covered_days: 0, required_h: null });
  });

  it('takes whole periods, half a year of weeks by default, and refuses too many at once', () => {
    const half = trendRange({ by: 'week', timeZone: TZ, today: TODAY });
    expect(half).toMatchObject({ from: '2025-12-08', to: '2026-06-07' }); // 2025-W50 .. 2026-W23
    expect(half.periods).toHaveLength(26);
    expect(trendRange({ by: 'quarter', from: '2026-02-10', to: '2026-05-01', timeZone: TZ, today: TODAY })).toMatchObject({ from: '2026-01-01', to: '2026-06-30' });
    expect(() => trendRange({ by: 'week', from: '2020-01-01', timeZone: TZ, today: TODAY })).toThrow(/at most 110 can be shown at once/);
    expect(() => trendRange({ by: 'month', from: '2026-05-01', to: '2026-03-01', timeZone: TZ, today: TODAY })).toThrow(/is after/);
  });
});
