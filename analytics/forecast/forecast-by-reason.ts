/**
 * The forecast and the staff required per reason group (issue 15.4), for the coverage page's week: each
 * group's calls are a history of their own (sql/forecast-history-by-reason.sql), fitted and forecast by
 * the same model as a queue (./forecast-model.ts: fitQueueModel, forecastQueue, backtest) and staffed by
 * the same Erlang (../staffing/coverage-erlang.ts: requiredStaff) with the scope's target and patience.
 *
 * What is added: the week after a holiday (./after-holiday.ts). Those days are left out of each
 * group's training (they would lift its level), and a forecast day within a week after a closure (a
 * closed special day, or a weekday the data shows closed) is the group's usual forecast times the
 * effect measured on past holidays, so "bulky-item calls double in the week after a holiday" shows.
 *
 * Where the data does not allow it, a group is listed with the reason: fewer than MIN_TRAINING_DAYS
 * ordinary days with its calls in the training weeks (a group reasons only began to be logged for, or
 * one too small). The groups include the calls without a reason ('No reason'), so the groups' calls add
 * up to the scope's; staff per group is each group's calls as if a team of its own took them, which
 * sums to more than the pooled staff the coverage page plans (Erlang's economy of scale): both are given.
 */
import type { Database } from '../../sql/db.ts';
import { DEFAULT_BACKTEST_WEEKS, readSpecialDays } from './forecast.ts';
import { DEFAULT_HALF_LIFE_WEEKS, DEFAULT_TRAINING_WEEKS, backtest, fitQueueModel, forecastQueue, type HistoryRow, type SpecialDay } from './forecast-model.ts';
import { afterHolidayEffect, closuresInData, daysAfter, type AfterHolidayEffect } from './after-holiday.ts';
import { plannedLoad, type PlannedLoad } from '../staffing/coverage.ts';
import { requiredStaff, type RequiredInterval } from '../staffing/coverage-erlang.ts';
import { readOpeningHours } from '../roster/schedule.ts';
import { addDays, clock, isoWeekday, mondayOf } from '../roster/schedule-model.ts';
import { orderGroups } from '../reasons/reason-groups.ts';

/** Ordinary days with a group's calls its model needs: four weeks of weekdays. */
export const MIN_TRAINING_DAYS = 20;
/** History read to measure the week after a holiday (a half-year holds a few holidays). */
export const HOLIDAY_HISTORY_WEEKS = 26;
/** How the calls without a reason are keyed in the history rows. */
export const NO_REASON = 'No reason';

export interface ReasonForecastOptions {
  /** Any date of the week (its Monday is used). */
  week: string;
  /** '*' or null for the center, or one queue's calls. */
  queue?: string | null;
  intervalMinutes?: number | string | null;
  timeZone: string;
  /** plannedLoad(db, these options) already asked for (the coverage page asks it once for both answers). */
  load?: Promise<PlannedLoad>;
}

export interface ReasonForecastDay {
  date: string;
  /** Forecast calls of the day, the week-after-a-holiday effect applied. */
  calls: number;
  /** The same without it. */
  usual: number;
  /** The closure this day follows (within a week), if any. */
  after_holiday: string | null;
}

export interface ReasonGroupForecast {
  /** The catalogue group, 'Not in catalogue', or null: the calls without a reason. */
  reason_group: string | null;
  /** Whether the data allows a forecast of this group; else `why_not` says why. */
  forecast: boolean;
  why_not: string | null;
  training_days: number;
  /** Share of the training window's calls in this group. */
  share_of_calls: number;
  week_calls: number | null;
  usual_week_calls: number | null;
  days: ReasonForecastDay[];
  after_holiday: AfterHolidayEffect;
  /** Backtest: WAPE of the day totals of the ordinary days of the weeks before training ended (null: none scored). */
  wape_day: number | null;
  /** Rep-hours to schedule for this group's calls alone, and its busiest interval's reps. */
  required_hours: number | null;
  peak_required: number | null;
  intervals: Array<Pick<RequiredInterval, 'period_start' | 'date' | 'minute' | 'calls' | 'aht_s' | 'agents' | 'required'>>;
}

