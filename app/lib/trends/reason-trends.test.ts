// The Trends page's reason-group chart and coverage words (pure), by hand.
import { describe, expect, it } from 'vitest';
import type { ReasonTrendPoint } from '../../../analytics/trends/trends-reasons.ts';
import { coverageWords, groupLabel, reasonChartPoints, reasonChartSpec } from './reason-trends.ts';

const point = (period: string, from: string, to: string, covered: number, groups: Array<[string | null, number | null]>): ReasonTrendPoint => ({
  period, from, to, days: 7, covered_days: covered, offered: null, with_reason: null, share_without_reason: null, answered_share_without_reason: null,
  groups: groups.map(([reason_group, offered]) => ({ reason_group, offered, answered: null, lost: null, lost_rate: null, aht_s: null, repeat_rate: null }))
});

describe('reason trends on the page', () => {
  it('says how much of the calls the figures cover, in whole percents', () => {
    expect(coverageWords(100, 84)).toBe('Covers 84% of calls (16% have no reason).');
    expect(coverageWords(7, 6, 'answered calls')).toBe('Covers 86% of answered calls (14% have no reason).');
    expect(coverageWords(5, 5)).toBe('Covers all calls: every one has a reason.');
    expect(coverageWords(5, 0)).toBe('No calls have a reason: nothing to break down.');
    expect(coverageWords(0, 0)).toBe('No calls in this range.');
  });

  it('draws a line per group, the calls without a reason as "No reason", a gap where a period has no data', () => {
    const groups = ['Bulky item', null];
    const spec = reasonChartSpec(groups, 'offered');
    expect(spec.lines.map((l) => [l.key, l.label])).toEqual([['g0', 'Bulky item'], ['g1', 'No reason']]);
    const points = reasonChartPoints('week', [point('2026-W11', '2026-03-09', '2026-03-15', 6, [['Bulky item', 2], [null, 1]]), point('2026-W12', '2026-03-16', '2026-03-22', 0, [['Bulky item', null], [null, null]])], groups, 'offered');
    expect(points.map((p) => [p.period, p.g0, p.g1, p.partial])).toEqual([['2026-W11', 2, 1, true], ['2026-W12', null, null, false]]);
    expect(groupLabel(null)).toBe('No reason');
  });
});
