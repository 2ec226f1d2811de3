// The forecast model on hand-made histories whose answers are known exactly (no noise), and the
// backtest's WAPE on a history where the errors can be counted by hand.
import { describe, expect, it } from 'vitest';
import { backtest, fitQueueModel, forecastQueue, type HistoryRow } from './forecast-model.ts';
import { addDays, daysBetween, isoWeekday } from '../roster/schedule-model.ts';

const MONDAY = '2026-03-02';
const MINUTES = Array.from({ length: 24 }, (_, i) => 420 + 30 * i); // 07:00 .. 18:30
const SHAPE = MINUTES.map((m) => 1 + Math.sin((m - 420) / 200)); // any positive shape
const SHAPE_SUM = SHAPE.reduce((a, b) => a + b, 0);
const FACTOR = [0, 1.2, 1.05, 1.0, 0.95, 0.8, 0, 0]; // ISO weekday; weekends closed

interface Synthetic {
  weeks: number;
  level: (t: number) => number;
  trainEnd: string;
  skip?: (date: string) => boolean;
  scale?: (date: string) => number;
}

/** Exact calls: level(t) · factor(weekday) · shape share, t in days from trainEnd. */
function history({ weeks, level, trainEnd, skip, scale }: Synthetic): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (let date = addDays(trainEnd, -7 * weeks); date < trainEnd; date = addDays(date, 1)) {
    const f = FACTOR[isoWeekday(date)];
    if (f === 0 || skip?.(date)) continue;
    const day = level(daysBetween(trainEnd, date)) * f * (scale?.(date) ?? 1);
    MINUTES.forEach((minute, i) => {
      const offered = (day * SHAPE[i]) / SHAPE_SUM;
      rows.push({ queue: 'billing', date, minute, offered, answered: offered, handle_s: offered * 200 });
    });
  }
  return rows;
}

const fit = (rows: HistoryRow[], trainEnd: string, excluded: string[] = [], trainingWeeks = 8) =>
  fitQueueModel('billing', rows, { trainEnd, trainingWeeks, halfLifeWeeks: 4, excluded: new Set(excluded) });

