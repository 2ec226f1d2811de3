import { describe, expect, it } from 'vitest';
import { formatDay, parseDay } from './hours.ts';

describe('opening hours', () => {
  it('reads a day with a lunch break, in any order, and writes it back', () => {
    const spans = parseDay(1, '13:00-19:00, 7:00 - 12:00');
    expect(spans).toEqual([
      { weekday: 1, open_minute: 420, close_minute: 720 },
      { weekday: 1, open_minute: 780, close_minute: 1140 }
    ]);
    expect(formatDay(spans, 1)).toBe('07:00-12:00, 13:00-19:00');
  });

  it('reads an empty day as closed and midnight at the end of the day as 24:00', () => {
    expect(parseDay(7, '  ')).toEqual([]);
    expect(parseDay(5, '20:00-24:00')).toEqual([{ weekday: 5, open_minute: 1200, close_minute: 1440 }]);
  });

  it('names the problem of a bad day', () => {
    expect(() => parseDay(2, '9-17')).toThrow('Tuesday: "9" is not a time like 07:30');
    expect(() => parseDay(3, '17:00-09:00')).toThrow('Wednesday: 17:00-09:00 closes before it opens');
    expect(() => parseDay(4, '08:00-12:00, 11:00-13:00')).toThrow('Thursday: the spans overlap');
    expect(() => parseDay(6, '08:00')).toThrow('Saturday: write "08:00" as from-to');
    expect(() => parseDay(1, '08:61-09:00')).toThrow('is not a time');
  });
});
