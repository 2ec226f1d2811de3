/**
 * Days that have happened: per interval the reps the calls that actually came needed (Erlang, as
 * for the plan, on the actual calls and handle time), the reps the schedule had on the phones, and
 * the reps actually on the phones (analytics/rep-activity.ts: logged in and not paused); and per rep
 * the schedule adherence (adherence.ts: time in the scheduled state over the scheduled shift time).
 */
import type { Database } from '../../sql/db.ts';
import { InputError } from '../../sql/errors.ts';
import { modelFor, requiredStaff, type LoadInterval } from './coverage-erlang.ts';
import { estimatePatience, PATIENCE_WEEKS } from './coverage-patience.ts';
import { readTargets, targetFor, type StaffingTarget } from './coverage-targets.ts';
import { scheduledByInterval, shiftsInScope } from './coverage.ts';
import { FORECAST_INTERVALS } from '../forecast/forecast.ts';
import type { HistoryRow } from '../forecast/forecast-model.ts';
import { callHistory } from '../forecast/history.ts';
import { checkChoice, checkRange, daysInRange } from '../metrics/metric-query.ts';
import { repsOnPhones } from '../reps/rep-activity.ts';
import { readRepPlans, readShifts } from '../roster/schedule.ts';
import { addDays, clock, type Shift } from '../roster/schedule-model.ts';
import { adherenceOf, type Adherence } from './adherence.ts';

export { adherenceOf, type Adherence };

export const MAX_PAST_DAYS = 31;

export interface PastInterval {
  period_start: string;
  date: string;
  minute: number;
  calls: number;
  aht_s: number | null;
  /** Reps the actual calls needed (after shrinkage). */
  required: number | null;
  /** Reps the schedule had on the phones (breaks out). */
  scheduled: number;
  /** Reps actually available on the phones, on average over the interval. */
  on_phones: number;
}

export interface PastCoverage {
  settings: { from: string; to: string; queue: string; interval_minutes: number; time_zone: string; model: 'erlang-a' | 'erlang-c'; patience_s: number | null; target: StaffingTarget };
  intervals: PastInterval[];
  adherence: Adherence[];
}

/** The load of each interval with calls (an interval whose callers all hung up takes its day's handle time). */
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
    return { period_start, date: period_start.slice(0, 10), minute: minuteOf(period_start), calls: c.calls, aht_s: aht };
  });
}

/**
 * Required, scheduled and actual reps per interval of the past dates from..to: Erlang on the actual
 * load (`history`, already narrowed to the scope), the shifts' reps on the phones, and `onPhones` (reps
 * actually available, on average, by interval start). Only intervals with calls, a shift or someone
 * on the phones have a row. trends-staffing.ts builds its months with this too.
 */
export function pastIntervals(p: {
  from: string;
  to: string;
  intervalMinutes: number;
  history: readonly HistoryRow[];
  target: StaffingTarget;
  patienceS: number | null;
  shifts: readonly Shift[];
  onPhones: ReadonlyMap<string, number>;
}): PastInterval[] {
  const required = new Map(requiredStaff(loadIntervals(p.history), p.target, p.patienceS, p.intervalMinutes).map((r) => [r.period_start, r]));
  const dates: string[] = [];
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) dates.push(d);
  const scheduled = scheduledByInterval(p.shifts, dates, p.intervalMinutes);
  const starts = [...new Set([...required.keys(), ...scheduled.keys(), ...[...p.onPhones.entries()].filter(([, n]) => n > 0).map(([k]) => k)])].sort();
  return starts.map((start) => {
    const r = required.get(start);
    return {
      period_start: start, date: start.slice(0, 10), minute: minuteOf(start),
      calls: r?.calls ?? 0, aht_s: r?.aht_s ?? null, required: r ? r.required : 0, scheduled: scheduled.get(start) ?? 0, on_phones: p.onPhones.get(start) ?? 0
    };
  });
}

/** Local minutes from midnight of an interval start `YYYY-MM-DDTHH:MM:00`. */
const minuteOf = (start: string) => Number(start.slice(11, 13)) * 60 + Number(start.slice(14, 16));

export async function pastCoverage(db: Database, opts: { from: string; to: string; queue?: string | null; intervalMinutes?: number | string | null; timeZone: string }): Promise<PastCoverage> {
  const range = checkRange(opts, MAX_PAST_DAYS);
  if (daysInRange(range.from, range.to) > MAX_PAST_DAYS) throw new InputError(`at most ${MAX_PAST_DAYS} days at once`);
  const intervalMinutes = checkChoice('interval minutes', FORECAST_INTERVALS, opts.intervalMinutes, 30);
  const queue = opts.queue && opts.queue !== '*' ? opts.queue : '*';
  const params = { from: range.from, to: range.to, tz: range.timeZone };
  const [history, patience, targets, shiftsAll, plans, onPhonesAll, slices] = await Promise.all([
    callHistory(db, { ...params, interval_minutes: intervalMinutes }),
    estimatePatience(db, { from: addDays(range.to, -7 * PATIENCE_WEEKS), to: range.to, timeZone: range.timeZone }),
    readTargets(db),
    readShifts(db, range.from, range.to),
    readRepPlans(db, { includeInactive: true }),
    // (the center's reps on the phones; a queue's are its reps' slices below)
    queue === '*' ? repsOnPhones(db, { from: range.from, to: range.to, timeZone: range.timeZone, intervalMinutes }) : [],
    db.query<{ rep_id: string; date: string; minute: number; available_s: number }>('coverage-rep-slices', params)
  ]);
  const target = targetFor(targets, queue);
  const patienceS = patience.find((p) => p.queue === queue)?.patience_s ?? null;
  const shifts = await shiftsInScope(db, shiftsAll, queue);

  // Actually on the phones: every rep (reps-on-phones.sql) for the center, the scope's reps for a queue.
  const onPhones = new Map<string, number>();
  if (queue === '*') {
    for (const i of onPhonesAll) onPhones.set(i.period_start, i.staffed_reps);
  } else {
    const inScope = new Set(plans.filter((p) => p.primary_queue === queue).map((p) => p.rep_id));
    for (const s of slices) {
      if (!inScope.has(s.rep_id)) continue;
      const bucket = Math.floor(s.minute / intervalMinutes) * intervalMinutes;
      const key = `${s.date}T${clock(bucket)}:00`;
      onPhones.set(key, (onPhones.get(key) ?? 0) + s.available_s / (intervalMinutes * 60));
    }
  }
  const intervals = pastIntervals({
    from: range.from, to: range.to, intervalMinutes, target, patienceS, shifts, onPhones,
    history: queue === '*' ? history : history.filter((r) => r.queue === queue)
  });

  const available = new Map(slices.map((s) => [`${s.rep_id}|${s.date}|${s.minute}`, s.available_s]));
  const names = new Map(plans.map((p) => [p.rep_id, p.name]));
  return {
    settings: { from: range.from, to: range.to, queue, interval_minutes: intervalMinutes, time_zone: range.timeZone, model: modelFor(target, patienceS), patience_s: patienceS, target },
    intervals,
    adherence: adherenceOf(shifts, available, names)
  };
}
