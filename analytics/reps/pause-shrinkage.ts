/**
 * Shrinkage measured from pauses: how much of the reps' logged-in time went to pauses, by reason, over
 * recent weeks (the rep states of rep-states.ts, every rep of the center). The coverage page offers it
 * as the staffing target's shrinkage, with the scheduler choosing which reasons count: the target's
 * shrinkage is time off the phones the schedule does not show, so pauses for breaks and lunches, which
 * the schedule's shifts already hold, are left out by default (a reason naming a break, lunch or meal).
 *
 * What pauses cannot show: time never logged in (absence, sickness, a missed shift) is not in the
 * logs at all, so measured shrinkage is a floor, not the whole of it.
 */
import type { Database } from '../../sql/db.ts';
import { addDays } from '../roster/schedule-model.ts';
import { repStatesFrom, type RepStateRow } from './rep-states.ts';

/** Weeks of states the measurement reads by default: four of each weekday. */
export const PAUSE_SHRINKAGE_DAYS = 28;

/** A pause whose reason names a scheduled break: the shifts hold it already. */
export const SCHEDULED_BREAK = /\b(break|lunch|meal)\b/i;

export interface PauseReason {
  reason: string;
  paused_s: number;
  pauses: number;
  /** paused_s / logged-in time. */
  share: number;
  /** Counted in the suggested shrinkage by default (not a scheduled break). */
  counted: boolean;
}

export interface PauseShrinkage {
  from: string;
  to: string;
  logged_in_s: number;
  reasons: PauseReason[];
  /** The share of logged-in time paused for the counted reasons (null with no logged-in time). */
  suggested: number | null;
}

/** Sums rep-state rows (any reps, any days) into pause time by reason against logged-in time. Pure. */
export function pauseShrinkage(rows: readonly RepStateRow[], range: { from: string; to: string }): PauseShrinkage {
  let loggedIn = 0;
  const time = new Map<string, number>();
  const count = new Map<string, number>();
  for (const r of rows) {
    loggedIn += r.logged_in_s;
    for (const [reason, s] of Object.entries(r.paused_by_reason)) time.set(reason, (time.get(reason) ?? 0) + s);
    for (const [reason, n] of Object.entries(r.pauses_by_reason)) count.set(reason, (count.get(reason) ?? 0) + n);
  }
  const reasons = [...time]
    .map(([reason, paused_s]) => ({
      reason,
      paused_s,
      pauses: count.get(reason) ?? 0,
      share: loggedIn > 0 ? paused_s / loggedIn : 0,
      counted: !SCHEDULED_BREAK.test(reason)
    }))
    .sort((a, b) => b.paused_s - a.paused_s || a.reason.localeCompare(b.reason));
  const counted = reasons.filter((r) => r.counted).reduce((sum, r) => sum + r.paused_s, 0);
  return { ...range, logged_in_s: loggedIn, reasons, suggested: loggedIn > 0 ? counted / loggedIn : null };
}

/** Measured over the `days` local days up to and including `to` (default: the 28 days before today). */
export async function measuredPauseShrinkage(db: Database, opts: { to: string; days?: number; timeZone: string }): Promise<PauseShrinkage> {
  const from = addDays(opts.to, -((opts.days ?? PAUSE_SHRINKAGE_DAYS) - 1));
  // Only the spans that can change logged-in or paused time (sql/pause-shrinkage-spans.sql): a month of
  // a 1M-call center has a span for every call, and the other states are not read here.
  const rows = await repStatesFrom(db, 'pause-shrinkage-spans', { from, to: opts.to, timeZone: opts.timeZone });
  return pauseShrinkage(rows, { from, to: opts.to });
}
