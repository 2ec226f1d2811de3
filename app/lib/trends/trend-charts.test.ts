// The Trends page's chart logic by hand: labels, where points and annotations sit, the value axis.
import { describe, expect, it } from 'vitest';
import { annotationMarks, axisFormat, chartPoints, periodLabel, timeDomain, timeTicks, valueDomain } from './trend-charts.ts';

describe('trend charts', () => {
  it('labels weeks by their Monday, months and quarters by name', () => {
    expect(periodLabel('week', '2026-03-02')).toBe('Mar 2');
    expect(periodLabel('month', '2026-11-01')).toBe('Nov 2026');
    expect(periodLabel('quarter', '2026-10-01')).toBe('Q4 2026');
  });

  it('puts a point in the middle of its period and an annotation at noon of its date', () => {
    const series = [
      { period: '2026-W10', from: '2026-03-02', to: '2026-03-08', offered: 120, service_level: null },
      { period: '2026-W11', from: '2026-03-09', to: '2026-03-15', offered: 80, service_level: 0.8 }
    ];
    const points = chartPoints('week', series, ['offered', 'service_level']);
    expect(points.map((p) => [p.x.toISOString(), p.label, p.offered, p.service_level])).toEqual([
      ['2026-03-05T12:00:00.000Z', 'Mar 2', 120, null],
      ['2026-03-12T12:00:00.000Z', 'Mar 9', 80, 0.8]
    ]);
    expect(timeDomain(series).map((d) => d.toISOString())).toEqual(['2026-03-02T00:00:00.000Z', '2026-03-16T00:00:00.000Z']);
    const marks = annotationMarks([
      { id: 7, date: '2026-03-10', text: 'Storm week', author: 'manager' },
      { id: 3, date: '2026-03-03', text: 'New billing system', author: 'admin' }
    ]);
    expect(marks.map((m) => [m.n, m.id, m.x.toISOString()])).toEqual([[1, 3, '2026-03-03T12:00:00.000Z'], [2, 7, '2026-03-10T12:00:00.000Z']]);
  });

  it('scales the value axis a little above the largest value, never past 100% or a score of 100', () => {
    const points = chartPoints('week', [{ period: 'a', from: '2026-03-02', to: '2026-03-08', r: 0.95, n: 200 }], ['r', 'n']);
    expect(valueDomain(points, ['r'], 'rate')).toEqual([0, 1]);
    expect(valueDomain(points, ['n'], 'count')[1]).toBeCloseTo(230, 9);
    expect(valueDomain([], ['n'], 'count')).toEqual([0, 1]);
    expect([axisFormat('rate')(0.25), axisFormat('seconds')(95), axisFormat('hours')(1234.4)]).toEqual(['25%', '1:35', '1,234 h']);
  });

  it('marks partly covered periods, leaves uncovered ones without a value, and thins the axis to fit', () => {
    const series = [
      { period: '2026-Q2', from: '2026-04-01', to: '2026-06-30', days: 91, covered_days: 0, offered: null },
      { period: '2026-Q3', from: '2026-07-01', to: '2026-09-30', days: 92, covered_days: 21, offered: 4000 },
      { period: '2026-Q4', from: '2026-10-01', to: '2026-12-31', days: 92, covered_days: 92, offered: 20000 }
    ];
    const points = chartPoints('quarter', series, ['offered']);
    expect(points.map((p) => [p.offered, p.partial, p.coverage])).toEqual([[null, false, 'no data'], [4000, true, 'partial: 21 of 92 days'], [20000, false, null]]);
    const domain = timeDomain(series);
    expect(timeTicks(points, domain, 600)).toHaveLength(3);
    expect(timeTicks(points, domain, 100)).toEqual([points[0].x, points[2].x]);
    expect(timeTicks(points, domain, 60)).toEqual([points[2].x]);
  });
});
