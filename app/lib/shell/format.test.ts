import { describe, expect, it } from 'vitest';
import { formatCount, formatDelta, formatDuration, formatFigure, formatHours, formatRate, formatSeconds, localDateTime } from './format.ts';

describe('figures as people read them', () => {
  it('writes counts, rates and seconds, and a dash for a figure that does not exist', () => {
    expect(formatCount(1234.4)).toBe('1,234');
    expect(formatRate(0.8234)).toBe('82.3%');
    expect(formatSeconds(42.4)).toBe('42 s');
    expect(formatSeconds(185)).toBe('3:05');
    expect(formatSeconds(3729)).toBe('1:02:09');
    for (const kind of ['count', 'rate', 'seconds'] as const) expect(formatFigure(null, kind)).toBe('–');
  });

  it('writes differences with their sign, rates in points', () => {
    expect(formatDelta(12, 'count')).toBe('+12');
    expect(formatDelta(-0.034, 'rate')).toBe('−3.4 pts');
    expect(formatDelta(25, 'seconds')).toBe('+25 s');
    expect(formatDelta(0, 'count')).toBe('±0');
    expect(formatDelta(null, 'count')).toBe('–');
  });

  it('writes a window in whole hours or minutes where it is one', () => {
    expect(formatDuration(86_400)).toBe('24 h');
    expect(formatDuration(5_400)).toBe('90 min');
    expect(formatDuration(45)).toBe('45 s');
  });

  it('gives long times their unit, so "12:41:15" never reads as a clock time', () => {
    expect(formatHours(12 * 3600 + 41 * 60 + 15)).toBe('12 h 41 min');
    expect(formatHours(754)).toBe('12 min 34 s');
    expect(formatHours(42)).toBe('42 s');
    expect(formatHours(null)).toBe('–');
  });

  it("shows an instant in the center's zone, whatever zone the browser is in", () => {
    // 2026-11-24T21:05Z is 15:05 in Chicago and 22:05 in Berlin: the zone passed decides, not the machine's TZ.
    expect(localDateTime('2026-11-24T21:05:00Z', 'America/Chicago')).toBe('Nov 24, 2026, 15:05');
    expect(localDateTime('2026-11-24T21:05:00Z', 'Europe/Berlin')).toBe('Nov 24, 2026, 22:05');
  });
});
