/**
 * Coverage of a week: per interval the reps required (forecast → Erlang, ./coverage-erlang.ts)
 * against the reps the schedule puts on the phones (breaks taken out), the gap, and the service
 * level and lost calls that schedule would deliver (Erlang A with the scheduled reps).
 *
 * Scope: the center as one pool ('*': all queues' calls together, handle time call-weighted,
 * patience pooled, the center's target, every scheduled rep) or one queue (its own forecast,
 * patience and target, and the reps whose primary queue it is). Pooling assumes every rep takes
 * every queue, which flatters a center of single-skilled reps; per-queue views assume no one helps
 * another queue, which is too harsh for multi-skilled ones. The truth lies between.
 */
import type { Database } from '../../sql/db.ts';
import { InputError } from '../../sql/errors.ts';
import { modelFor, projectInterval, requiredStaff, summarise, type LoadInterval, type RequiredInterval } from './coverage-erlang.ts';
import { estimatePatience, PATIENCE_WEEKS } from './coverage-patience.ts';
import { readTargets, targetFor, type StaffingTarget } from './coverage-targets.ts';
import { forecast, FORECAST_INTERVALS, type ForecastResult } from '../forecast/forecast.ts';
import { DEFAULT_HALF_LIFE_WEEKS, DEFAULT_TRAINING_WEEKS } from '../forecast/forecast-model.ts';
import { checkChoice, checkDate, checkTimeZone } from '../metrics/metric-query.ts';
import { readOpeningHours, readRepPlans, readWeek } from '../roster/schedule.ts';
import { addDays, clock, intervalsToSlots, isoWeekday, mondayOf, onPhonesBySlot, slotGaps, slotsToIntervals, weekDates, type Shift } from '../roster/schedule-model.ts';

export interface PlannedLoad {
  week_start: string;
  queue: string;
  interval_minutes: number;
  target: StaffingTarget;
  patience_s: number | null;
  model: 'erlang-a' | 'erlang-c';
  trained_before: string;
  /** Per date, the special day planned (closed or special), if any. */
  specials: Record<string, string>;
  required: RequiredInterval[];
}

export interface LoadOptions {
  /** Any date of the week (its Monday is used). */
  week: string;
  /** '*' (default) for the center as one pool, or a queue. */
  queue?: string | null;
  intervalMinutes?: number | string | null;
  timeZone: string;
  /**
   * forecast(db, ...) of this very week, scope and interval already asked for (the coverage page shows
   * it with its backtest): its intervals are the same with or without one (the backtest only reads
   * older weeks), so the week is not forecast twice.
   */
  forecast?: Promise<ForecastResult>;
}

/** Whether an interval overlaps the configured opening hours (all intervals when none are configured). */
export function openIntervals(opening: ReadonlyMap<number, { open: number; close: number }>, intervalMinutes: number) {
  return (r: { date: string; minute: number }): boolean => {
    const span = opening.get(isoWeekday(r.date));
    return opening.size === 0 || (span !== undefined && r.minute + intervalMinutes > span.open && r.minute < span.close);
  };
}

/** The forecast of a week for one scope and the staff it requires. */
export async function plannedLoad(db: Database, opts: LoadOptions): Promise<PlannedLoad> {
  const monday = mondayOf(checkDate('week', opts.week));
  const timeZone = checkTimeZone(opts.timeZone);
  const intervalMinutes = checkChoice('interval minutes', FORECAST_INTERVALS, opts.intervalMinutes, 30);
  const queue = opts.queue && opts.queue !== '*' ? opts.queue : '*';
  const given = await opts.forecast;
  const same = given && given.settings.from === monday && given.settings.to === addDays(monday, 6) && given.settings.queue === queue &&
    given.settings.interval_minutes === intervalMinutes && given.settings.time_zone === timeZone &&
    given.settings.training_weeks === DEFAULT_TRAINING_WEEKS && given.settings.half_life_weeks === DEFAULT_HALF_LIFE_WEEKS;
  const f = same ? given : await forecast(db, { from: monday, weeks: 1, queue: queue === '*' ? null : queue, intervalMinutes, timeZone, backtestWeeks: 0 });
  const [opening, patience, targets] = await Promise.all([
    readOpeningHours(db),
    estimatePatience(db, { from: addDays(f.settings.trained_before, -7 * PATIENCE_WEEKS), to: addDays(f.settings.trained_before, -1), timeZone }),
    readTargets(db)
  ]);
  // Nobody is planned while the center is closed: calls forecast outside the configured opening
  // hours (a transfer or a retry just after closing) need no reps.
  const isOpen = openIntervals(opening, intervalMinutes);
  const rows: LoadInterval[] = f.intervals.filter((r) => r.queue === queue && isOpen(r));
  const patienceS = patience.find((p) => p.queue === queue)?.patience_s ?? null;
  const target = targetFor(targets, queue);
  const specials: Record<string, string> = {};
  for (const s of f.special_days) if (s.queue === '*' || s.queue === queue || queue === '*') specials[s.date] = s.name;
  return {
    week_start: monday, queue, interval_minutes: intervalMinutes, target, patience_s: patienceS, model: modelFor(target, patienceS),
    trained_before: f.settings.trained_before, specials, required: requiredStaff(rows, target, patienceS, intervalMinutes)
  };
}

export interface CoverageInterval {
  period_start: string;
  date: string;
  minute: number;
  calls: number;
  aht_s: number | null;
  /** Agents on the phones the target needs. */
  agents: number | null;
  /** Reps to schedule (agents after shrinkage). */
  required: number | null;
  /** Reps the schedule puts on the phones (average over the interval, breaks taken out). */
  scheduled: number;
  /** scheduled − required: negative is a shortfall. */
  gap: number | null;
  service_level: number | null;
  lost_calls: number | null;
}

