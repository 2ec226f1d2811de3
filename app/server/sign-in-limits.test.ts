/** The sign-in limits' rules, table-tested (the API's behaviour over them: app/api/session.test.ts). */
import { describe, expect, it } from 'vitest';
import { SIGN_IN_LIMITS, accountDelayS, secondsToWait } from './sign-in-limits.ts';

describe('accountDelayS', () => {
  it('is free for the first failures, then doubles up to a minute', () => {
    expect(Array.from({ length: 12 }, (_, i) => accountDelayS(i))).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
    expect(accountDelayS(10_000)).toBe(SIGN_IN_LIMITS.maxDelayS);
  });
});

describe('secondsToWait', () => {
  const quiet = { accountFailures: 0, accountLastFailureMs: null, addressFailures: 0, pairLastFailureMs: null };
  const t = 1_000_000_000_000;

  it('lets an attempt through when nothing failed, or the wait has passed', () => {
    expect(secondsToWait(quiet, t)).toBe(0);
    expect(secondsToWait({ ...quiet, accountFailures: 5, accountLastFailureMs: t - 4000 }, t)).toBe(0);
  });

  it('counts the account wait from its last failure, rounding up', () => {
    expect(secondsToWait({ ...quiet, accountFailures: 5, accountLastFailureMs: t - 2500 }, t)).toBe(2);
    expect(secondsToWait({ ...quiet, accountFailures: 50, accountLastFailureMs: t }, t)).toBe(60);
  });

  it('holds an address back on an account it failed on only once it is past its limit', () => {
    const pair = { ...quiet, pairLastFailureMs: t - 60_000 };
    expect(secondsToWait({ ...pair, addressFailures: SIGN_IN_LIMITS.addressFailures - 1 }, t)).toBe(0);
    expect(secondsToWait({ ...pair, addressFailures: SIGN_IN_LIMITS.addressFailures }, t)).toBe(14 * 60);
    expect(secondsToWait({ ...quiet, addressFailures: 500 }, t)).toBe(0); // another account: checked
  });
});
