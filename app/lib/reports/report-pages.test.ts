// The periods the build form offers, and the last complete ones it starts on.
import { describe, expect, it } from 'vitest';
import { builtAtText, downloadHref, lastComplete, periodChoices } from './report-pages.ts';

describe('report pages', () => {
  it('offers the period in progress and the four before, and starts on the last complete one', () => {
    expect(periodChoices('2027-01-02')).toEqual({
      weekly: ['2026-W53', '2026-W52', '2026-W51', '2026-W50', '2026-W49'],
      monthly: ['2027-01', '2026-12', '2026-11', '2026-10', '2026-09'],
      quarterly: ['2027-Q1', '2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1']
    });
    expect(lastComplete('2026-11-25')).toEqual({ weekly: '2026-W47', monthly: '2026-10', quarterly: '2026-Q3' });
  });

  it('says when a report was built in the center\'s zone, and where its files are', () => {
    expect(builtAtText('2026-11-02T12:00:00.000Z', 'America/Chicago')).toBe('2 Nov 2026, 06:00');
    expect(downloadHref(12, 'xlsx')).toBe('/api/reports/12/download?format=xlsx');
  });
});
