// The alert sweep, worked by hand: instants are small epoch seconds so each episode can be checked on paper.
import { describe, expect, it } from 'vitest';
import { alertEpisodes, sweep, type QueueDay, type SweepWindow } from './alert-sweep.ts';
import { availableByQueue, minus, union, type RepSpan } from './alert-availability.ts';
import { MIN_SL_CALLS, rulesFor, ruleProblem, duplicateRule, type QueueRule } from './alert-rules.ts';
import { DEFAULT_TARGET } from '../staffing/coverage-targets.ts';
import { firingWords, lengthWords, logWords } from './alert-words.ts';

const W: SweepWindow = { start_s: 0, end_s: 10_000, open: false, max_wait_s: 3600 };
const day = (over: Partial<QueueDay>): QueueDay => ({ queue: 'billing', visits: [], available: [], sl: [], ...over });
const rule = (kind: QueueRule['kind'], threshold: number): QueueRule[] => [{ queue: 'billing', kind, threshold }];
const brief = (d: QueueDay, r: QueueRule[], w = W) => alertEpisodes(d, r, w).map((e) => [e.from_s, e.to_s, e.peak]);

describe('sweep: constant stretches of running sums', () => {
  it('applies edges at one instant together, counts edges before the start, stops at the end', () => {
    const edges = [
      { t: -5, d: [1] },
      { t: 10, d: [1] },
      { t: 10, d: [-1] },
      { t: 20, d: [-1] },
      { t: 50, d: [5] }
    ];
    expect(sweep(edges, 1, 0, 40).map((s) => [s.start_s, s.end_s, s.v[0]])).toEqual([
      [0, 10, 1],
      [10, 20, 1], // +1 and −1 at 10: no gap
      [20, 40, 0]
    ]);
  });
});

describe('longest wait over N', () => {
  const cases: Array<[string, QueueDay['visits'], number, SweepWindow, Array<[number, number | null, number]>]> = [
    // enter 100, answered 300: over 120 s from 220 to 300; the longest wait reached is 200 s.
    ['a wait crossing N', [{ enter_s: 100, leave_s: 300 }], 120, W, [[220, 300, 200]]],
    ['answered exactly at N never went over', [{ enter_s: 100, leave_s: 220 }], 120, W, []],
    // [220, 300) and [270, 400) overlap: one episode; B waited 250 s.
    ['overlapping callers make one episode', [{ enter_s: 100, leave_s: 300 }, { enter_s: 150, leave_s: 400 }], 120, W, [[220, 400, 250]]],
    // [220, 300) and [420, 500): two episodes with a gap between.
    ['callers apart make two', [{ enter_s: 100, leave_s: 300 }, { enter_s: 300, leave_s: 500 }], 120, W, [[220, 300, 200], [420, 500, 200]]],
    // still waiting at now (400): firing since 220, waited 300 s so far.
    ['open at now', [{ enter_s: 100, leave_s: null }], 120, { ...W, end_s: 400, open: true }, [[220, null, 300]]],
    // the same at a past day's end: closed by the day's end.
    ['cut at a past day’s end', [{ enter_s: 100, leave_s: null }], 120, { ...W, end_s: 400 }, [[220, 400, 300]]],
    // no leave ever: waiting at most max_wait_s (a lost end), so it ends at 100 + 3600.
    ['a lost end waits at most the limit', [{ enter_s: 100, leave_s: null }], 120, W, [[220, 3700, 3600]]],
    // entered before the day (start 1000): the episode starts with the day, the wait counts from the enter.
    ['from the day before', [{ enter_s: 900, leave_s: 1200 }], 60, { ...W, start_s: 1000 }, [[1000, 1200, 300]]]
  ];
  it.each(cases)('%s', (_, visits, n, w, want) => {
    expect(brief(day({ visits }), rule('longest_wait', n), w)).toEqual(want);
  });
});

