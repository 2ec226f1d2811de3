/**
 * The live floor's adherence (the snapshot's `adherence`): who the published schedule has on the
 * phones now and is not (or on the phones through a scheduled break), since when, flagged once out
 * longer than the center's threshold (setting `adherence_threshold_s`); and each scheduled rep's
 * adherence so far today, the day view's figure (app/server/day/day-adherence.ts; at most a minute
 * old here, see `soFar`). Judged by
 * analytics/staffing/adherence-now.ts from the reps' live states the snapshot already has.
 * It is for the lead and the scheduler: the office TV (wallboard role) is sent none (`forViewer`).
 */
import type { Database } from '../../../sql/db.ts';
import { readCenterSettings } from '../../../analytics/center-settings.ts';
import type { ScheduledActivity } from '../../../analytics/staffing/adherence.ts';
import { adherenceNow, type RepDoing } from '../../../analytics/staffing/adherence-now.ts';
import type { LiveState } from '../../../analytics/reps/live-rep-state.ts';
import type { Role } from '../accounts.ts';
import { adherenceDay, localMinute, publishedShifts, type DayAdherence } from '../day/day-adherence.ts';

export interface AdherenceFlag {
  rep_id: string;
  name: string;
  /** What the schedule has them doing now. */
  scheduled: Exclude<ScheduledActivity, 'off'>;
  state: LiveState;
  reason: string | null;
  /** Out of the scheduled state since (ISO). */
  since: string;
}

export interface LiveRepAdherence {
  rep_id: string;
  name: string;
  /** Time in the scheduled state / scheduled time, so far today (null before their shift began). */
  adherence: number | null;
  scheduled_s: number;
  in_state_s: number;
  /** What the schedule has them doing now ('off' outside their shift), and whether they are. */
  scheduled_now: ScheduledActivity;
  in_adherence_now: boolean | null;
}

export interface LiveAdherence {
  /** A published week covers today: without one nobody is judged. */
  published: boolean;
  threshold_s: number;
  flagged: AdherenceFlag[];
  reps: LiveRepAdherence[];
}

/**
 * Reads today's schedule and figures (in parallel with the snapshot's own reads), then judges the
 * reps' live states given (`doing`, by rep id; a rep not in it is logged out).
 */
export async function liveAdherence(db: Database, opts: { timeZone: string; asOf: Date }): Promise<(doing: ReadonlyMap<string, RepDoing>) => LiveAdherence> {
  const now = localMinute(opts.timeZone, opts.asOf);
  const [settings, schedule] = await Promise.all([readCenterSettings(db), publishedShifts(db, now.date)]);
  const day = await soFar(db, opts.timeZone, opts.asOf, now.date, JSON.stringify(schedule));
  const thresholdS = settings.adherence_threshold_s;
  const names = new Map(day.reps.map((r) => [r.rep_id, r.name]));
  return (doing) => {
    const judged = adherenceNow({ shifts: schedule.shifts, now, nowS: opts.asOf.getTime() / 1000, timeZone: opts.timeZone, reps: doing, names, thresholdS });
    const nowOf = new Map(judged.map((j) => [j.rep_id, j]));
    return {
      published: schedule.published,
      threshold_s: thresholdS,
      flagged: judged
        .filter((j) => j.flagged)
        .map((j) => ({ rep_id: j.rep_id, name: j.name, scheduled: j.scheduled, state: j.state, reason: j.reason, since: new Date(j.out_since_s! * 1000).toISOString() })),
      reps: day.reps.map((r) => ({
        rep_id: r.rep_id,
        name: r.name,
        adherence: r.adherence,
        scheduled_s: r.scheduled_s,
        in_state_s: r.in_state_s,
        scheduled_now: nowOf.get(r.rep_id)?.scheduled ?? 'off',
        in_adherence_now: nowOf.get(r.rep_id)?.in_adherence ?? null
      }))
    };
  };
}

/**
 * Today's figures so far move slowly, and reading them costs about as much as the rest of the
 * snapshot (the time on the phones per slice over the day): they are read again at most once a
 * minute, or at once when the published schedule changes, not for every line the follower loads.
 * Who is out of adherence now is judged afresh on every snapshot.
 */
export const SO_FAR_REFRESH_MS = 60_000;
const soFarCache = new WeakMap<Database, { key: string; until: number; answer: Promise<DayAdherence> }>();

function soFar(db: Database, timeZone: string, asOf: Date, date: string, schedule: string): Promise<DayAdherence> {
  const key = `${timeZone}|${date}|${schedule}`;
  const hit = soFarCache.get(db);
  if (hit && hit.key === key && hit.until > asOf.getTime()) return hit.answer;
  const answer = adherenceDay(db, { date, timeZone, now: asOf });
  soFarCache.set(db, { key, until: asOf.getTime() + SO_FAR_REFRESH_MS, answer });
  answer.catch(() => {
    if (soFarCache.get(db)?.answer === answer) soFarCache.delete(db); // a failed read is not kept
  });
  return answer;
}

/** The snapshot as a viewer may see it: the wallboard (an office TV) gets no adherence. */
export function forViewer<T extends { adherence: LiveAdherence | null }>(snapshot: T, role: Role | undefined): T {
  return role === 'wallboard' ? { ...snapshot, adherence: null } : snapshot;
}
