/**
 * How often someone may try a password: pure rules over the recent attempts (app/server/accounts.ts
 * reads them, sql/sign-in-history.sql).
 *
 * Why these two rules and no lockout: behind a reverse proxy a whole office can share one address,
 * and an attacker can use many. So
 * - per account, from any address: after FREE failures since the account's last success, each attempt
 *   waits a delay that doubles with every further failure (1 s, 2 s, 4 s ...) up to a minute. The
 *   owner is never more than a minute away from trying again, and a guesser gets about one try a
 *   minute, however many addresses they use;
 * - per address: once it has failed ADDRESS_FAILURES times within the window, it may not try again
 *   the accounts it failed on there until the window has passed since its last failure on each; every
 *   other account it may still try, so a colleague behind the same proxy still signs in.
 * An attempt that has to wait is answered 429 with Retry-After, without checking the password, and
 * is not counted as a failure.
 */
export const SIGN_IN_LIMITS = {
  /** Failures of an account before its attempts have to wait. */
  freeFailures: 3,
  /** The first wait, doubling with each further failure... */
  firstDelayS: 1,
  /** ...up to this. */
  maxDelayS: 60,
  /** Failures from one address within the window before it is held back on the accounts it failed on. */
  addressFailures: 30,
  windowMinutes: 15
} as const;

export type SignInLimits = typeof SIGN_IN_LIMITS;

/** What the rules need to know about the recent attempts (times as epoch milliseconds). */
export interface SignInHistory {
  /** The account's failed attempts since its last success (from any address), and the newest one. */
  accountFailures: number;
  accountLastFailureMs: number | null;
  /** Failed attempts from the address within the window, for any account. */
  addressFailures: number;
  /** The newest failure of this account from this address within the window (null: none). */
  pairLastFailureMs: number | null;
}

/** The wait after an account's `failures`-th failure in a row (seconds). */
export function accountDelayS(failures: number, limits: SignInLimits = SIGN_IN_LIMITS): number {
  if (failures < limits.freeFailures) return 0;
  return Math.min(limits.maxDelayS, limits.firstDelayS * 2 ** (failures - limits.freeFailures));
}

/** Seconds this attempt must still wait (whole seconds, at least 1), or 0 when the password may be checked now. */
export function secondsToWait(history: SignInHistory, nowMs: number, limits: SignInLimits = SIGN_IN_LIMITS): number {
  let untilMs = 0;
  if (history.accountLastFailureMs !== null) {
    untilMs = history.accountLastFailureMs + accountDelayS(history.accountFailures, limits) * 1000;
  }
  if (history.addressFailures >= limits.addressFailures && history.pairLastFailureMs !== null) {
    untilMs = Math.max(untilMs, history.pairLastFailureMs + limits.windowMinutes * 60_000);
  }
  return untilMs > nowMs ? Math.ceil((untilMs - nowMs) / 1000) : 0;
}
