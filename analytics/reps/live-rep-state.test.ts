// A rep's state at an instant, by hand: logged in 0.., paused 100-200 (Lunch), a call 300-400 with
// a 30 s wrap-up, a call in talk from 500 with no end yet.
import { describe, expect, it } from 'vitest';
import { repStateAt, type LiveSpan } from './live-rep-state.ts';

const s = (kind: LiveSpan['kind'], start_s: number, end_s: number, extra: Partial<LiveSpan> = {}): LiveSpan => ({ kind, start_s, end_s, queue: null, open: false, ...extra });
const DAY: LiveSpan[] = [
  s('logged_in', 0, 50, { queue: 'billing', open: true }),
  s('logged_in', 10, 20, { queue: 'claims' }),
  s('paused', 100, 200, { reason: 'Lunch' }),
  s('on_call', 300, 400, { queue: 'billing' }),
  s('wrap_up', 400, 430, { queue: 'billing' }),
  s('on_call', 500, 520, { queue: 'billing', open: true })
];

describe('repStateAt', () => {
  it.each([
    [5, { state: 'available', reason: null, since_s: 0, queues: ['billing'] }],
    [15, { state: 'available', reason: null, since_s: 0, queues: ['billing', 'claims'] }],
    [150, { state: 'paused', reason: 'Lunch', since_s: 100, queues: ['billing'] }],
    [250, { state: 'available', reason: null, since_s: 200, queues: ['billing'] }],
    [350, { state: 'on_call', reason: null, since_s: 300, queues: ['billing'] }],
    [420, { state: 'wrap_up', reason: null, since_s: 400, queues: ['billing'] }],
    [450, { state: 'available', reason: null, since_s: 430, queues: ['billing'] }],
    [900, { state: 'on_call', reason: null, since_s: 500, queues: ['billing'] }]
  ])('at %i s', (at, expected) => {
    expect(repStateAt(DAY, at)).toEqual(expected);
  });

  it('is logged out after the last log-off, since then, and never before the first log-in', () => {
    const day = [s('logged_in', 0, 100, { queue: 'billing' }), s('logged_in', 200, 300, { queue: 'billing' })];
    expect(repStateAt(day, 150)).toEqual({ state: 'logged_out', reason: null, since_s: 100, queues: [] });
    expect(repStateAt(day, 400)).toEqual({ state: 'logged_out', reason: null, since_s: 300, queues: [] });
    expect(repStateAt([s('logged_in', 200, 300)], 100)).toEqual({ state: 'logged_out', reason: null, since_s: null, queues: [] });
  });

  it('gives a pause the PBX logged with no reason a null reason', () => {
    expect(repStateAt([s('logged_in', 0, 100), s('paused', 10, 20, { reason: ' ' })], 15)).toMatchObject({ state: 'paused', reason: null });
  });
});
