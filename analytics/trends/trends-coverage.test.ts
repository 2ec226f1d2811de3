// Which days of a period the data covers, and which days two periods compare on (pure).
import { describe, expect, it } from 'vitest';
import { coverageNote, matchedDays, mergeSpans, periodCoverage } from './trends-coverage.ts';

const Q3 = { from: '2026-07-01', to: '2026-09-30' };
const Q4 = { from: '2026-10-01', to: '2026-12-31' };

describe('data coverage', () => {
  it('merges file spans that touch or overlap, and counts a period\'s covered days', () => {
    const spans = mergeSpans([{ from: '2026-10-10', to: '2026-10-20' }, { from: '2026-09-10', to: '2026-10-01' }, { from: '2026-10-02', to: '2026-10-05' }]);
    expect(spans).toEqual([{ from: '2026-09-10', to: '2026-10-05' }, { from: '2026-10-10', to: '2026-10-20' }]);
    expect(periodCoverage(spans, Q4)).toEqual({ days: 92, covered_days: 16 });
    expect(periodCoverage(spans, Q3)).toEqual({ days: 92, covered_days: 21 });
    expect(coverageNote(periodCoverage(spans, Q3))).toBe('partial: 21 of 92 days');
    expect(coverageNote(periodCoverage(spans, { from: '2026-01-01', to: '2026-03-31' }))).toBe('no data');
    expect(coverageNote(periodCoverage(spans, { from: '2026-10-11', to: '2026-10-17' }))).toBeNull();
  });

  it('compares a partial quarter with the same days of the one before', () => {
    // The case: three weeks of data at the end of Q3, then all of Q4 so far.
    const spans = [{ from: '2026-09-10', to: '2026-12-06' }];
    // Q4's covered days are positions 0..66; Q3's are 71..91: in common 71..66 = none.
    expect(matchedDays(spans, Q4, Q3)).toBeNull();
    // With Q4 covered to its end, positions 71..91 are in both: Dec 11–31 against Sep 10–30.
    expect(matchedDays([{ from: '2026-09-10', to: '2027-01-05' }], Q4, Q3)).toEqual({ whole: false, days: 21, now: { from: '2026-12-11', to: '2026-12-31' }, then: { from: '2026-09-10', to: '2026-09-30' } });
    // Both whole: whole quarters (of different lengths).
    expect(matchedDays([{ from: '2026-04-01', to: '2026-12-31' }], Q3, { from: '2026-04-01', to: '2026-06-30' })).toMatchObject({ whole: true, days: 92, now: Q3 });
  });

  it('uses the longest run of days both periods cover', () => {
    const spans = [{ from: '2026-07-01', to: '2026-07-03' }, { from: '2026-07-10', to: '2026-07-20' }, { from: '2026-10-01', to: '2026-10-15' }];
    expect(matchedDays(spans, Q4, Q3)).toEqual({ whole: false, days: 6, now: { from: '2026-10-10', to: '2026-10-15' }, then: { from: '2026-07-10', to: '2026-07-15' } });
  });
});