describe('callers waiting over N', () => {
  it('counts overlapping callers; the peak is the most at once', () => {
    const visits = [
      { enter_s: 100, leave_s: 300 },
      { enter_s: 150, leave_s: 400 },
      { enter_s: 200, leave_s: 250 },
      { enter_s: 500, leave_s: 600 }
    ];
    // 1 from 100, 2 from 150, 3 from 200, 2 from 250, 1 from 300, 0 from 400.
    expect(brief(day({ visits }), rule('waiting', 1))).toEqual([[150, 300, 3]]);
    expect(brief(day({ visits }), rule('waiting', 2))).toEqual([[200, 250, 3]]);
    expect(brief(day({ visits }), rule('waiting', 0))).toEqual([[100, 400, 3], [500, 600, 1]]);
  });
  it('a caller answered the instant another enters is one stretch, not two', () => {
    const visits = [{ enter_s: 100, leave_s: 200 }, { enter_s: 200, leave_s: 300 }];
    expect(brief(day({ visits }), rule('waiting', 0))).toEqual([[100, 300, 1]]);
  });
});

describe('nobody available with callers waiting, for over N s', () => {
  // One rep available [0, 200) and [260, 1000); a caller waits [150, 400): nobody available [200, 260).
  const d = day({ visits: [{ enter_s: 150, leave_s: 400 }], available: [{ start_s: 0, end_s: 200 }, { start_s: 260, end_s: 1000 }] });
  it.each([
    [0, [[200, 260, 1]]],
    [30, [[230, 260, 1]]], // held 60 s > 30: fires from 200 + 30
    [60, []] // held exactly 60 s: not over
  ])('held for over %i s', (n, want) => {
    expect(brief(d, rule('nobody_available', n))).toEqual(want);
  });
  it('two reps overlapping: one still available keeps it quiet', () => {
    const two = day({ ...d, available: [...d.available, { start_s: 190, end_s: 240 }] });
    expect(brief(two, rule('nobody_available', 0))).toEqual([[240, 260, 1]]);
  });
  it('no callers, no alert, however empty the floor', () => {
    expect(brief(day({ available: [] }), rule('nobody_available', 0))).toEqual([]);
  });
  it('still true at now: firing, counted from when it turned true', () => {
    expect(brief(day({ visits: [{ enter_s: 150, leave_s: null }, { enter_s: 180, leave_s: null }] }), rule('nobody_available', 30), { ...W, end_s: 300, open: true })).toEqual([
      [180, null, 2]
    ]);
  });
});

describe('service level today under T', () => {
  // Ten calls close at 10, 20, .. 100, seven within: 7/10 = 0.7 at 100 (before, fewer than ten count).
  // Then one within at 110, 120, ..: 8/11, 9/12, 10/13, 11/14 are under 0.8; 12/15 = 0.8 at 150 is not.
  const sl = [...Array.from({ length: 10 }, (_, i) => ({ closed_s: 10 * (i + 1), within: i < 7 ? 1 : 0, counted: 1 })),
    ...Array.from({ length: 5 }, (_, i) => ({ closed_s: 110 + 10 * i, within: 1, counted: 1 }))];
  it('fires once enough calls count, ends when it is back at the target; the peak is the lowest', () => {
    expect(MIN_SL_CALLS).toBe(10);
    expect(brief(day({ sl }), rule('service_level', 0.8))).toEqual([[100, 150, 0.7]]);
  });
  it('calls outside the denominator do not count toward the minimum', () => {
    const few = sl.slice(0, 10).map((c, i) => ({ ...c, counted: i === 0 ? 0 : 1, within: i === 0 ? 0 : c.within }));
    expect(brief(day({ sl: few }), rule('service_level', 0.8))).toEqual([]);
  });
});

describe('rep availability over time', () => {
  it('union and minus', () => {
    expect(union([{ start_s: 5, end_s: 10 }, { start_s: 0, end_s: 5 }, { start_s: 20, end_s: 30 }])).toEqual([{ start_s: 0, end_s: 10 }, { start_s: 20, end_s: 30 }]);
    expect(minus([{ start_s: 0, end_s: 100 }], [{ start_s: 10, end_s: 20 }, { start_s: 15, end_s: 30 }, { start_s: 90, end_s: 120 }])).toEqual([
      { start_s: 0, end_s: 10 },
      { start_s: 30, end_s: 90 }
    ]);
  });
  it('logged in to a queue, less calls, rings, wrap-ups and pauses in any queue; open spans run to now', () => {
    const s = (kind: RepSpan['kind'], start_s: number, end_s: number, queue: string | null = 'billing', open = false): RepSpan => ({ rep_id: 'ann', kind, start_s, end_s, queue, open });
    const spans = [s('logged_in', 0, 1000), s('logged_in', 0, 500, 'permits'), s('on_call', 100, 200, 'permits'), s('wrap_up', 200, 230), s('paused', 600, 610, 'NONE', true)];
    const got = availableByQueue(spans, 900);
    // the pause is still open: it holds until now (900); the log-in's clipped end (1000) is past now.
    expect(got.get('billing')).toEqual([{ start_s: 0, end_s: 100 }, { start_s: 230, end_s: 600 }, { start_s: 900, end_s: 1000 }]);
    expect(got.get('permits')).toEqual([{ start_s: 0, end_s: 100 }, { start_s: 230, end_s: 500 }]);
  });
});

