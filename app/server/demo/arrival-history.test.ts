// The demo generator's long-range volume (volume.ts) and its calls at the forecast's grain (arrival-history.ts).
import { describe, expect, it } from 'vitest';
import { demoArrivalHistory } from './arrival-history.ts';
import { generateDemoCenter } from './generate-demo-center.ts';
import { BILL_MAILOUT, isBillMailout, SEASONAL_VOLUME, volumeFactor } from './volume.ts';

describe('the demo generator over years', () => {
  it('season, trend and mail-outs by hand: mid-January 1.15 × trend, mid-July 0.85 × trend; mail-outs on the 3rd–7th, Monday to Friday', () => {
    // Day of year 15 (16 January): cos 0 = 1 → 1 + 0.15; on the last day (0 days before the end) the trend is 1.05.
    expect(volumeFactor(SEASONAL_VOLUME, { key: '2026-01-16' }, 0)).toBeCloseTo(1.05 * 1.15, 9);
    // A year before the end: 1.05 / 1.06.
    expect(volumeFactor(SEASONAL_VOLUME, { key: '2026-01-16' }, 365.25)).toBeCloseTo((1.05 / 1.06) * 1.15, 9);
    // 17 July is day 197, 182 days after the peak: cos(2π·182/365.25) = −0.9999, so 1.05 × 0.85.
    expect(volumeFactor(SEASONAL_VOLUME, { key: '2026-07-17' }, 0)).toBeCloseTo(1.05 * (1 + 0.15 * Math.cos((2 * Math.PI * 182) / 365.25)), 9);
    expect(volumeFactor(SEASONAL_VOLUME, { key: '2026-07-17' }, 0)).toBeCloseTo(1.05 * 0.85, 3);
    expect(isBillMailout({ key: '2026-08-03', weekday: 1 })).toBe(true);
    expect(isBillMailout({ key: '2026-08-08', weekday: 6 })).toBe(false);
    expect(isBillMailout({ key: '2026-08-10', weekday: 1 })).toBe(false);
  });

  it('a year of calls per half hour: holidays closed and entered, mail-out days entered and busier in Billing, the same rows for the same seed', () => {
    const opts = { from: '2025-06-02', days: 364, volume: SEASONAL_VOLUME };
    const h = demoArrivalHistory(opts);
    const closed = h.specials.filter((s) => s.kind === 'closed').map((s) => s.date);
    expect(closed).toContain('2025-11-27'); // Thanksgiving, a moving holiday
    expect(h.rows.some((r) => closed.includes(r.date))).toBe(false);
    const mailouts = new Set(h.specials.filter((s) => s.name === BILL_MAILOUT).map((s) => s.date));
    expect(mailouts.size).toBeGreaterThan(40);
    const billingPerDay = (on: boolean) => {
      const days = new Map<string, number>();
      for (const r of h.rows) if (r.queue === 'billing' && new Date(`${r.date}T12:00:00Z`).getUTCDay() === 3 && mailouts.has(r.date) === on) days.set(r.date, (days.get(r.date) ?? 0) + r.offered);
      return [...days.values()].reduce((s, x) => s + x, 0) / days.size;
    };
    // Wednesdays: Billing ×1.4 on mail-out days (the season and trend move both alike over a year).
    expect(billingPerDay(true) / billingPerDay(false)).toBeGreaterThan(1.25);
    expect(billingPerDay(true) / billingPerDay(false)).toBeLessThan(1.6);
    expect(demoArrivalHistory(opts).rows).toEqual(h.rows);
  });

  it('the demo files take the volume too (--seasonal): more calls in a January than without it', () => {
    const end = new Date('2026-01-16T23:00:00Z');
    const count = (text: string) => text.split('\n').filter((l) => l.includes('|ENTERQUEUE|')).length;
    const plain = count(generateDemoCenter({ end, days: 5 }).queueLog);
    const seasonal = count(generateDemoCenter({ end, days: 5, volume: SEASONAL_VOLUME }).queueLog);
    // 12–16 January 2026 hold no mail-out day (the 3rd–7th): the season's ×1.15 alone, lost callers' retries aside.
    expect(seasonal / plain).toBeGreaterThan(1.05);
  });
});
