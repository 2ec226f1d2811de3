import { describe, expect, it } from 'vitest';
import type { Outlook } from '../../../analytics/staffing/intraday-outlook.ts';
import { gapWord, outlookPace, outlookTotal } from './outlook-view.ts';

const base: Outlook = {
  date: '2026-06-05', status: 'ok', note: null, interval_minutes: 30, cut_off: '10:00', calls_so_far: 208, forecast_so_far: 202.4,
  ratio: 208 / 202.4, factor: 1.018, forecast_day: 720.7, reprojected_day: 735.7, intervals: [], lines: []
};

describe('outlook words', () => {
  it('says how the day runs against the forecast, with the percentage', () => {
    expect(outlookPace(base)).toBe('Busier than forecast: 208 calls by 10:00 against 202 expected (+3 %).');
    expect(outlookPace({ ...base, calls_so_far: 150, ratio: 150 / 202.4 })).toBe('Quieter than forecast: 150 calls by 10:00 against 202 expected (−26 %).');
    expect(outlookPace({ ...base, calls_so_far: 202, ratio: 202 / 202.4 })).toBe('As forecast: 202 calls by 10:00 against 202 expected (±0 %).');
    expect(outlookPace({ ...base, ratio: null, cut_off: '07:05' })).toBe('No calls expected before 07:05 yet: the day-ahead forecast stands.');
    expect(outlookTotal(base)).toBe('Expecting 736 calls today (day-ahead forecast 721).');
  });

  it('says nothing of pace when there is no outlook (closed, day over, no forecast)', () => {
    for (const status of ['closed', 'day_over', 'no_forecast', 'error'] as const) {
      expect(outlookPace({ ...base, status })).toBeNull();
      expect(outlookTotal({ ...base, status })).toBeNull();
    }
  });

  it('words an interval\'s gap as the lines count it', () => {
    expect(gapWord(6, 4)).toBe('short 2');
    expect(gapWord(4, 4.4)).toBe('enough');
    expect(gapWord(3, 4.5)).toBe('over 2');
    expect(gapWord(null, 4)).toBe('–');
    expect(gapWord(4, null)).toBe('–');
  });
});