describe('fitQueueModel / forecastQueue on exact histories', () => {
  it('recovers weekday factors and the intraday shape with no trend', () => {
    const model = fit(history({ weeks: 8, level: () => 500, trainEnd: MONDAY }), MONDAY);
    const mean = (1.2 + 1.05 + 1 + 0.95 + 0.8) / 5;
    for (let k = 1; k <= 5; k++) expect(model.weekdayFactor[k]).toBeCloseTo(FACTOR[k] / mean, 9);
    expect(model.weekdayFactor[6]).toBe(0);
    expect(model.slopePerDay).toBeCloseTo(0, 9);
    const rows = forecastQueue(model, [MONDAY, addDays(MONDAY, 5)]);
    expect(rows.filter((r) => r.date === addDays(MONDAY, 5))).toEqual([]); // Saturday: closed
    rows.forEach((r, i) => expect(r.calls).toBeCloseTo((500 * 1.2 * SHAPE[i]) / SHAPE_SUM, 6));
    expect(rows.every((r) => Math.abs(r.aht_s! - 200) < 1e-9)).toBe(true);
  });

  it('extrapolates a linear trend', () => {
    const rows = history({ weeks: 8, level: (t) => 500 + 1 * t, trainEnd: MONDAY }); // +1.4 % a week
    const model = fit(rows, MONDAY);
    expect(model.slopePerDay).toBeCloseTo(1 / ((1.2 + 1.05 + 1 + 0.95 + 0.8) / 5), 6);
    const friday = addDays(MONDAY, 11);
    const total = forecastQueue(model, [friday]).reduce((s, r) => s + r.calls, 0);
    expect(total).toBeCloseTo((500 + 11) * 0.8, 6);
  });

  it('caps the trend at 2 % a week', () => {
    const model = fit(history({ weeks: 8, level: (t) => 500 + 5 * t, trainEnd: MONDAY }), MONDAY);
    expect((model.slopePerDay * 7) / model.level).toBeCloseTo(0.02, 9);
  });

  it('leaves out special days and open weekdays without calls', () => {
    const holiday = addDays(MONDAY, -14); // a Monday: no calls at all
    const surge = addDays(MONDAY, -13); // the Tuesday after: 35 % more
    const rows = history({ weeks: 8, level: () => 500, trainEnd: MONDAY, skip: (d) => d === holiday, scale: (d) => (d === surge ? 1.35 : 1) });
    const model = fit(rows, MONDAY, [surge]);
    expect(model.excludedDays.sort()).toEqual([holiday, surge]);
    expect(model.weekdayFactor[2] / model.weekdayFactor[3]).toBeCloseTo(1.05, 9);
    // Without listing the surge, Tuesday's factor is pulled up.
    expect(fit(rows, MONDAY).weekdayFactor[2] / model.weekdayFactor[3]).toBeGreaterThan(1.06);
  });

  it('applies special days and manual adjustments', () => {
    const model = fit(history({ weeks: 4, level: () => 500, trainEnd: MONDAY }), MONDAY);
    const tuesday = addDays(MONDAY, 1);
    const plain = forecastQueue(model, [MONDAY, tuesday]);
    const planned = forecastQueue(
      model,
      [MONDAY, tuesday],
      [
        { date: MONDAY, queue: '*', kind: 'closed', name: 'Holiday', volume_factor: 1 },
        { date: tuesday, queue: 'billing', kind: 'special', name: 'After the holiday', volume_factor: 1.35 }
      ],
      [{ id: 7, queue: '*', date: tuesday, from_minute: 540, to_minute: 600, factor: 2, reason: 'bills mailed' }]
    );
    expect(planned.filter((r) => r.date === MONDAY).every((r) => r.calls === 0)).toBe(true);
    for (const r of planned.filter((x) => x.date === tuesday)) {
      const base = plain.find((p) => p.date === tuesday && p.minute === r.minute)!.calls;
      const adjusted = r.minute >= 540 && r.minute < 600;
      expect(r.calls).toBeCloseTo(base * 1.35 * (adjusted ? 2 : 1), 9);
      expect(r.adjustments).toEqual(adjusted ? [7] : []);
    }
  });

  it('shrinks an interval handle time toward the queue mean by 30 calls', () => {
    const rows: HistoryRow[] = [
      { queue: 'billing', date: MONDAY, minute: 420, offered: 10, answered: 10, handle_s: 1000 },
      { queue: 'billing', date: MONDAY, minute: 450, offered: 30, answered: 30, handle_s: 6000 }
    ];
    const model = fit(rows, addDays(MONDAY, 7), [], 1);
    expect(model.ahtAll).toBeCloseTo(175, 9);
    expect(model.aht.get(1)!.get(420)).toBeCloseTo((1000 + 30 * 175) / 40, 9); // 156.25
    expect(model.aht.get(1)!.get(450)).toBeCloseTo((6000 + 30 * 175) / 60, 9); // 187.5
  });

  it('keeps a big queue its own weekday shape and gives a small one the pooled shape', () => {
    const mondayShape = (m: number) => (m < 600 ? 3 : 1);
    const make = (volume: number): HistoryRow[] =>
      history({ weeks: 4, level: () => volume, trainEnd: MONDAY }).map((r) => {
        if (isoWeekday(r.date) !== 1) return r;
        const i = MINUTES.indexOf(r.minute);
        const w = MINUTES.map(mondayShape);
        const share = (mondayShape(r.minute) / w.reduce((a, b) => a + b, 0)) * (SHAPE_SUM / SHAPE[i]);
        return { ...r, offered: r.offered * share, answered: r.answered * share, handle_s: r.handle_s * share };
      });
    const ownShare = 3 / MINUTES.map(mondayShape).reduce((a, b) => a + b, 0);
    const big = fit(make(100_000), MONDAY).shape.get(1)!.get(420)!;
    const small = fit(make(20), MONDAY).shape.get(1)!.get(420)!;
    expect(Math.abs(big - ownShare)).toBeLessThan(0.002);
    expect(small).toBeLessThan(big);
    expect(Math.abs(small - ownShare)).toBeGreaterThan(Math.abs(big - ownShare) * 5);
  });
});

describe('backtest', () => {
  it('counts WAPE per day and per interval by hand', () => {
    // Two intervals of 10 calls every weekday for two weeks; the third week differs on Monday
    // (20 instead of 10 in the first interval) and Tuesday (15 and 5: the day is right, the intervals are not).
    const week3 = '2026-03-16';
    const rows: HistoryRow[] = [];
    for (let date = '2026-03-02'; date < addDays(week3, 7); date = addDays(date, 1)) {
      if (isoWeekday(date) > 5) continue;
      for (const minute of [540, 570]) {
        let offered = 10;
        if (date === week3 && minute === 540) offered = 20;
        if (date === addDays(week3, 1)) offered = minute === 540 ? 15 : 5;
        rows.push({ queue: 'billing', date, minute, offered, answered: offered, handle_s: offered * 100 });
      }
    }
    const [billing, total] = backtest(['billing'], rows, { weeks: [week3], dataEnd: addDays(week3, 7), trainingWeeks: 2, halfLifeWeeks: 4, specials: [] });
    expect(billing.days_scored).toBe(5);
    expect(billing.wape_day).toBeCloseTo(10 / 110, 12);
    expect(billing.wape_interval).toBeCloseTo(20 / 110, 12);
    expect(billing.by_interval.find((i) => i.minute === 540)).toMatchObject({ forecast: 50, actual: 65 });
    expect(billing.by_interval.find((i) => i.minute === 540)!.abs_error).toBeCloseTo(15, 9);
    expect(billing.by_interval.find((i) => i.minute === 540)!.wape).toBeCloseTo(15 / 65, 12);
    expect(billing.by_day[0]).toEqual({ date: week3, forecast: 20, actual: 30 });
    expect(total.queue).toBe('*');
    expect(total.wape_interval).toBeCloseTo(20 / 110, 12);
  });
});
