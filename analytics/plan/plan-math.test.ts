// The staffing plan's arithmetic against hand calculations (each expected number worked in the comment beside it).
import { describe, expect, it } from 'vitest';
import { isoWeek, weeklyForecast, type DayHistory } from './plan-forecast.ts';
import { requiredWeek, weekIntervals, type PatternInterval } from './plan-required.ts';
import { runScenario, whatIfs } from './plan-scenarios.ts';
import { daySwing } from './plan-day-factors.ts';
import { lognormal, poisson, streamFor } from '../../app/server/demo/prng.ts';
import { attritionFromHistory, availableFte, hireFactor } from './plan-headcount.ts';
import { recommend, type GapWeek } from './plan-recommend.ts';
import { addDays, isoWeekday } from '../roster/schedule-model.ts';
import { DEFAULT_TARGET } from '../staffing/coverage-targets.ts';

describe('isoWeek', () => {
  it.each([
    ['2027-02-01', '2027-W05'],
    ['2027-02-07', '2027-W05'],
    ['2026-12-28', '2026-W53'], // 2026 starts on a Thursday: 53 weeks
    ['2027-01-04', '2027-W01'],
    ['2025-12-29', '2026-W01'] // a Monday in December can open the next ISO year
  ])('%s is %s', (date, week) => expect(isoWeek(date)).toBe(week));
});

// Mon–Fri, 16 half-hours (08:00–16:00), 2.5 calls of 360 s each: A = 2.5 × 360 / 1800 = 0.5 Erlang.
const pattern: PatternInterval[] = [1, 2, 3, 4, 5].flatMap((weekday) =>
  Array.from({ length: 16 }, (_, i) => ({ weekday, minute: 480 + 30 * i, calls: 2.5, aht_s: 360 }))
);
const target = { ...DEFAULT_TARGET, model: 'erlang-c' as const, shrinkage: 0.2 };
const opts = { target, patienceS: null, intervalMinutes: 30, fullTimeHours: 40 };
const week = (normal: number, factors = [1, 1, 1, 1, 1, 1, 1], aht = 360) => ({ monday: '2027-02-01', normal_calls: normal, day_factors: factors, aht_s: aht });

describe('required FTE from a known interval load', () => {
  it('0.5 Erlang: 2 agents for 80% in 20 s, 3 reps after 20% shrinkage, 120 h = 3 FTE', () => {
    // Erlang C, A = 0.5: N = 1 gives SL = 1 − 0.5·e^(−0.5·20/360) = 0.514 < 0.8; N = 2: P(wait) = 0.1667/1.6667 = 0.1,
    // SL = 1 − 0.1·e^(−1.5·20/360) = 0.908. Reps = ceil(2 / 0.8) = 3; 80 intervals × 3 × 0.5 h = 120 h; / 40 h = 3 FTE.
    expect(requiredWeek(pattern, week(200), opts)).toEqual({ required_hours: 120, required_fte: 3, unstaffed_intervals: 0 });
  });
  it('twice the volume (1 Erlang): 3 agents, 4 reps, 160 h = 4 FTE', () => {
    // N = 2: P(wait) = 1/2 → 1/3, SL = 1 − ⅓·e^(−20/360) = 0.685; N = 3: P(wait) = 0.25/2.75, SL = 0.919. ceil(3/0.8) = 4.
    expect(requiredWeek(pattern, week(400), opts).required_fte).toBe(4);
  });
  it('a closed Friday needs no one: 64 intervals × 1.5 h = 96 h = 2.4 FTE', () => {
    expect(requiredWeek(pattern, week(200, [1, 1, 1, 1, 0, 1, 1]), opts).required_fte).toBeCloseTo(2.4, 10);
  });
  it('no shrinkage: 2 reps, 80 h = 2 FTE; a 37.5 h full time makes it 2.133 FTE', () => {
    const t0 = { ...opts, target: { ...target, shrinkage: 0 } };
    expect(requiredWeek(pattern, week(200), t0).required_fte).toBe(2);
    expect(requiredWeek(pattern, week(200), { ...t0, fullTimeHours: 37.5 }).required_fte).toBeCloseTo(80 / 37.5, 10);
  });
});

