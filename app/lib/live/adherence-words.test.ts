import { describe, expect, it } from 'vitest';
import { doingWords, flagWords } from './adherence-words.ts';

describe('adherence in plain words', () => {
  it('says what the schedule wants, what the rep does and since when, in the center zone', () => {
    // 16:02 UTC is 10:02 in Chicago in November (CST, UTC-6).
    expect(flagWords({ scheduled: 'phones', state: 'logged_out', reason: null, since: '2026-11-24T16:02:00.000Z' }, 'America/Chicago')).toBe(
      'scheduled on the phones, logged out since 10:02'
    );
    expect(flagWords({ scheduled: 'phones', state: 'paused', reason: 'Lunch', since: '2026-11-24T16:02:00.000Z' }, 'America/Chicago')).toBe(
      'scheduled on the phones, paused (Lunch) since 10:02'
    );
    expect(flagWords({ scheduled: 'lunch', state: 'on_call', reason: null, since: '2026-11-24T18:00:00.000Z' }, 'America/Chicago')).toBe(
      'scheduled at lunch, on the phones (on a call) since 12:00'
    );
  });

  it('words a pause without a reason', () => {
    expect(doingWords('paused', null)).toBe('paused');
  });
});
