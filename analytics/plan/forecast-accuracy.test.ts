// The forecast's accuracy against its two baselines, on hand-made histories (numbers worked beside them),
// and on a generated three-year center with a yearly season, moving holidays and a trend.
import { describe, expect, it } from 'vitest';
import { forecastAccuracy } from './forecast-accuracy.ts';
import type { HistoryRow } from '../forecast/forecast-model.ts';
import { addDays, isoWeekday } from '../roster/schedule-model.ts';
import { holidays, seasonalCenterHistory, SEASONAL_CLOSE, SEASONAL_OPEN } from '../test-support/seasonal-center.ts';

const MINUTES = Array.from({ length: 18 }, (_, i) => 480 + 30 * i); // 08:00–17:00
const flat = (from: string, days: number, perInterval: (date: string) => number): HistoryRow[] =>
  Array.from({ length: days }, (_, i) => addDays(from, i))
    .filter((d) => isoWeekday(d) <= 5)
    .flatMap((date) => MINUTES.map((minute) => ({ queue: 'billing', date, minute, offered: perInterval(date), answered: perInterval(date), handle_s: 300 * perInterval(date) })));
const open = (_d: string, m: number) => m >= 480 && m < 1020;

describe('forecastAccuracy', () => {
  it('a flat 8 calls per half hour, then a week of 10: WAPE 20% for the model and for last week; the Poisson floor of 8', () => {
    const start = '2026-01-05';
    const held = addDays(start, 7 * 14);
    const rows = flat(start, 7 * 15, (d) => (d >= held ? 10 : 8));
    const a = forecastAccuracy(rows, { weeks: [held], specials: [], isOpen: open });
    expect(a.days_scored).toBe(5);
    expect(a.intervals_scored).toBe(90);
    // The model forecasts 8 (|8 − 10| / 10); last week had 8 too. Per day: |144 − 180| / 180.
    expect(a.model.interval).toBeCloseTo(0.2, 6);
    expect(a.model.day).toBeCloseTo(0.2, 6);
    expect(a.last_week.interval).toBeCloseTo(0.2, 6);
    // Floor: √(2·8/π) / 8 = 0.28209 per interval; √(2·144/π) / 144 = 0.06649 per day.
    expect(a.floor.interval).toBeCloseTo(Math.sqrt(16 / Math.PI) / 8, 6);
    expect(a.floor.day).toBeCloseTo(Math.sqrt(288 / Math.PI) / 144, 6);
    expect(a.better_than_last_week).toBe(false);
  });

  it('last week as a baseline copies a holiday: a closed Monday a week earlier is a 100% miss for it', () => {
    const start = '2026-01-05';
    const held = addDays(start, 7 * 14);
    const closedMonday = addDays(held, -7);
    const rows = flat(start, 7 * 15, () => 8).filter((r) => r.date !== closedMonday);
    const specials = [{ date: closedMonday, queue: '*', kind: 'closed' as const, name: 'Holiday', volume_factor: 0 }];
    const a = forecastAccuracy(rows, { weeks: [held], specials, isOpen: open });
    expect(a.model.interval).toBeCloseTo(0, 6);
    // Monday copied as 0 against 8 in 18 intervals: 144 / (5 × 144) = 20%.
    expect(a.last_week.interval).toBeCloseTo(0.2, 6);
    expect(a.better_than_last_week).toBe(true);
  });

  it('three generated years: better than last week per interval and per day', () => {
    const { rows, specials } = seasonalCenterHistory({ from: '2024-01-01', days: 3 * 364 + 7 * 10 });
    expect(specials.filter((s) => s.name === 'Thanksgiving').map((s) => s.date).slice(0, 3)).toEqual(['2024-11-28', '2025-11-27', '2026-11-26']);
    expect(holidays(2025).find((h) => h.name === 'Memorial Day')!.date).toBe('2025-05-26');
    const last = addDays('2024-01-01', 3 * 364 + 7 * 10 - 7);
    const weeks = Array.from({ length: 8 }, (_, i) => addDays(last, -7 * (7 - i)));
    const a = forecastAccuracy(rows, { weeks, specials, isOpen: (_d, m) => m >= SEASONAL_OPEN && m < SEASONAL_CLOSE });
    expect(a.days_scored).toBeGreaterThan(35);
    expect(a.better_than_last_week).toBe(true);
    console.log(JSON.stringify(a));
  }, 120_000);
});
