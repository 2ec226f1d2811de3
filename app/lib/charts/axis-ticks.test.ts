// Tick labels never overlap: every k-th kept, the last always, and what is kept clears its neighbours.
import { describe, expect, it } from 'vitest';
import { labelWidthPx, overlaps, thinTicks } from './axis-ticks.ts';

const evenly = (labels: string[], widthPx: number) => labels.map((label, i) => ({ x: ((i + 0.5) * widthPx) / labels.length, label }));
const QUARTERS = ['Q1 2025', 'Q2 2025', 'Q3 2025', 'Q4 2025', 'Q1 2026', 'Q2 2026', 'Q3 2026', 'Q4 2026'];

describe('axis ticks', () => {
  it('keeps every label when there is room', () => {
    expect(thinTicks(evenly(QUARTERS, 1200)).map((t) => t.label)).toEqual(QUARTERS);
  });

  it('thins 8 quarters on a phone to every other one, ending at the latest', () => {
    // 270 px of plot: 34 px a quarter, a label about 50 px wide.
    expect(labelWidthPx('Q1 2026')).toBeCloseTo(7 * 11.52 * 0.62, 9);
    expect(thinTicks(evenly(QUARTERS, 270)).map((t) => t.label)).toEqual(['Q2 2025', 'Q4 2025', 'Q2 2026', 'Q4 2026']);
  });

  it('never leaves two overlapping labels, at any width and count', () => {
    const weeks = Array.from({ length: 26 }, (_, i) => `Nov ${10 + (i % 20)}`);
    const months = Array.from({ length: 24 }, (_, i) => `Sep ${2025 + Math.floor(i / 12)}`);
    for (const labels of [QUARTERS, weeks, months]) {
      for (let width = 120; width <= 1400; width += 37) {
        const kept = thinTicks(evenly(labels, width));
        expect(kept.at(-1)!.label).toBe(labels.at(-1));
        kept.forEach((t, i) => i > 0 && expect(overlaps(kept[i - 1], t), `${labels.length} labels at ${width} px`).toBe(false));
      }
    }
  });

  it('keeps one label when even two do not fit', () => {
    expect(thinTicks(evenly(['September 2026', 'October 2026'], 60))).toEqual([{ x: 45, label: 'October 2026' }]);
  });
});
