import { describe, expect, it } from 'vitest';
import { gapText, heatmap, toneOf } from './heatmap.ts';

describe('gap heatmap', () => {
  it.each([
    [-3, 'short-3', '−3'], [-2, 'short-2', '−2'], [-0.5, 'short-1', '−0.5'], [0, 'even', '0'],
    [0.2, 'even', '0'], [1, 'over-1', '+1'], [2.25, 'over-2', '+2.5'], [4, 'over-3', '+4']
  ] as const)('gap %d is %s, written %s', (gap, tone, text) => {
    expect(toneOf(gap)).toBe(tone);
    expect(gapText(gap)).toBe(text);
  });

  it('spans the intervals anything is required or scheduled in, a row per day with any', () => {
    const iv = (date: string, minute: number, required: number, scheduled: number) => ({ date, minute, required, scheduled, gap: scheduled - required, calls: required * 5 });
    const map = heatmap([iv('2026-06-08', 420, 2, 1), iv('2026-06-08', 480, 1, 1), iv('2026-06-09', 450, 0, 2), iv('2026-06-09', 600, 0, 0)], ['2026-06-08', '2026-06-09', '2026-06-10'], 30);
    expect(map.minutes).toEqual([420, 450, 480]);
    expect(map.rows.map((r) => r.date)).toEqual(['2026-06-08', '2026-06-09']);
    expect(map.rows[0].cells.map((c) => c.text)).toEqual(['−1', '', '0']);
    expect(map.rows[1].cells.map((c) => c.tone)).toEqual(['none', 'over-2', 'none']);
  });
});