export interface CoverageDay {
  date: string;
  weekday: number;
  special: string | null;
  calls: number;
  required_hours: number;
  scheduled_hours: number;
  under_hours: number;
  over_hours: number;
  service_level: number | null;
  lost_calls: number | null;
}

export type CoverageTotals = Omit<CoverageDay, 'date' | 'weekday' | 'special'>;

export interface CoverageResult {
  settings: {
    week_start: string;
    queue: string;
    interval_minutes: number;
    time_zone: string;
    model: 'erlang-a' | 'erlang-c';
    patience_s: number | null;
    target: StaffingTarget;
    trained_before: string;
  };
  schedule: { status: string; version: number; shifts: number };
  intervals: CoverageInterval[];
  days: CoverageDay[];
  totals: CoverageTotals;
}

/** Scheduled reps per interval of a scope: every shift for '*', else the shifts of reps whose primary queue it is. */
export function scheduledByInterval(shifts: readonly Shift[], dates: readonly string[], intervalMinutes: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [date, slots] of onPhonesBySlot(shifts, dates)) {
    slotsToIntervals(slots, intervalMinutes).forEach((n, i) => {
      if (n !== 0) out.set(`${date}T${clock(i * intervalMinutes)}:00`, n);
    });
  }
  return out;
}

/** Intervals, days and totals of a planned load against a set of shifts (pure). */
export function coverageOf(load: PlannedLoad, shifts: readonly Shift[]): Pick<CoverageResult, 'intervals' | 'days' | 'totals'> {
  const dates = weekDates(load.week_start);
  const im = load.interval_minutes;
  const hours = im / 60;
  const scheduled = scheduledByInterval(shifts, dates, im);
  const byStart = new Map(load.required.map((r) => [r.period_start, r]));
  const starts = [...new Set([...byStart.keys(), ...scheduled.keys()])].sort();
  const intervals: CoverageInterval[] = starts.map((start) => {
    const r = byStart.get(start);
    const s = scheduled.get(start) ?? 0;
    const date = start.slice(0, 10);
    const minute = Number(start.slice(11, 13)) * 60 + Number(start.slice(14, 16));
    const calls = r?.calls ?? 0;
    const aht = r?.aht_s ?? null;
    const required = r ? r.required : 0;
    const p = projectInterval({ calls, aht_s: aht }, s, load.target, load.patience_s, im);
    return {
      period_start: start, date, minute, calls, aht_s: aht, agents: r ? r.agents : 0, required, scheduled: s,
      gap: required === null ? null : s - required, service_level: p.service_level, lost_calls: p.lost_calls
    };
  });
  // Short and over hours slot by slot (slotGaps, as every roster is scored), not from the intervals' averages.
  const onPhones = onPhonesBySlot(shifts, dates);
  const gaps = dates.map((date) => {
    const required = new Map(intervals.filter((i) => i.date === date).map((i) => [i.minute / im, i.required ?? 0]));
    return slotGaps(intervalsToSlots(required, im), onPhones.get(date)!);
  });
  const sum = (rows: CoverageInterval[], g: ReturnType<typeof slotGaps>[]): CoverageTotals => {
    const proj = summarise(rows);
    return {
      calls: proj.calls,
      required_hours: rows.reduce((a, r) => a + (r.required ?? 0) * hours, 0),
      scheduled_hours: rows.reduce((a, r) => a + r.scheduled * hours, 0),
      under_hours: g.reduce((a, x) => a + x.under_hours, 0),
      over_hours: g.reduce((a, x) => a + x.over_hours, 0),
      service_level: proj.service_level,
      lost_calls: proj.lost_calls
    };
  };
  const days = dates.map((date, d) => ({ date, weekday: isoWeekday(date), special: load.specials[date] ?? null, ...sum(intervals.filter((i) => i.date === date), [gaps[d]]) }));
  return { intervals, days, totals: sum(intervals, gaps) };
}

export interface CoverageOptions extends LoadOptions {
  /** Judge these shifts instead of the week's stored schedule (a proposal, an edit being tried). */
  shifts?: Shift[];
  /** plannedLoad(db, these options) already asked for (a page that also shows the reason groups' forecast asks it once). */
  load?: Promise<PlannedLoad>;
}

/** Only the shifts that count in a scope. */
export async function shiftsInScope(db: Database, shifts: readonly Shift[], queue: string): Promise<Shift[]> {
  if (queue === '*') return [...shifts];
  const primary = new Map((await readRepPlans(db, { includeInactive: true })).map((p) => [p.rep_id, p.primary_queue]));
  return shifts.filter((s) => primary.get(s.rep_id) === queue);
}

export async function weekCoverage(db: Database, opts: CoverageOptions): Promise<CoverageResult> {
  const load = await (opts.load ?? plannedLoad(db, opts));
  const week = await readWeek(db, load.week_start);
  if (opts.shifts && opts.shifts.some((s) => s.date < load.week_start || s.date > addDays(load.week_start, 6))) {
    throw new InputError(`shifts must fall in the week of ${load.week_start}`);
  }
  const shifts = await shiftsInScope(db, opts.shifts ?? week.shifts, load.queue);
  return {
    settings: {
      week_start: load.week_start, queue: load.queue, interval_minutes: load.interval_minutes, time_zone: opts.timeZone,
      model: load.model, patience_s: load.patience_s, target: load.target, trained_before: load.trained_before
    },
    schedule: { status: week.status, version: week.version, shifts: shifts.length },
    ...coverageOf(load, shifts)
  };
}
