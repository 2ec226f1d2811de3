// The demo's reason mix after a holiday (#15.4): which days are "the week after a holiday", and the
// pick-ups queue's bulky-item share about three times as high then (bulky-item calls about double
// across the pick-ups and special queues, where special's share rises from 0.58 to 0.8).
import { describe, expect, it } from 'vitest';
import { demoReason, inWeekAfterHoliday } from './reasons.ts';

describe('the demo reason mix after a holiday', () => {
  it('knows the 7 days after a city holiday, not the holiday itself', () => {
    expect(inWeekAfterHoliday('2026-11-26')).toBe(false); // Thanksgiving
    expect(['2026-11-27', '2026-11-30', '2026-12-03'].map(inWeekAfterHoliday)).toEqual([true, true, true]);
    expect(inWeekAfterHoliday('2026-12-04')).toBe(false);
    expect(inWeekAfterHoliday('2027-01-02')).toBe(true); // New Year's Day 2027, across the year
    expect(inWeekAfterHoliday('2026-10-20')).toBe(false);
  });

  it('logs bulky items on pick-ups calls far more often in the week after a holiday', () => {
    const share = (day: string) => {
      let bulky = 0;
      for (let i = 0; i < 4000; i++) if (demoReason('pickups', `${day}.${i}`, day) === 'bulky-item') bulky++;
      return bulky / 4000;
    };
    const usual = share('2026-10-20');
    const after = share('2026-11-30');
    expect(usual).toBeGreaterThan(0.06); // 0.10 of the 86% coded
    expect(usual).toBeLessThan(0.11);
    expect(after / usual).toBeGreaterThan(2.8); // 0.36 / 0.10
  });
});
