import { describe, expect, it } from 'vitest';
import { labelSpacing, maxOf, sparseTicks } from './chart-series.ts';

describe('chart helpers', () => {
  it('finds the largest value over several keys, ignoring gaps', () => {
    expect(maxOf([{ a: 3, b: null }, { a: 1, b: 7 }], ['a', 'b'])).toBe(7);
    expect(maxOf([], ['a'])).toBe(0);
  });

  it('keeps every n-th label', () => {
    expect(sparseTicks(['07:00', '07:30', '08:00', '08:30', '09:00'], 2)).toEqual(['07:00', '08:00', '09:00']);
    expect(sparseTicks(['a', 'b'], 0)).toEqual(['a', 'b']);
  });
});

describe('labelSpacing', () => {
  it('spaces the labels so each has room on the plot, never closer than asked', () => {
    expect(labelSpacing(24, 1200, 2)).toBe(2); // a laptop: every second half hour, as asked
    expect(labelSpacing(24, 330, 2)).toBe(4); // a phone: 7 labels fit, 24 bands
    expect(labelSpacing(24, 0, 2)).toBe(2); // not measured yet (server render)
    expect(labelSpacing(0, 330)).toBe(1);
  });
});
