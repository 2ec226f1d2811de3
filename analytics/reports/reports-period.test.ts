// Report periods by hand: ISO weeks (Monday first, week 53s, weeks across New Year), months, quarters.
import { describe, expect, it } from 'vitest';
import {
  isoWeekOf,
  isoWeeksInYear,
  parsePeriod,
  periodOf,
  periodsBetween,
  periodTitle,
  previousPeriod,
  samePeriodLastYear
} from './reports-period.ts';

describe('report periods', () => {
  it.each([
    ['weekly', '2026-W10', '2026-03-02', '2026-03-08'],
    ['weekly', '2026-W01', '2025-12-29', '2026-01-04'],
    ['weekly', '2026-W53', '2026-12-28', '2027-01-03'],
    ['weekly', '2020-W53', '2020-12-28', '2021-01-03'],
    ['monthly', '2026-02', '2026-02-01', '2026-02-28'],
    ['monthly', '2024-02', '2024-02-01', '2024-02-29'],
    ['monthly', '2026-12', '2026-12-01', '2026-12-31'],
    ['quarterly', '2026-Q1', '2026-01-01', '2026-03-31'],
    ['quarterly', '2026-Q4', '2026-10-01', '2026-12-31']
  ])('%s %s is %s .. %s', (kind, period, from, to) => {
    expect(parsePeriod(kind, period)).toEqual({ kind, period, from, to });
  });

  it('knows which years have 53 ISO weeks', () => {
    expect([2020, 2021, 2025, 2026, 2027].map(isoWeeksInYear)).toEqual([53, 52, 52, 53, 52]);
    expect(isoWeekOf('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf('2027-01-04')).toEqual({ year: 2027, week: 1 });
    expect(isoWeekOf('2025-12-29')).toEqual({ year: 2026, week: 1 });
  });

  it('refuses periods that do not exist, naming the expected form', () => {
    expect(() => parsePeriod('weekly', '2025-W53')).toThrow('period "2025-W53": 2025 has ISO weeks 01 to 52');
    expect(() => parsePeriod('weekly', '2026-W00')).toThrow(/ISO weeks 01 to 53/);
    expect(() => parsePeriod('monthly', '2026-13')).toThrow('the month must be 01 to 12');
    expect(() => parsePeriod('quarterly', '2026-Q5')).toThrow('the quarter must be Q1 to Q4');
    expect(() => parsePeriod('weekly', '2026-03')).toThrow('period "2026-03" is not a weekly period (expected e.g. 2026-W10 (an ISO week))');
    expect(() => parsePeriod('monthly', '2026-W10')).toThrow(/expected e\.g\. 2026-03/);
    expect(() => parsePeriod('yearly', '2026')).toThrow('report kind "yearly" is not one of weekly, monthly, quarterly');
  });

  it('finds the period of a date, the one before and the same one a year earlier', () => {
    expect(periodOf('weekly', '2027-01-02').period).toBe('2026-W53');
    expect(periodOf('monthly', '2026-11-01').period).toBe('2026-11');
    expect(periodOf('quarterly', '2026-11-01').period).toBe('2026-Q4');
    expect(previousPeriod(parsePeriod('weekly', '2026-W01')).period).toBe('2025-W52');
    expect(previousPeriod(parsePeriod('monthly', '2026-01')).period).toBe('2025-12');
    expect(previousPeriod(parsePeriod('quarterly', '2026-Q1')).period).toBe('2025-Q4');
    expect(samePeriodLastYear(parsePeriod('weekly', '2026-W53')).period).toBe('2025-W52');
    expect(samePeriodLastYear(parsePeriod('quarterly', '2026-Q3')).period).toBe('2025-Q3');
    expect(periodsBetween('quarterly', '2026-02-15', '2026-07-01').map((p) => p.period)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    expect(periodsBetween('weekly', '2026-12-30', '2027-01-05').map((p) => p.period)).toEqual(['2026-W53', '2027-W01']);
  });

  it('titles a period for people', () => {
    expect(periodTitle(parsePeriod('weekly', '2026-W10'))).toBe('Week 10, 2026 (2 Mar – 8 Mar 2026)');
    expect(periodTitle(parsePeriod('monthly', '2026-03'))).toBe('March 2026');
    expect(periodTitle(parsePeriod('quarterly', '2026-Q1'))).toBe('Q1 2026 (January – March)');
  });
});