describe('rules', () => {
  it("a queue's own rule of a kind wins over every queue's; service level falls back to the staffing target", () => {
    const rules = [
      { queue: '*', kind: 'longest_wait' as const, threshold: 120 },
      { queue: 'permits', kind: 'longest_wait' as const, threshold: 60 },
      { queue: '*', kind: 'service_level' as const, threshold: null }
    ];
    expect(rulesFor(rules, ['billing', 'permits'], (q) => ({ ...DEFAULT_TARGET, queue: q, sl_target: q === 'permits' ? 0.9 : 0.8 }))).toEqual([
      { queue: 'billing', kind: 'longest_wait', threshold: 120 },
      { queue: 'billing', kind: 'service_level', threshold: 0.8 },
      { queue: 'permits', kind: 'longest_wait', threshold: 60 },
      { queue: 'permits', kind: 'service_level', threshold: 0.9 }
    ]);
  });
  it('says what is wrong with a threshold', () => {
    expect(ruleProblem({ queue: '*', kind: 'longest_wait', threshold: 0 })).toBe('every queue, longest wait over: give a whole number from 1 to 3600 seconds (got 0)');
    expect(ruleProblem({ queue: 'billing', kind: 'service_level', threshold: 80 })).toBe('billing, service level today under: give 1 % to 99 % (got 80)');
    expect(ruleProblem({ queue: '*', kind: 'waiting', threshold: null })).toMatch(/give a threshold/);
    expect(ruleProblem({ queue: '*', kind: 'service_level', threshold: null })).toBeNull();
    expect(duplicateRule([{ queue: '*', kind: 'waiting', threshold: 1 }, { queue: '*', kind: 'waiting', threshold: 2 }])).not.toBeNull();
  });
});

describe('in words, on the center’s clock', () => {
  it('lengths', () => {
    expect([45, 120, 190, 3600, 3720].map(lengthWords)).toEqual(['45 s', '2 min', '3 min 10 s', '1 h', '1 h 2 min']);
  });
  it('firing and logged, across the spring-forward hour (America/Chicago, 2026-03-08)', () => {
    // 07:58Z is 01:58 CST; 08:03Z is 03:03 CDT (02:00 never happened): five real minutes.
    const from = Date.parse('2026-03-08T07:58:00Z') / 1000;
    const e = { queue: 'billing', kind: 'longest_wait' as const, threshold: 120, from_s: from, to_s: from + 300, peak: 420 };
    expect(logWords(e, 'America/Chicago')).toBe('01:58–03:03 longest wait over 2 min, peak 7 min');
    expect(firingWords({ ...e, to_s: null }, 'America/Chicago')).toBe('Longest wait over 2 min since 01:58');
    expect(logWords({ ...e, kind: 'service_level', threshold: 0.8, peak: 0.725, to_s: null }, 'America/Chicago')).toBe(
      '01:58–now service level today under 80 %, lowest 72.5 %'
    );
  });
  it('the fall-back hour reads 01:30 twice, an hour apart (2026-11-01)', () => {
    const first = Date.parse('2026-11-01T06:30:00Z') / 1000; // 01:30 CDT
    const e = { queue: 'billing', kind: 'waiting' as const, threshold: 5, from_s: first, to_s: first + 3600, peak: 8 };
    expect(logWords(e, 'America/Chicago')).toBe('01:30–01:30 over 5 callers waiting, peak 8 waiting');
  });
});