describe('the new-service what-if', () => {
  it('200 more calls a week at the same 360 s double every interval: 5 calls, 1 Erlang, 4 FTE', () => {
    const w = { ...week(200), extra: { calls_per_week: 200, aht_s: 360 } };
    expect(weekIntervals(pattern, w).every((r) => r.calls === 5 && r.aht_s === 360)).toBe(true);
    expect(requiredWeek(pattern, w, opts).required_fte).toBe(4);
  });
  it('at 720 s the handle time blends per interval: (2.5 × 360 + 2.5 × 720) / 5 = 540 s, 1.5 Erlang', () => {
    const rows = weekIntervals(pattern, { ...week(200), extra: { calls_per_week: 200, aht_s: 720 } });
    expect(rows[0]).toMatchObject({ calls: 5, aht_s: 540 });
    // A closed Friday takes none of the new calls: 200 over 64 intervals = 3.125 more each.
    const closedFriday = weekIntervals(pattern, { ...week(200, [1, 1, 1, 1, 0, 1, 1]), extra: { calls_per_week: 200, aht_s: 360 } });
    expect(closedFriday.filter((r) => r.date === '2027-02-05').every((r) => r.calls === 0)).toBe(true);
    expect(closedFriday[0].calls).toBeCloseTo(2.5 + 3.125, 10);
  });
  it('from the second week: the first week is the plan, the second needs 4 FTE and shows 400 calls', () => {
    const forecastWeek = (monday: string) => ({
      week: isoWeek(monday), monday, calls: 200, calls_low: 180, calls_high: 220, normal_calls: 200, day_factors: [1, 1, 1, 1, 1, 1, 1], specials: [], aht_s: 360, season: 1
    });
    const inputs = { weeks: [forecastWeek('2027-02-01'), forecastWeek('2027-02-08')], pattern, target, patienceS: null, intervalMinutes: 30, fullTimeHours: 40, contractedHours: [40, 40, 40], attrition: 0, rampWeeks: 0 };
    const service = whatIfs({ calls_per_week: 200, aht_s: 360, from: '2027-02-10' }).find((w) => w.key === 'new-service')!;
    expect(service.label).toBe('A new service: +200 calls a week at 6:00 from 2027-02-10');
    const s = runScenario(inputs, service);
    // The week of its first day counts whole (2027-02-10 is a Wednesday of the second week).
    expect(s.rows.map((r) => r.required_fte)).toEqual([3, 4]);
    expect(s.rows.map((r) => r.calls_forecast)).toEqual([200, 400]);
    expect(s.rows[1].calls_high).toBe(420);
    // 3 FTE available: the second week is 1 FTE short, so hire 1 by its Monday (no ramp).
    expect(s.recommendation).toMatchObject({ hire: 1, by_date: '2027-02-08' });
  });
});

describe('available FTE, attrition and ramp', () => {
  it('contracted 40 + 40 + 20 h at 40 h full time = 2.5 FTE, 25% a year attrition compounding weekly', () => {
    const a = availableFte([40, 40, 20], 40, 0.25, 53);
    expect(a[0]).toBe(2.5);
    expect(a[26]).toBeCloseTo(2.5 * Math.sqrt(0.75), 10); // half a year: 2.165
    expect(a[52]).toBeCloseTo(1.875, 10); // a year: 2.5 × 0.75
  });
  it('a hire gives k / ramp in week k, then a full FTE less attrition', () => {
    expect(hireFactor(-1, 8, 0)).toBe(0);
    expect(hireFactor(4, 8, 0)).toBe(0.5);
    expect(hireFactor(8, 8, 0)).toBe(1);
    expect(hireFactor(52, 8, 0.25)).toBeCloseTo(0.75, 10);
  });
  it('attrition from who stopped answering: 2 leavers over a mean headcount of 12 = 16.7% a year', () => {
    const spans = [
      ...Array.from({ length: 10 }, (_, i) => ({ rep_id: `stay${i}`, first_date: '2025-01-01', last_date: '2026-12-30' })),
      { rep_id: 'gone1', first_date: '2025-03-01', last_date: '2026-06-01' },
      { rep_id: 'gone2', first_date: '2025-03-01', last_date: '2026-03-15' },
      { rep_id: 'new1', first_date: '2026-07-01', last_date: '2026-12-31' },
      { rep_id: 'new2', first_date: '2026-08-01', last_date: '2026-12-31' }
    ];
    // At the start 10 + 2 leavers = 12, at the end 10 + 2 joiners = 12: 2 / 12 over 52 weeks.
    const m = attritionFromHistory(spans, '2027-01-01');
    expect(m).toMatchObject({ leavers: 2, mean_headcount: 12, weeks: 52 });
    expect(m.rate).toBeCloseTo(2 / 12, 10);
  });
  it('less than 26 weeks of history measures no attrition', () => {
    expect(attritionFromHistory([{ rep_id: 'a', first_date: '2026-11-01', last_date: '2026-12-30' }], '2027-01-01').rate).toBeNull();
  });
});

