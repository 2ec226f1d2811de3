import { describe, expect, it } from 'vitest';
import { hrefWith } from './query.ts';

describe('hrefWith', () => {
  it('sets, replaces and drops parameters, keeping the others', () => {
    const url = new URL('http://x/reps?period=day&date=2026-03-10&sort=handled');
    expect(hrefWith(url, { sort: 'aht_s', dir: 'asc' })).toBe('/reps?period=day&date=2026-03-10&sort=aht_s&dir=asc');
    expect(hrefWith(url, { period: null, date: '' })).toBe('/reps?sort=handled');
    expect(hrefWith(new URL('http://x/calls'), {})).toBe('/calls');
    expect(hrefWith(new URL('http://x/calls'), { caller: '+1 312' })).toBe('/calls?caller=%2B1+312');
  });
});
