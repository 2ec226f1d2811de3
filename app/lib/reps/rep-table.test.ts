/** Joining the three answers into the /reps table, and sorting it. */
import { describe, expect, it } from 'vitest';
import { buildRepTable, parseSort, sortRows } from './rep-table.ts';
import { periodLabel, periodRange, shiftPeriod, todayIn, weekStart } from './period.ts';

const reps = [
  { id: 'ana', name: 'Ana Ruiz', interfaces: ['Agent/7001', 'PJSIP/7001'], team: 'Billing' },
  { id: 'ben', name: 'Ben Okafor', interfaces: ['PJSIP/7002'], team: null },
  { id: 'pjsip-7009', name: 'PJSIP/7009', interfaces: ['PJSIP/7009'], team: null }
];
const activity = [
  { rep_id: 'ana', rep: 'Ana Ruiz', handled: 10, aht_s: 200, ring_no_answer: 1, transferred: 0, occupancy: 0.5 },
  { rep_id: 'ben', rep: 'Ben Okafor', handled: 4, aht_s: null, ring_no_answer: 3, transferred: 1, occupancy: null }
];
const quality = [
  { rep_id: 'ana', rep: 'Ana Ruiz', quality_score: 90, evaluations: 2 },
  { rep_id: 'pjsip-7009', rep: 'PJSIP/7009', quality_score: 0, evaluations: 0 }
];
const trend = [
  { period_start: '2026-03-09', rep_interface: 'PJSIP/7001', answered: 5 },
  { period_start: '2026-03-10', rep_interface: 'PJSIP/7001', answered: 7 },
  { period_start: '2026-03-10', rep_interface: 'Agent/7001', answered: 1 },
  { period_start: '2026-03-10', rep_interface: null, answered: 9 },
  { period_start: '2026-03-10', rep_interface: 'PJSIP/7002', answered: 2 }
];

describe('buildRepTable', () => {
  const rows = buildRepTable({ activity, quality, trend, trendDates: ['2026-03-09', '2026-03-10', '2026-03-11'], reps });

  it('has a row per rep in either answer, with the trend per day (zero when nothing)', () => {
    expect(rows.map((r) => [r.rep_id, r.rep, r.team, r.handled, r.quality_score, r.evaluations])).toEqual([
      ['ana', 'Ana Ruiz', 'Billing', 10, 90, 2],
      ['ben', 'Ben Okafor', null, 4, null, 0],
      ['pjsip-7009', 'PJSIP/7009', null, 0, 0, 0]
    ]);
    expect(rows[0].trend.map((p) => p.handled)).toEqual([5, 8, 0]); // both of Ana's interfaces
    expect(rows[1].trend.map((p) => p.handled)).toEqual([0, 2, 0]);
  });

  it('sorts by any column, nulls last either way, ties by name', () => {
    expect(sortRows(rows, 'quality_score', 'desc').map((r) => r.rep_id)).toEqual(['ana', 'pjsip-7009', 'ben']);
    expect(sortRows(rows, 'quality_score', 'asc').map((r) => r.rep_id)).toEqual(['pjsip-7009', 'ana', 'ben']);
    expect(sortRows(rows, 'aht_s', 'asc').map((r) => r.rep_id)).toEqual(['ana', 'ben', 'pjsip-7009']);
    expect(sortRows(rows, 'rep', 'desc').map((r) => r.rep_id)).toEqual(['pjsip-7009', 'ben', 'ana']);
    expect(sortRows(rows, 'transferred', 'asc').map((r) => r.rep_id)).toEqual(['ana', 'pjsip-7009', 'ben']);
  });

  it('reads the sort from the query string, with a sensible direction by default', () => {
    expect(parseSort(null, null)).toEqual({ key: 'rep', dir: 'asc' });
    expect(parseSort('quality_score', null)).toEqual({ key: 'quality_score', dir: 'desc' });
    expect(parseSort('handled', 'asc')).toEqual({ key: 'handled', dir: 'asc' });
    expect(parseSort('password', 'sideways')).toEqual({ key: 'rep', dir: 'asc' });
  });
});

describe('periods', () => {
  it('cuts days and ISO weeks (Monday first), steps them, and names them', () => {
    expect(weekStart('2026-03-08')).toBe('2026-03-02'); // a Sunday
    expect(weekStart('2026-03-09')).toBe('2026-03-09');
    expect(periodRange('week', '2026-12-31')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(periodRange('day', '2026-03-10')).toEqual({ from: '2026-03-10', to: '2026-03-10' });
    expect(shiftPeriod('week', '2026-03-11', -1)).toBe('2026-03-02');
    expect(shiftPeriod('day', '2026-03-01', -1)).toBe('2026-02-28');
    expect(periodLabel('day', '2026-03-10')).toBe('Tuesday, March 10, 2026');
    expect(periodLabel('week', '2026-03-11')).toBe('Week of Mar 9 – Mar 15, 2026');
    expect(todayIn('America/Chicago', new Date('2026-03-11T04:59:00Z'))).toBe('2026-03-10');
  });
});

describe('weeklySeries', async () => {
  const { weeklySeries } = await import('./weekly.ts');
  it('has a point per week, null where the rep did nothing', () => {
    const row = { handled: 5, aht_s: 200, team_aht_s: 210, ring_no_answer_rate: 0.1, transfer_rate: 0, quality_score: 90, evaluation_score: null };
    const points = weeklySeries([{ period_start: '2026-03-16', ...row }], '2026-03-09', 3);
    expect(points.map((p) => [p.week, p.handled, p.quality_score])).toEqual([
      ['2026-03-09', null, null],
      ['2026-03-16', 5, 90],
      ['2026-03-23', null, null]
    ]);
  });
});