const gapWeeks = (required: number[], available = 10): GapWeek[] =>
  required.map((r, i) => {
    const monday = addDays('2027-01-04', 7 * i);
    return { week: isoWeek(monday), monday, required_fte: r, available_fte: available };
  });
const rec = { slTarget: 0.8, slThresholdS: 20, rampWeeks: 2, attrition: 0, start: '2027-01-04' };

describe('the hire recommendation', () => {
  it('short from week 5 (W05): hires ramping 2 weeks start by 2027-01-18; the largest gap is 2 FTE', () => {
    const r = recommend(gapWeeks([9, 9, 9, 9, 11, 11, 12, 11]), rec);
    expect(r).toMatchObject({ hire: 2, by_date: '2027-01-18', from_week: '2027-W05', uncovered_weeks: [] });
    expect(r.text).toMatch(/^To meet 80% in 20 s from week 2027-W05, hire 2 full-time reps by 2027-01-18\./);
    expect(r.text).toContain('largest gap a hire must close is 2.0 FTE in 2027-W07');
  });
  it('short from the first week: hires start now, the two weeks before they are productive are named', () => {
    const r = recommend(gapWeeks([11, 11, 11, 11]), rec);
    expect(r).toMatchObject({ hire: 1, by_date: '2027-01-04', from_week: '2027-W01', uncovered_weeks: ['2027-W01', '2027-W02'] });
    expect(r.text).toContain('overtime or temporary staff');
  });
  it('attrition makes a hire worth less: a 1.5 FTE gap 26 weeks after the start at 25% a year needs 2', () => {
    // A hire 26 weeks in gives (0.75)^(26/52) = 0.866 FTE: 1.5 / 0.866 = 1.73 → 2 (1 hire at 100% would be too few).
    const weeks = gapWeeks([...Array(26).fill(9), 11.5], 10);
    const r = recommend(weeks, { ...rec, rampWeeks: 0, attrition: 0.25 });
    expect(r).toMatchObject({ hire: 2, from_week: weeks[26].week, by_date: weeks[26].monday });
  });
  it('covered every week: hire 0, and the tightest week named', () => {
    const r = recommend(gapWeeks([9, 9.95, 8]), rec);
    expect(r).toMatchObject({ hire: 0, by_date: null, from_week: null });
    expect(r.text).toContain('tightest week is 2027-W02');
  });
});

function history(from: string, days: number, perDay: (date: string) => number): DayHistory[] {
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(from, i);
    const calls = isoWeekday(date) <= 5 ? perDay(date) : 0;
    return { date, calls, answered: calls, handle_s: calls * 200 };
  });
}

