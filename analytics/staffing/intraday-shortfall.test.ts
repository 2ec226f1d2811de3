import { describe, expect, it } from 'vitest';
import { ENOUGH_TEXT, shortfallLines, wholeGap } from './intraday-shortfall.ts';

const at = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const rows = (list: Array<[string, number | null, number]>) => list.map(([t, required, scheduled]) => ({ minute: at(t), required, scheduled }));

describe('wholeGap', () => {
  it('rounds scheduled − required to whole reps, half a rep short reading as one', () => {
    expect(wholeGap({ minute: 0, required: 5, scheduled: 3 })).toBe(-2);
    expect(wholeGap({ minute: 0, required: 5, scheduled: 4.5 })).toBe(-1);
    expect(wholeGap({ minute: 0, required: 5, scheduled: 4.6 })).toBe(0);
    expect(wholeGap({ minute: 0, required: 3, scheduled: 4.5 })).toBe(2);
    expect(wholeGap({ minute: 0, required: null, scheduled: 4 })).toBeNull();
  });
});

describe('shortfallLines', () => {
  it('merges neighbouring short intervals into one run and says it in plain words', () => {
    const lines = shortfallLines(rows([
      ['13:30', 4, 4], ['14:00', 6, 4], ['14:30', 6, 4], ['15:00', 5, 3], ['15:30', 5, 5], ['16:00', 3, 4], ['16:30', 3, 4]
    ]), 30);
    expect(lines.map((l) => l.text)).toEqual(['Short 2 reps 14:00–15:30', 'Over by 1 rep 16:00–17:00']);
    expect(lines[0]).toMatchObject({ kind: 'short', from_minute: at('14:00'), to_minute: at('15:30'), reps_min: 2, reps_max: 2 });
  });

  it('a run whose size varies gives its range', () => {
    const lines = shortfallLines(rows([['10:00', 6, 5], ['10:30', 8, 5], ['11:00', 7, 5]]), 30);
    expect(lines.map((l) => l.text)).toEqual(['Short 1–3 reps 10:00–11:30']);
  });

  it('short then over with no gap between them are two runs', () => {
    const lines = shortfallLines(rows([['09:00', 5, 4], ['10:00', 2, 4]]), 60);
    expect(lines.map((l) => l.text)).toEqual(['Short 1 rep 09:00–10:00', 'Over by 2 reps 10:00–11:00']);
  });

  it('an interval without a required figure, or a hole in the intervals, ends a run', () => {
    const lines = shortfallLines(rows([['09:00', 5, 4], ['09:30', null, 4], ['10:00', 5, 4], ['11:00', 5, 4]]), 30);
    expect(lines.map((l) => l.text)).toEqual(['Short 1 rep 09:00–09:30', 'Short 1 rep 10:00–10:30', 'Short 1 rep 11:00–11:30']);
  });

  it('within half a rep everywhere is enough, in time order whatever the input order', () => {
    expect(shortfallLines(rows([['15:00', 4, 4.4], ['14:00', 3, 2.6]]), 30)).toEqual([
      { kind: 'enough', from_minute: null, to_minute: null, reps_min: 0, reps_max: 0, text: ENOUGH_TEXT }
    ]);
  });

  it('says nothing when nothing is known (no intervals, or no required figures)', () => {
    expect(shortfallLines([], 30)).toEqual([]);
    expect(shortfallLines(rows([['09:00', null, 3]]), 30)).toEqual([]);
  });

  it('the last interval of the day ends at 24:00', () => {
    expect(shortfallLines(rows([['23:30', 2, 0]]), 30)[0].text).toBe('Short 2 reps 23:30–24:00');
  });
});
