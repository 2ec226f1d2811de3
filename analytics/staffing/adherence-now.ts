/**
 * Adherence this instant (the live floor): for each rep the published schedule has working now, what
 * they should be doing (on the phones, on a break or lunch) against what they are doing (their live
 * state, analytics/reps/live-rep-state.ts), by the definition of adherence.ts. A rep out of the
 * scheduled state for longer than the center's threshold is flagged.
 *
 * "Out since" is the later of the moment the rep's present state began and the moment the schedule's
 * present activity began (the shift's start, a break's start or end): a rep who logged out yesterday
 * and whose shift began at 09:00 is out since 09:00; a rep who went on a break at 10:20 when it was
 * scheduled for 10:30 is out since 10:20, and back in adherence at 10:30. Reps the schedule has off
 * now are not judged (logging in on a day off is never held against anyone). Pure.
 */
import type { LiveState } from '../reps/live-rep-state.ts';
import { zonedInstant } from '../reports/reports-schedule.ts';
import type { Shift } from '../roster/schedule-model.ts';
import { isOnThePhones, scheduledAt, type LocalInstant, type ScheduledActivity } from './adherence.ts';

/** What a rep is doing now (the live floor's rep row). */
export interface RepDoing {
  state: LiveState;
  reason: string | null;
  /** Since when (epoch seconds) the rep has been in this state; null when never seen logged in. */
  since_s: number | null;
}

export interface AdherenceNow {
  rep_id: string;
  name: string;
  /** What the schedule has the rep doing now (never 'off': reps off now are left out). */
  scheduled: Exclude<ScheduledActivity, 'off'>;
  state: LiveState;
  reason: string | null;
  in_adherence: boolean;
  /** Since when (epoch seconds) the rep has been out of the scheduled state; null while in it. */
  out_since_s: number | null;
  /** Out of the scheduled state for longer than the threshold. */
  flagged: boolean;
}

const LOGGED_OUT: RepDoing = { state: 'logged_out', reason: null, since_s: null };

/**
 * Every rep scheduled at `now` (a local instant of `today`'s shifts; `nowS` the same instant in epoch
 * seconds), judged: the flagged ones first, the longest out first, then by name.
 */
export function adherenceNow(p: {
  shifts: readonly Shift[];
  now: LocalInstant;
  nowS: number;
  timeZone: string;
  reps: ReadonlyMap<string, RepDoing>;
  names: ReadonlyMap<string, string>;
  thresholdS: number;
}): AdherenceNow[] {
  const rows: AdherenceNow[] = [];
  for (const shift of p.shifts) {
    if (shift.date !== p.now.date) continue;
    const { activity, from_minute } = scheduledAt(shift, p.now.minute);
    if (activity === 'off' || from_minute === null) continue;
    const doing = p.reps.get(shift.rep_id) ?? LOGGED_OUT;
    const inAdherence = isOnThePhones(doing.state) === (activity === 'phones');
    let outSince: number | null = null;
    if (!inAdherence) {
      const scheduledSince = zonedInstant(shift.date, from_minute, p.timeZone).getTime() / 1000;
      outSince = Math.min(p.nowS, Math.max(scheduledSince, doing.since_s ?? -Infinity));
    }
    rows.push({
      rep_id: shift.rep_id,
      name: p.names.get(shift.rep_id) ?? shift.rep_id,
      scheduled: activity,
      state: doing.state,
      reason: doing.reason,
      in_adherence: inAdherence,
      out_since_s: outSince,
      flagged: outSince !== null && p.nowS - outSince > p.thresholdS
    });
  }
  return rows.sort(
    (a, b) => Number(b.flagged) - Number(a.flagged) || (a.out_since_s ?? Infinity) - (b.out_since_s ?? Infinity) || a.name.localeCompare(b.name)
  );
}
