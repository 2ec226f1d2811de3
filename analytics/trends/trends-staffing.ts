/**
 * Staffing over weeks, months and quarters, per local day: the rep-hours the calls that actually came
 * required, the hours the schedule put on the phones, and the hours reps actually were on the phones.
 *
 * The same method as the Coverage page's past days (analytics/coverage-past.ts: the center as one pool,
 * Erlang by the scheduler's target and model, patience from the 8 weeks before, scheduled reps with breaks
 * taken out, reps on the phones from sql/reps-on-phones.sql): its pastIntervals, without its per-rep
 * adherence, a calendar month at a time, so a quarter's report and a two-year trend cost seconds rather
 * than a minute. reports and trends both use this, so their coverage figures agree.
 */
import type { Database } from '../../sql/db.ts';
import { modelFor } from '../staffing/coverage-erlang.ts';
import { pastIntervals } from '../staffing/coverage-past.ts';
import { estimatePatienceEnding } from '../staffing/coverage-patience.ts';
import { readTargets, targetFor } from '../staffing/coverage-targets.ts';
import type { HistoryRow } from '../forecast/forecast-model.ts';
import { callHistory } from '../forecast/history.ts';
import { readShifts } from '../roster/schedule.ts';
import type { ReportSettings } from '../reports/reports-document.ts';
import { periodsBetween } from '../reports/reports-period.ts';

export const STAFFING_INTERVAL_MINUTES = 30;

export interface StaffingInterval {
  period_start: string;
  date: string;
  calls: number;
  /** Reps the calls required (after shrinkage); null when a handle time was unknown. */
  required: number | null;
  scheduled: number;
  on_phones: number;
}

export interface StaffingHours {
  required_h: number;
  /** Null when no schedule exists in the range. */
  scheduled_h: number | null;
  on_phones_h: number;
  under_scheduled_h: number | null;
  short_h: number;
}

export interface StaffingDay extends StaffingHours {
  date: string;
}

export interface StaffingAnswer {
  intervals: StaffingInterval[];
  /** Whether any shift is scheduled in the range. */
  scheduled: boolean;
  settings: NonNullable<ReportSettings['staffing']>;
}

/** Sums intervals into hours. */
export function staffingHours(intervals: readonly StaffingInterval[], scheduled: boolean, intervalMinutes = STAFFING_INTERVAL_MINUTES): StaffingHours {
  const h = intervalMinutes / 60;
  let required = 0, sched = 0, on = 0, under = 0, short = 0;
  for (const x of intervals) {
    const need = x.required ?? 0;
    required += need * h;
    sched += x.scheduled * h;
    on += x.on_phones * h;
    under += Math.max(0, need - x.scheduled) * h;
    short += Math.max(0, need - x.on_phones) * h;
  }
  return { required_h: required, scheduled_h: scheduled ? sched : null, on_phones_h: on, under_scheduled_h: scheduled ? under : null, short_h: short };
}

/** Per local date, in date order (only dates with an interval of calls, staff or schedule). */
export function staffingDays(answer: Pick<StaffingAnswer, 'intervals' | 'scheduled'>): StaffingDay[] {
  const byDate = new Map<string, StaffingInterval[]>();
  for (const x of answer.intervals) byDate.set(x.date, [...(byDate.get(x.date) ?? []), x]);
  return [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, xs]) => ({ date, ...staffingHours(xs, answer.scheduled) }));
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/** The local dates calls or rep states can fall on (sql/activity-span.sql), shared while the data is unchanged. */
function activitySpan(db: Database, timeZone: string): Promise<{ first: string | null; last: string | null }> {
  return db.lookups.get(`activity-span|${timeZone}`, async () => (await db.query<{ first: string | null; last: string | null }>('activity-span', { tz: timeZone }))[0]);
}

/**
 * Required, scheduled and actual reps per interval over local dates from..to, a calendar month at a
 * time (each month's Erlang with its own patience, the 8 weeks before its end). Each input is read
 * once for all the months and each month given the rows of its own dates or window (a row is one
 * interval of one date, or one window's figures, whatever range asked for it, so they are the rows
 * each month's own query gave; trends-staffing-history.test.ts keeps the queries per month and holds
 * these equal to them): the call history and the reps on the phones of the months with activity, and
 * every month's patience. Reps on the phones for a half year at once cost less than a month at a time
 * since migration 048 (on the demo, two months at once 0.12 s, apart 0.18 s), and only the dates with
 * activity are asked.
 */
export async function staffingIntervals(db: Database, opts: { from: string; to: string; timeZone: string }): Promise<StaffingAnswer> {
  const im = STAFFING_INTERVAL_MINUTES;
  const [targets, shifts, span] = await Promise.all([readTargets(db), readShifts(db, opts.from, opts.to), activitySpan(db, opts.timeZone)]);
  const target = targetFor(targets, '*');
  const months = periodsBetween('monthly', opts.from, opts.to).map((month) => ({
    from: month.from < opts.from ? opts.from : month.from,
    to: month.to > opts.to ? opts.to : month.to
  }));
  // A month without calls or rep states asks nothing of them (its intervals, if any, are scheduled
  // ones); the last month's patience is still read, as the answer's settings name it.
  const isActive = (m: { from: string; to: string }) => span.first !== null && span.last !== null && m.from <= span.last && m.to >= span.first;
  const activeMonths = months.filter(isActive);
  const active = activeMonths.length > 0 ? { from: activeMonths[0].from, to: activeMonths.at(-1)!.to, tz: opts.timeZone, interval_minutes: im } : null;
  const patienceEnds = months.filter((m, i) => isActive(m) || i === months.length - 1).map((m) => m.to);
  const [history, onPhones, patience] = await Promise.all([
    active ? callHistory(db, active) : [],
    // (only the dates calls or rep states fall on: nobody is on the phones on the others)
    active ? db.query<{ period_start: string; staffed_reps: number }>('reps-on-phones', { ...active, from: later(active.from, span.first!), to: earlier(active.to, span.last!) }) : [],
    estimatePatienceEnding(db, { ends: patienceEnds, timeZone: opts.timeZone })
  ]);
  const answers = months.map(({ from, to }) => {
    const patienceS = patience.get(to)?.find((p) => p.queue === '*')?.patience_s ?? null;
    // (reps-on-phones labels an interval by its local start, YYYY-MM-DDTHH:MM:SS: its date first)
    const staffed = new Map(onPhones.filter((r) => r.period_start.slice(0, 10) >= from && r.period_start.slice(0, 10) <= to).map((r) => [r.period_start, r.staffed_reps]));
    const own = history.filter((r) => r.date >= from && r.date <= to);
    const intervals = pastIntervals({ from, to, intervalMinutes: im, history: own, target, patienceS, shifts, onPhones: staffed }).map(
      (x): StaffingInterval => ({ period_start: x.period_start, date: x.date, calls: x.calls, required: x.required, scheduled: x.scheduled, on_phones: x.on_phones })
    );
    return { patienceS, intervals };
  });
  const intervals = answers.flatMap((m) => m.intervals);
  const patienceS = answers.at(-1)?.patienceS ?? null;
  return {
    intervals,
    scheduled: shifts.length > 0,
    settings: {
      model: modelFor(target, patienceS),
      interval_minutes: im,
      sl_target: target.sl_target,
      sl_threshold_s: target.sl_threshold_s,
      asa_target_s: target.asa_target_s,
      max_occupancy: target.max_occupancy,
      shrinkage: target.shrinkage,
      patience_s: patienceS
    }
  };
}
