import { describe, expect, it } from 'vitest';
import { reproject } from './intraday.ts';

// A day of four 60-minute intervals from 08:00, forecast 10, 20, 30, 40 calls (100 in all).
const dayAhead = [480, 540, 600, 660].map((minute, i) => ({ minute, calls: 10 * (i + 1) }));

describe('reproject (hand-worked)', () => {
  it('scales the rest by the damped ratio of the calls so far to the forecast so far', () => {
    // Cut at 10:00: 08:00 and 09:00 have ended, forecast 30, actual 12 + 33 = 45 → r = 1.5.
    // K = 30: w = 30 / 60 = 0.5, k = 1 + 0.5 · 0.5 = 1.25 → 30 · 1.25 = 37.5 and 40 · 1.25 = 50.
    const r = reproject(dayAhead, [{ minute: 480, calls: 12 }, { minute: 540, calls: 33 }, { minute: 600, calls: 99 }], 600, 60, 30);
    expect(r.forecast_so_far).toBe(30);
    expect(r.actual_so_far).toBe(45); // the 10:00 interval has not ended: its calls are not "so far"
    expect(r.ratio).toBe(1.5);
    expect(r.weight).toBe(0.5);
    expect(r.factor).toBe(1.25);
    expect(r.rest).toEqual([{ minute: 600, day_ahead: 30, reprojected: 37.5 }, { minute: 660, day_ahead: 40, reprojected: 50 }]);
    expect(r.forecast_day).toBe(100);
    expect(r.reprojected_day).toBe(45 + 37.5 + 50);
  });

  it('counts the interval in progress as still to come', () => {
    // 10:30 with 60-minute intervals: the 10:00 interval is under way and is re-projected.
    const r = reproject(dayAhead, [{ minute: 480, calls: 10 }, { minute: 540, calls: 20 }], 630, 60, 30);
    expect(r.rest.map((x) => x.minute)).toEqual([600, 660]);
    expect(r.factor).toBe(1);
  });

  it('with the default K of 100, a few calls barely move the forecast and many move it most of the way', () => {
    // 12 forecast so far, 18 came (r = 1.5): w = 12 / 112, k = 1 + 0.5 · 12 / 112 = 1.0536.
    const small = reproject([{ minute: 480, calls: 12 }, { minute: 540, calls: 12 }], [{ minute: 480, calls: 18 }], 540, 60);
    expect(small.factor).toBeCloseTo(1 + 0.5 * (12 / 112), 12);
    // 600 forecast so far, 900 came: w = 600 / 700, k = 1 + 0.5 · 6 / 7 = 1.4286.
    const big = reproject([{ minute: 480, calls: 600 }, { minute: 540, calls: 600 }], [{ minute: 480, calls: 900 }], 540, 60);
    expect(big.factor).toBeCloseTo(1 + 0.5 * (6 / 7), 12);
    expect(big.rest[0].reprojected).toBeCloseTo(600 * (1 + 0.5 * (6 / 7)), 9);
  });

  it('a quiet morning lowers the rest, never below zero', () => {
    // Forecast 30 so far, nothing came: r = 0, w (K = 0) = 1, k = 0: the rest is 0, not negative.
    const r = reproject(dayAhead, [], 600, 60, 0);
    expect(r.ratio).toBe(0);
    expect(r.factor).toBe(0);
    expect(r.rest.every((x) => x.reprojected === 0)).toBe(true);
  });

  it('a tiny forecast so far (the day just opened, or forecast closed) leaves the day-ahead forecast standing', () => {
    const r = reproject([{ minute: 480, calls: 0.4 }, { minute: 540, calls: 20 }], [{ minute: 480, calls: 7 }], 540, 60);
    expect(r.ratio).toBeNull();
    expect(r.weight).toBe(0);
    expect(r.factor).toBe(1);
    expect(r.rest).toEqual([{ minute: 540, day_ahead: 20, reprojected: 20 }]);
    expect(r.reprojected_day).toBe(27);
  });

  it('before opening nothing has ended: the whole day is the day-ahead forecast', () => {
    const r = reproject(dayAhead, [], 420, 60);
    expect(r.rest.length).toBe(4);
    expect(r.reprojected_day).toBe(100);
  });

  it('ignores negative or non-finite figures instead of carrying them', () => {
    const r = reproject([{ minute: 480, calls: Number.NaN }, { minute: 540, calls: -5 }, { minute: 600, calls: 10 }], [{ minute: 480, calls: -3 }], 600, 60);
    expect(r.forecast_so_far).toBe(0);
    expect(r.actual_so_far).toBe(0);
    expect(r.rest).toEqual([{ minute: 600, day_ahead: 10, reprojected: 10 }]);
  });
});
