import { describe, expect, it } from 'vitest';
import type { LiveQueue, LiveSnapshot } from '../../server/live/live-snapshot.ts';
import { clock, feedState, queueLevel, quietFor, waitNow } from './live-view.ts';

const q = (over: Partial<LiveQueue>): LiveQueue => ({
  queue: 'billing', label: 'Billing', waiting: 0, longest_wait_s: null, available: 2, on_call: 1, paused: 0,
  offered_today: 10, answered_today: 9, lost_today: 1, service_level_today: 0.9, ...over
});
const AS_OF = '2026-03-02T15:00:00.000Z';
const at = (s: number) => Date.parse(AS_OF) + s * 1000;

describe('live view', () => {
  it('moves the longest wait on with the clock, and none when nobody waits', () => {
    expect(waitNow(q({ waiting: 1, longest_wait_s: 40 }), AS_OF, at(5))).toBe(45);
    expect(waitNow(q({ waiting: 1, longest_wait_s: 40 }), AS_OF, at(-3))).toBe(40);
    expect(waitNow(q({ waiting: 0, longest_wait_s: null }), AS_OF, at(5))).toBeNull();
  });

  it('says why a queue needs watching or action, in words', () => {
    expect(queueLevel(q({}), null)).toEqual({ level: 'ok', reasons: [] });
    expect(queueLevel(q({ waiting: 1 }), 61)).toEqual({ level: 'watch', reasons: ['a caller has waited over 1 min'] });
    expect(queueLevel(q({ waiting: 1, available: 0 }), 10)).toEqual({ level: 'act', reasons: ['callers waiting, nobody available'] });
    expect(queueLevel(q({ waiting: 3, service_level_today: 0.5 }), 130)).toEqual({ level: 'act', reasons: ['a caller has waited over 2 min', 'service level under 80 %'] });
  });

  it('is stale without an update for 45 s or without a connection; quiet when the log stopped growing', () => {
    const snap = { as_of: AS_OF, data_until: AS_OF } as LiveSnapshot;
    expect(feedState(snap, at(0), true, at(30)).kind).toBe('live');
    expect(feedState(snap, at(0), true, at(50))).toEqual({ kind: 'stale', text: 'Not updating: last update 0:50 ago. Figures below may be out of date.' });
    expect(feedState(snap, at(0), false, at(5)).kind).toBe('stale');
    expect(feedState(snap, at(700), true, at(701))).toMatchObject({ kind: 'quiet', text: expect.stringContaining('11:41') });
  });

  it('says a long quiet in hours, then days, not as a clock of 276 hours', () => {
    expect([quietFor(2530), quietFor(27 * 3600 + 300), quietFor(276 * 3600 + 955)]).toEqual(['42:10', '27 h 5 min', '11 days']);
  });

  it('writes times as a clock', () => {
    expect([clock(42), clock(725), clock(3730), clock(null), clock(-4)]).toEqual(['0:42', '12:05', '1:02:10', '–', '0:00']);
  });
});
