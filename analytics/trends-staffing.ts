/**
 * Staffing over weeks, months and quarters, per local day: the rep-hours the calls that actually came
 * required, the hours the schedule put on the phones, and the hours reps actually were on the phones.
 *
 * The same method as the Coverage page's past days (analytics/coverage-past.ts: the center as one pool,
 * Erlang by the scheduler's target and model, patience from the 8 weeks before, scheduled reps with breaks
 * taken out, reps on the phones from sql/reps-on-phones.sql), built from that module's parts but without
 * its per-rep adherence, and a calendar month at a time, so a quarter's report and a two-year trend cost
 * seconds rather than a minute. reports and trends both use this, so their coverage figures agree.
 */
import type { Database } from '../sql/db.ts';
import { modelFor, requiredStaff, type LoadInterval } from './coverage-erlang.ts';
import { estimatePatience, PATIENCE_WEEKS } from './coverage-patience.ts';
import { readTargets, targetFor } from './coverage-targets.ts';
import { scheduledByInterval } from './coverage.ts';
import type { HistoryRow } from './forecast-model.ts';
import { clock } from './schedule-model.ts';
import { readShifts } from './schedule.ts';
import type { ReportSettings } from './reports-document.ts';
import { addDays, periodsBetween } from './reports-period.ts';

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

/** The load of each interval with calls, as coverage-past.ts builds it (an interval without answers takes its day's handle time). */
export function loadIntervals(history: readonly HistoryRow[]): LoadInterval[] {
  const load = new Map<string, { calls: number; answered: number; handle: number }>();
  for (const r of history) {
    const key = `${r.date}T${clock(r.minute)}:00`;
    const cell = load.get(key) ?? { calls: 0, answered: 0, handle: 0 };
    cell.calls += r.offered;
    cell.answered += r.answered;
    cell.handle += r.handle_s;
    load.set(key, cell);
  }
  const day = new Map<string, { handle: number; answered: number }>();
  for (const [key, c] of load) {
    const d = day.get(key.slice(0, 10)) ?? { handle: 0, answered: 0 };
    d.handle += c.handle;
    d.answered += c.answered;
    day.set(key.slice(0, 10), d);
  }
  return [...load.entries()].map(([period_start, c]) => {
    const d = day.get(period_start.slice(0, 10))!;
    const aht = c.answered > 0 ? c.handle / c.answered : d.answered > 0 ? d.handle / d.answered : null;
    return { period_start, date: period_start.slice(0, 10), minute: Number(period_start.slice(11, 13)) * 60 + Number(period_start.slice(14, 16)), calls: c.calls, aht_s: aht };
  });
}

/** Required, scheduled and actual reps per interval over local dates from..to, a calendar month at a time. */
export async function staffingIntervals(db: Database, opts: { from: string; to: string; timeZone: string }): Promise<StaffingAnswer> {
  const im = STAFFING_INTERVAL_MINUTES;
  const target = targetFor(await readTargets(db), '*');
  const shifts = await readShifts(db, opts.from, opts.to);
  const intervals: StaffingInterval[] = [];
  let patienceS: number | null = null;
  for (const month of periodsBetween('monthly', opts.from, opts.to)) {
    const from = month.from < opts.from ? opts.from : month.from;
    const to = month.to > opts.to ? opts.to : month.to;
    const params = { from, to, tz: opts.timeZone, interval_minutes: im };
    const [history, patience, onPhones] = await Promise.all([
      db.query<HistoryRow>('forecast-history', params),
      estimatePatience(db, { from: addDays(to, -7 * PATIENCE_WEEKS), to, timeZone: opts.timeZone }),
      db.query<{ period_start: string; staffed_reps: number }>('reps-on-phones', params)
    ]);
    patienceS = patience.find((p) => p.queue === '*')?.patience_s ?? null;
    const required = new Map(requiredStaff(loadIntervals(history), target, patienceS, im).map((r) => [r.period_start, r]));
    const dates: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
    const scheduled = scheduledByInterval(shifts, dates, im);
    const staffed = new Map(onPhones.filter((r) => r.staffed_reps > 0).map((r) => [r.period_start, r.staffed_reps]));
    const starts = [...new Set([...required.keys(), ...scheduled.keys(), ...staffed.keys()])].sort();
    for (const start of starts) {
      const r = required.get(start);
      intervals.push({
        period_start: start,
        date: start.slice(0, 10),
        calls: r?.calls ?? 0,
        required: r ? r.required : 0,
        scheduled: scheduled.get(start) ?? 0,
        on_phones: staffed.get(start) ?? 0
      });
    }
  }
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