export interface ReasonForecast {
  settings: Pick<PlannedLoad, 'week_start' | 'queue' | 'interval_minutes' | 'target' | 'patience_s' | 'model' | 'trained_before'> & {
    to: string;
    time_zone: string;
    training_weeks: number;
    min_training_days: number;
  };
  /** The training window's calls and how many have a reason. */
  coverage: { calls: number; with_reason: number; share_without_reason: number | null };
  /** Closures whose following week reaches into the week forecast. */
  closures: Array<{ date: string; name: string | null }>;
  groups: ReasonGroupForecast[];
  /** The scope's pooled staff (the coverage page's own) beside the groups' as separate teams. */
  pooled: { required_hours: number; peak_required: number | null; separate_required_hours: number | null };
}

const sum = (xs: Iterable<number>) => [...xs].reduce((s, x) => s + x, 0);

export async function reasonForecast(db: Database, opts: ReasonForecastOptions): Promise<ReasonForecast> {
  const load = await (opts.load ?? plannedLoad(db, { week: opts.week, queue: opts.queue, intervalMinutes: opts.intervalMinutes, timeZone: opts.timeZone }));
  const { week_start: monday, interval_minutes: im, trained_before: trainEnd } = load;
  const sunday = addDays(monday, 6);
  const queue = load.queue === '*' ? null : load.queue;
  const historyFrom = addDays(trainEnd, -7 * Math.max(HOLIDAY_HISTORY_WEEKS, DEFAULT_TRAINING_WEEKS + DEFAULT_BACKTEST_WEEKS));
  // Read through the forecast week where the data reaches it (a past week): only to see its closures.
  const [history, specialRows, opening] = await Promise.all([
    db.query<HistoryRow>('forecast-history-by-reason', { from: historyFrom, to: sunday, tz: opts.timeZone, interval_minutes: im, queue }),
    readSpecialDays(db, historyFrom, sunday),
    readOpeningHours(db)
  ]);
  const rows = history.filter((r) => r.date < trainEnd);
  const specials: SpecialDay[] = specialRows.filter((s) => s.queue === '*' || s.queue === queue).map((s) => ({ ...s, queue: '*' }));

  const total = new Map<string, number>();
  const withReason = new Map<string, number>();
  for (const r of history) {
    total.set(r.date, (total.get(r.date) ?? 0) + r.offered);
    if (r.queue !== NO_REASON) withReason.set(r.date, (withReason.get(r.date) ?? 0) + r.offered);
  }
  const closedSpecials = specials.filter((s) => s.kind === 'closed').map((s) => s.date);
  const closures = new Set([...closuresInData(total), ...closedSpecials]);
  const after = daysAfter(closures);
  const ordinary = (d: string) => !closures.has(d) && (withReason.get(d) ?? 0) > 0;
  const excluded = new Set([...specials.map((s) => s.date), ...closures, ...after.keys()]);

  // The backtest scores ordinary days only: closures and the days after them are left out as special days
  // are (the effect of a holiday is measured apart, above).
  const unscored: SpecialDay[] = [...specials, ...[...closures, ...after.keys()].map((date) => ({ date, queue: '*', kind: 'special' as const, name: 'holiday week', volume_factor: 1 }))];
  const trainFrom = addDays(trainEnd, -7 * DEFAULT_TRAINING_WEEKS);
  const inTraining = rows.filter((r) => r.date >= trainFrom);
  const trainingCalls = sum(inTraining.map((r) => r.offered));
  const trainingWith = sum(inTraining.filter((r) => r.queue !== NO_REASON).map((r) => r.offered));

  const dates = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  // A weekday of the week the data shows closed (a past week) is closed in its forecast too.
  const weekSpecials: SpecialDay[] = [
    ...specials,
    ...dates.filter((d) => closures.has(d) && !closedSpecials.includes(d)).map((date) => ({ date, queue: '*', kind: 'closed' as const, name: 'closed (no calls in the data)', volume_factor: 0 }))
  ];
  const isOpen = (r: { date: string; minute: number }) => {
    const span = opening.get(isoWeekday(r.date));
    return opening.size === 0 || (span !== undefined && r.minute + im > span.open && r.minute < span.close);
  };
  const backtestMondays = Array.from({ length: DEFAULT_BACKTEST_WEEKS }, (_, i) => addDays(mondayOf(addDays(trainEnd, -1)), -7 * (DEFAULT_BACKTEST_WEEKS - 1 - i)));
  const keys = orderGroups(new Set(inTraining.map((r) => (r.queue === NO_REASON ? null : r.queue))));

  const groups = keys.map((group): ReasonGroupForecast => {
    const key = group ?? NO_REASON;
    const calls = new Map<string, number>();
    for (const r of rows) if (r.queue === key) calls.set(r.date, (calls.get(r.date) ?? 0) + r.offered);
    const effect = afterHolidayEffect(calls, closures, ordinary, trainEnd);
    const model = fitQueueModel(key, rows, { trainEnd, trainingWeeks: DEFAULT_TRAINING_WEEKS, halfLifeWeeks: DEFAULT_HALF_LIFE_WEEKS, excluded });
    const share = trainingCalls > 0 ? sum(inTraining.filter((r) => r.queue === key).map((r) => r.offered)) / trainingCalls : 0;
    const base = {
      reason_group: group, training_days: model.trainingDays.length, share_of_calls: share, after_holiday: effect,
      week_calls: null, usual_week_calls: null, days: [], wape_day: null, required_hours: null, peak_required: null, intervals: []
    };
    if (model.trainingDays.length < MIN_TRAINING_DAYS) {
      const n = model.trainingDays.length;
      const why = `only ${n} ordinary day${n === 1 ? '' : 's'} with ${group ?? 'no-reason'} calls in the ${DEFAULT_TRAINING_WEEKS} weeks before ${trainEnd} (the model needs ${MIN_TRAINING_DAYS}; days after a holiday and closed days do not count)`;
      return { ...base, forecast: false, why_not: why };
    }
    const factorOn = (date: string) => (after.has(date) && effect.factor !== null ? effect.factor : 1);
    const forecastRows = forecastQueue(model, dates, weekSpecials).map((r) => ({ ...r, usual: r.calls, calls: r.calls * factorOn(r.date) }));
    const days = dates.map((date) => {
      const own = forecastRows.filter((r) => r.date === date);
      return { date, calls: sum(own.map((r) => r.calls)), usual: sum(own.map((r) => r.usual)), after_holiday: after.get(date) ?? null };
    });
    const load1 = forecastRows.filter(isOpen).map((r) => ({ period_start: `${r.date}T${clock(r.minute)}:00`, date: r.date, minute: r.minute, calls: r.calls, aht_s: r.aht_s }));
    const required = requiredStaff(load1, load.target, load.patience_s, im);
    const known = required.every((r) => r.required !== null);
    const [bt] = backtest([key], rows, { weeks: backtestMondays, dataEnd: trainEnd, trainingWeeks: DEFAULT_TRAINING_WEEKS, halfLifeWeeks: DEFAULT_HALF_LIFE_WEEKS, specials: unscored });
    return {
      ...base,
      forecast: true,
      why_not: null,
      week_calls: sum(days.map((d) => d.calls)),
      usual_week_calls: sum(days.map((d) => d.usual)),
      days,
      wape_day: bt?.wape_day ?? null,
      required_hours: known ? (sum(required.map((r) => r.required!)) * im) / 60 : null,
      peak_required: known ? Math.max(0, ...required.map((r) => r.required!)) : null,
      intervals: required.map(({ period_start, date, minute, calls, aht_s, agents, required }) => ({ period_start, date, minute, calls, aht_s, agents, required }))
    };
  });

  const pooledKnown = load.required.every((r) => r.required !== null);
  const forecastGroups = groups.filter((g) => g.forecast);
  const names = new Map(specials.map((s) => [s.date, s.name]));
  return {
    settings: {
      week_start: monday, to: sunday, queue: load.queue, interval_minutes: im, target: load.target, patience_s: load.patience_s, model: load.model,
      trained_before: trainEnd, time_zone: opts.timeZone, training_weeks: DEFAULT_TRAINING_WEEKS, min_training_days: MIN_TRAINING_DAYS
    },
    coverage: { calls: trainingCalls, with_reason: trainingWith, share_without_reason: trainingCalls > 0 ? (trainingCalls - trainingWith) / trainingCalls : null },
    closures: [...closures].filter((c) => c >= addDays(monday, -7) && c <= sunday).sort().map((date) => ({ date, name: names.get(date) ?? null })),
    groups,
    pooled: {
      required_hours: pooledKnown ? (sum(load.required.map((r) => r.required!)) * im) / 60 : 0,
      peak_required: pooledKnown ? Math.max(0, ...load.required.map((r) => r.required!)) : null,
      separate_required_hours:
        forecastGroups.length === groups.length && forecastGroups.every((g) => g.required_hours !== null) ? sum(forecastGroups.map((g) => g.required_hours!)) : null
    }
  };
}