describe('the weekly forecast', () => {
  const flat = history('2026-10-05', 70, () => 100); // ten Mon–Fri weeks of 100 calls a day
  const start = '2026-12-14';
  it('ten flat weeks: 500 a week, no yearly season (said so), a closed Monday takes its 20% share', () => {
    const f = weeklyForecast({ days: flat, specials: [{ date: '2026-12-21', queue: '*', kind: 'closed', name: 'Holiday', volume_factor: 0 }], trainEnd: start, start, weeks: 3 });
    expect(f.yearly_season).toBe(false);
    expect(f.season_note).toContain('more than 52 weeks are needed');
    expect(f.weekday_shares.map((s) => +s.toFixed(3))).toEqual([0.2, 0.2, 0.2, 0.2, 0.2, 0, 0]);
    expect(f.weeks.map((w) => +w.calls.toFixed(6))).toEqual([500, 400, 500]);
    // Residual spread 0: the interval is Poisson's, 500 ± 1.2816·√500 = 500 ± 28.66.
    expect(f.weeks[0].calls_low).toBeCloseTo(500 - 1.2816 * Math.sqrt(500), 6);
    expect(f.weeks[0].aht_s).toBe(200);
    expect(f.weeks[0].week).toBe('2026-W51');
  });
  it('fewer than 13 weeks fit no trend: eight weeks rising 5% a week forecast at the fitted level, and say so', () => {
    // Weeks of 100, 105, ... 135 calls a day (500 … 675 a week): the line's value at the last week is 675.
    const rising = history('2026-10-19', 56, (d) => 100 + 5 * Math.floor((Date.parse(d) - Date.parse('2026-10-19')) / (7 * 864e5)));
    const f = weeklyForecast({ days: rising, specials: [], trainEnd: start, start, weeks: 3 });
    expect(f.trend_per_week).toBe(0);
    expect(f.weeks.map((w) => +w.calls.toFixed(6))).toEqual([675, 675, 675]);
    expect(f.season_note).toContain('With fewer than 13 weeks no trend is fitted');
  });
  it('a holiday in the history counts as its normal week (400 calls on 4 days of 20% = 500)', () => {
    const days = flat.map((d) => (d.date === '2026-11-26' ? { ...d, calls: 0, answered: 0, handle_s: 0 } : d));
    const f = weeklyForecast({ days, specials: [{ date: '2026-11-26', queue: '*', kind: 'closed', name: 'Thanksgiving', volume_factor: 0 }], trainEnd: start, start, weeks: 1 });
    expect(f.history_weeks).toBe(10);
    expect(f.weeks[0].calls).toBeCloseTo(500, 6);
  });
  it('three years with a yearly wave: the season is learnt and the peak week forecast near 1.3× the level', () => {
    // 100 × (1 + 0.3·sin(2π·(day of year)/364)) calls a weekday: the peak is ISO week ~13.
    const wave = (date: string) => Math.round(100 * (1 + 0.3 * Math.sin((2 * Math.PI * ((Date.parse(date) / 864e5) % 364)) / 364)));
    const days = history('2024-01-01', 3 * 364, wave);
    const trainEnd = addDays('2024-01-01', 3 * 364);
    const f = weeklyForecast({ days, specials: [], trainEnd, start: trainEnd, weeks: 52 });
    expect(f.yearly_season).toBe(true);
    const peak = Math.max(...f.weeks.map((w) => w.calls));
    const trough = Math.min(...f.weeks.map((w) => w.calls));
    // Smoothing over ±2 weeks flattens a 52-week wave by under 2%: peak ≈ 650, trough ≈ 350.
    expect(peak / 500).toBeGreaterThan(1.25);
    expect(peak / 500).toBeLessThan(1.32);
    expect(trough / 500).toBeLessThan(0.75);
    expect(trough / 500).toBeGreaterThan(0.68);
  });
});

describe('the day swing beyond Poisson', () => {
  const days = (sigma: number) => {
    const rng = streamFor(7, 'swing', sigma);
    return Array.from({ length: 52 * 7 }, (_, i) => addDays('2026-01-05', i))
      .filter((date) => isoWeekday(date) <= 5)
      .map((date) => ({ date, calls: poisson(rng, 800 * lognormal(rng, 1, sigma)) }));
  };
  const shares = [0.2, 0.2, 0.2, 0.2, 0.2, 0, 0];
  it('a year of 800-call days swinging 4% (lognormal σ) measures about 4%; Poisson alone about 0', () => {
    expect(daySwing(days(0.04), () => true, shares)!).toBeGreaterThan(0.03);
    expect(daySwing(days(0.04), () => true, shares)!).toBeLessThan(0.05);
    expect(daySwing(days(0), () => true, shares)!).toBeLessThan(0.012);
  });
  it('fewer than 20 days measure nothing', () => {
    expect(daySwing(days(0.04).slice(0, 15), () => true, shares)).toBeNull();
  });
});

