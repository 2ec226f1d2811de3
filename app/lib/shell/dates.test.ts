import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate, localNow, longDate, weekdayName } from './dates.ts';
import { safeNext } from './safe-next.ts';

describe('local dates', () => {
  it('adds days across months, years and clock changes', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-11-01', 1)).toBe('2026-11-02'); // the day clocks fall back in Chicago
  });

  it('knows a real date', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('26-2-3')).toBe(false);
  });

  it("says what day and time it is in the center's zone", () => {
    const instant = new Date('2026-11-25T04:30:00Z'); // 22:30 the evening before in Chicago
    expect(localNow('America/Chicago', instant)).toEqual({ date: '2026-11-24', time: '22:30' });
    expect(localNow('Europe/Berlin', instant)).toEqual({ date: '2026-11-25', time: '05:30' });
  });

  it('names days', () => {
    expect(weekdayName('2026-11-24')).toBe('Tuesday');
    expect(longDate('2026-11-22')).toBe('Sunday, November 22, 2026');
  });
});

describe('safeNext', () => {
  it('goes back only to a path on this site', () => {
    expect(safeNext('/day?date=2026-11-24')).toBe('/day?date=2026-11-24');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
