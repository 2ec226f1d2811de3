// How the coverage page words the forecast per reason group (pure), by hand.
import { describe, expect, it } from 'vitest';
import type { ReasonForecast, ReasonGroupForecast } from '../../../analytics/forecast/forecast-by-reason.ts';
import { afterHolidayWords, changeWords, intervalTable, shownReasonForecast, weekdayLabel } from './reason-forecast.ts';

const group = (reason_group: string | null, forecast: boolean, intervals: Array<[string, number, number]>): ReasonGroupForecast => ({
  reason_group, forecast, why_not: forecast ? null : 'too few days', training_days: 30, share_of_calls: 0.5, week_calls: null, usual_week_calls: null,
  days: [], after_holiday: { factor: null, holidays: [], days: 0 }, wape_day: null, required_hours: null, peak_required: null,
  intervals: intervals.map(([start, calls, required]) => ({ period_start: start, date: start.slice(0, 10), minute: Number(start.slice(11, 13)) * 60 + Number(start.slice(14, 16)), calls, aht_s: 200, agents: required, required }))
});

describe('the forecast per reason group in words', () => {
  it('shows the change against the usual week only past 5%', () => {
    expect(changeWords(820, 410)).toBe('×2.0 the usual');
    expect(changeWords(104, 100)).toBe('');
    expect(changeWords(null, 100)).toBe('');
  });

  it('gives the effect of a holiday with what it was measured on, or why there is none', () => {
    expect(afterHolidayWords({ factor: 2.07, holidays: ['2026-02-16'], days: 6 })).toBe('×2.1 (1 holiday, 6 days)');
    expect(afterHolidayWords({ factor: null, holidays: [], days: 0 })).toBe('no holiday in the history');
  });

  it('lays the reps out as a row per interval with calls and a column per forecast group', () => {
    const f = {
      groups: [
        group('Billing', true, [['2026-06-08T09:00:00', 12, 3], ['2026-06-08T09:30:00', 0, 0]]),
        group('Bulky item', true, [['2026-06-08T09:00:00', 4, 2], ['2026-06-08T09:30:00', 2, 1]]),
        group('Other', false, [])
      ]
    } as unknown as ReasonForecast;
    expect(intervalTable(f)).toEqual({
      groups: ['Billing', 'Bulky item'],
      rows: [
        { period_start: '2026-06-08T09:00:00', label: 'Mon 8 09:00', required: [3, 2] },
        { period_start: '2026-06-08T09:30:00', label: 'Mon 8 09:30', required: [0, 1] }
      ]
    });
    expect(weekdayLabel('2026-05-31')).toBe('Sun 31');
  });

  it('sends the page the groups without their intervals and the table drawn of them', () => {
    const f = {
      settings: { week_start: '2026-06-08' },
      coverage: { calls: 10, with_reason: 8, share_without_reason: 0.2 },
      closures: [],
      pooled: { required_hours: 12, peak_required: 3, separate_required_hours: 14 },
      groups: [group('Billing', true, [['2026-06-08T09:00:00', 12, 3]]), group('Other', false, [])]
    } as unknown as ReasonForecast;
    const shown = shownReasonForecast(f);
    expect(shown.table).toEqual(intervalTable(f));
    expect(shown.table.rows).toHaveLength(1);
    expect(shown.groups).toEqual(f.groups.map(({ intervals: _, ...g }) => g));
    expect(shown.groups.some((g) => 'intervals' in g)).toBe(false);
    const { groups: _g, table: _t, ...rest } = shown;
    const { groups: _f, ...before } = f;
    expect(rest).toEqual(before);
  });
});