describe('handle time season', () => {
  it('three years of handle time 300 s × (1 + 0.2·sin): learnt where more than a year exists, peak near 360 s, trough near 240 s', () => {
    const wave = (date: string) => 1 + 0.2 * Math.sin((2 * Math.PI * ((Date.parse(date) / 864e5) % 364)) / 364);
    const days = history('2024-01-01', 3 * 364, () => 100).map((d) => ({ ...d, handle_s: d.answered * 300 * wave(d.date) }));
    const trainEnd = addDays('2024-01-01', 3 * 364);
    const f = weeklyForecast({ days, specials: [], trainEnd, start: trainEnd, weeks: 52 });
    const ahts = f.weeks.map((w) => w.aht_s!);
    // Smoothing over ±2 weeks flattens the wave by under 2%: 300 × 1.2 = 360 at the top, 240 at the bottom.
    expect(Math.max(...ahts) / 300).toBeGreaterThan(1.17);
    expect(Math.max(...ahts) / 300).toBeLessThan(1.21);
    expect(Math.min(...ahts) / 300).toBeLessThan(0.83);
    expect(Math.min(...ahts) / 300).toBeGreaterThan(0.79);
    expect(f.season_note).toContain('for calls and for handle time');
    // Ten weeks: no handle-time season, the last 8 weeks' mean (200 s in this history).
    expect(weeklyForecast({ days: history('2026-10-05', 70, () => 100), specials: [], trainEnd: '2026-12-14', start: '2026-12-14', weeks: 30 }).weeks.every((w) => w.aht_s === 200)).toBe(true);
  });
});

describe('days that are not normal: learnt from the history', () => {
  // Ten Mon–Fri weeks of 100 calls a day (500 a week, each weekday 20 %).
  const start = '2026-12-14';
  const closedMondays = ['2026-10-12', '2026-11-09'];
  const closed = (date: string) => ({ date, queue: '*', kind: 'closed' as const, name: 'Holiday', volume_factor: 0 });
  it('the first open day after a closure: two Tuesdays of 150 after closed Mondays learn ×1.5 (150 / (500 × 20 %)), applied after a planned closure', () => {
    const days = history('2026-10-05', 70, (d) => (closedMondays.includes(d) ? 0 : closedMondays.includes(addDays(d, -1)) ? 150 : 100));
    const f = weeklyForecast({ days, specials: [...closedMondays, '2026-12-21'].map(closed), trainEnd: start, start, weeks: 2 });
    expect(f.after_closure).toEqual({ factor: 1.5, days: 2 });
    // Those weeks still count as 500 (Tuesday 150 / 1.5 = 100): the level stays 500.
    expect(f.weeks[0].calls).toBeCloseTo(500, 6);
    // Monday closed, Tuesday 100 × 1.5, Wednesday–Friday 300: 450.
    expect(f.weeks[1].day_factors).toEqual([0, 1.5, 1, 1, 1, 1, 1]);
    expect(f.weeks[1].calls).toBeCloseTo(450, 6);
    expect(f.season_note).toContain('the first open day after a closure ×1.50 (2 past days)');
  });
  it('a weekday without calls that nobody entered is a closure too (its Tuesday learns ×1.5)', () => {
    const days = history('2026-10-05', 70, (d) => (closedMondays.includes(d) ? 0 : closedMondays.includes(addDays(d, -1)) ? 150 : 100));
    const f = weeklyForecast({ days, specials: [closed('2026-12-21')], trainEnd: start, start, weeks: 2 });
    expect(f.after_closure.factor).toBeCloseTo(1.5, 9);
  });
  it('a planned event (bill mail-out) with 3 past days of 130 learns ×1.3; with 2 the entered factor holds', () => {
    const mailouts = ['2026-10-07', '2026-11-04', '2026-12-02'];
    const event = (date: string) => ({ date, queue: '*', kind: 'special' as const, name: 'Bill mail-out', volume_factor: 1.1 });
    const days = history('2026-10-05', 70, (d) => (mailouts.includes(d) ? 130 : 100));
    const f = weeklyForecast({ days, specials: [...mailouts, '2026-12-16'].map(event), trainEnd: start, start, weeks: 1 });
    expect(f.events['Bill mail-out']).toEqual({ factor: 1.3, days: 3 });
    // Wednesday 100 × 1.3: the week 530.
    expect(f.weeks[0].calls).toBeCloseTo(530, 6);
    const two = weeklyForecast({ days, specials: [...mailouts.slice(1), '2026-12-16'].map(event), trainEnd: start, start, weeks: 1 });
    expect(two.events).toEqual({});
    // The first mail-out (not entered) is a normal day of 130: shares shift a little; the entered ×1.1 holds.
    expect(two.weeks[0].day_factors[2]).toBe(1.1);
  });
});
