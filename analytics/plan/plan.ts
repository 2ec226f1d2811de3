/**
 * The year-ahead staffing plan of the center (all queues as one pool, as the coverage page's '*'):
 * the weekly forecast (./plan-forecast.ts), the staff it requires per week through the coverage
 * page's Erlang, target, patience and opening hours (./plan-required.ts), the FTE the roster's
 * planning profiles contract less attrition (./plan-headcount.ts), and the hire recommendation with
 * its what-ifs (./plan-scenarios.ts).
 *
 * Shrinkage: measured from the reps' pauses (../reps/pause-shrinkage.ts, the last 28 days of data,
 * scheduled breaks left out) where pauses exist, else the target's. Attrition: as given, else
 * measured from who stopped answering calls, else 15 % a year. A rep is contracted at the hours of
 * their planning profile; with no profiles at all, the reps who answered calls in the last 28 days
 * count at full time (the plan says so).
 */
import type { Database } from '../../sql/db.ts';
import { InputError } from '../../sql/errors.ts';
import { callSlicesUsable } from '../../sql/upkeep/call-slices.ts';
import { repCallDaysUsable } from '../../sql/upkeep/rep-call-days.ts';
import { readCenterSettings } from '../center-settings.ts';
import { forecast, readSpecialDays } from '../forecast/forecast.ts';
import { checkDate, checkTimeZone } from '../metrics/metric-query.ts';
import { measuredPauseShrinkage } from '../reps/pause-shrinkage.ts';
import { readOpeningHours, readRepPlans } from '../roster/schedule.ts';
import { addDays, mondayOf } from '../roster/schedule-model.ts';
import { openIntervals } from '../staffing/coverage.ts';
import { modelFor } from '../staffing/coverage-erlang.ts';
import { estimatePatience, PATIENCE_WEEKS } from '../staffing/coverage-patience.ts';
import { readTargets, targetFor } from '../staffing/coverage-targets.ts';
import { weeklyForecast, type DayHistory, type WeeklyForecast } from './plan-forecast.ts';
import { attritionFromHistory, GONE_AFTER_DAYS, MIN_ATTRITION_WEEKS, type MeasuredAttrition, type RepSpan } from './plan-headcount.ts';
import { patternOf, patternTotals } from './plan-required.ts';
import { runScenario, whatIfs, type NewService, type PlanRow, type RequiredCache, type Scenario } from './plan-scenarios.ts';
import type { Recommendation } from './plan-recommend.ts';
import { dataSpan } from '../forecast/history.ts';

export const DEFAULT_PLAN_WEEKS = 52;
export const MAX_PLAN_WEEKS = 104;
export const DEFAULT_RAMP_WEEKS = 8;
export const DEFAULT_ATTRITION = 0.15;
const INTERVAL_MINUTES = 30;

export interface PlanOptions {
  /** Any date of the first week planned (its Monday is used). */
  from: string;
  weeks?: number | string | null;
  timeZone: string;
  /** Annual attrition, 0..0.95; null/undefined = measured from history. */
  attrition?: number | string | null;
  rampWeeks?: number | string | null;
  /** Leave out the what-ifs (the CLI's text needs only the plan). */
  scenarios?: boolean;
  /** The new-service what-if; each part defaults (newServiceDefaults). */
  newService?: { calls?: number | string | null; aht_s?: number | string | null; from?: string | null };
}

/**
 * The new-service what-if unless told: a tenth of the plan's first normal week in calls (to the nearest
 * 10), at the forecast's handle time (to 5 s), from the plan's 14th week (a quarter in).
 */
export function newServiceDefaults(firstNormalCalls: number, ahtS: number | null, start: string, weeks: number): NewService {
  return {
    calls_per_week: Math.max(10, Math.round(firstNormalCalls / 100) * 10),
    aht_s: ahtS === null ? 300 : Math.max(10, Math.round(ahtS / 5) * 5),
    from: addDays(start, 7 * Math.min(13, weeks - 1))
  };
}

export interface PlanResult {
  settings: {
    from: string;
    to: string;
    weeks: number;
    time_zone: string;
    full_time_hours: number;
    sl_target: number;
    sl_threshold_s: number;
    max_occupancy: number;
    model: 'erlang-a' | 'erlang-c';
    patience_s: number | null;
    shrinkage: number;
    shrinkage_source: 'measured from pauses' | 'target';
    attrition: number;
    attrition_source: 'set' | 'measured from history' | 'default';
    ramp_weeks: number;
    new_service: NewService;
    trained_before: string;
    pattern_week: string;
  };
  forecast: Omit<WeeklyForecast, 'weeks'>;
  headcount: { reps: number; contracted_hours: number; available_fte: number; source: 'planning profiles' | 'reps active in the last 28 days'; attrition: MeasuredAttrition };
  rows: PlanRow[];
  recommendation: Recommendation;
  scenarios: Scenario[];
  notes: string[];
}

function numberIn(name: string, value: unknown, min: number, max: number, integer: boolean): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new InputError(`${name} "${value}" must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
  }
  return n;
}

export async function staffingPlan(db: Database, opts: PlanOptions): Promise<PlanResult> {
  const timeZone = checkTimeZone(opts.timeZone);
  const start = mondayOf(checkDate('from', opts.from));
  const weeks = numberIn('weeks', opts.weeks, 1, MAX_PLAN_WEEKS, true) ?? DEFAULT_PLAN_WEEKS;
  const attritionSet = numberIn('attrition', opts.attrition, 0, 0.95, false);
  const rampWeeks = numberIn('ramp weeks', opts.rampWeeks, 0, 52, true) ?? DEFAULT_RAMP_WEEKS;
  const to = addDays(start, 7 * weeks - 1);
  const notes: string[] = [];
  const serviceCalls = numberIn('new service calls a week', opts.newService?.calls, 0, 100_000, true);
  const serviceAht = numberIn('new service handle time (s)', opts.newService?.aht_s, 10, 3600, true);
  const serviceFrom = opts.newService?.from ? checkDate('new service from', opts.newService.from) : null;

  const spans = await dataSpan(db, timeZone);
  const dataLast = spans.reduce<string | null>((m, s) => (m === null || s.last_date > m ? s.last_date : m), null);
  if (dataLast === null) throw new InputError('No inbound calls loaded yet: the plan forecasts from the history, so load some first');
  const trainEnd = dataLast < start ? dataLast : start;
  // (everything that depends only on where training ends, asked together)
  const [center, days, specials, repSpans, targets, opening, patience, pauses, profiles] = await Promise.all([
    readCenterSettings(db),
    callSlicesUsable(db).then((summary) => db.query<DayHistory>(summary ? 'plan-daily-history-summary' : 'plan-daily-history', { tz: timeZone, to: trainEnd })),
    readSpecialDays(db, '1970-01-01', to),
    repCallDaysUsable(db, timeZone).then((summary) => db.query<RepSpan>(summary ? 'plan-rep-spans-summary' : 'plan-rep-spans', { tz: timeZone, to: trainEnd })),
    readTargets(db),
    readOpeningHours(db),
    estimatePatience(db, { from: addDays(trainEnd, -7 * PATIENCE_WEEKS), to: addDays(trainEnd, -1), timeZone }),
    measuredPauseShrinkage(db, { to: addDays(trainEnd, -1), timeZone }),
    readRepPlans(db)
  ]);
  const weekly = weeklyForecast({ days, specials, trainEnd, start, weeks });

  // The intraday pattern: the coverage page's forecast of the first plan week with no center-wide special day.
  const specialDates = new Set(specials.filter((s) => s.queue === '*').map((s) => s.date));
  const patternWeek = weekly.weeks.slice(0, 8).find((w) => !Array.from({ length: 7 }, (_, d) => addDays(w.monday, d)).some((d) => specialDates.has(d)))?.monday ?? start;
  const f = await forecast(db, { from: patternWeek, weeks: 1, queue: null, intervalMinutes: INTERVAL_MINUTES, timeZone, backtestWeeks: 0 });
  const isOpen = openIntervals(opening, INTERVAL_MINUTES);
  const pattern = patternOf(f.intervals.filter((r) => r.queue === '*' && isOpen(r)));
  if (patternTotals(pattern).calls <= 0) notes.push('The intraday forecast has no calls in opening hours: no staff can be computed.');

  const patienceS = patience.find((p) => p.queue === '*')?.patience_s ?? null;
  const base = targetFor(targets, '*');
  const measured = pauses.reasons.length > 0 && pauses.suggested !== null;
  const target = measured ? { ...base, shrinkage: pauses.suggested! } : base;

  const attritionMeasured = attritionFromHistory(repSpans, trainEnd);
  const attrition = attritionSet ?? attritionMeasured.rate ?? DEFAULT_ATTRITION;
  const attritionSource = attritionSet !== null ? 'set' : attritionMeasured.rate !== null ? 'measured from history' : 'default';
  if (attritionSource === 'default') notes.push(`Attrition could not be measured (${attritionMeasured.weeks.toFixed(0)} weeks of rep history, ${MIN_ATTRITION_WEEKS} needed): ${DEFAULT_ATTRITION * 100}% a year assumed.`);

  let contracted = profiles.map((p) => p.contracted_minutes / 60);
  let source: PlanResult['headcount']['source'] = 'planning profiles';
  if (contracted.length === 0) {
    const recent = repSpans.filter((s) => s.last_date >= addDays(trainEnd, -GONE_AFTER_DAYS)).length;
    contracted = Array.from({ length: recent }, () => center.full_time_hours);
    source = 'reps active in the last 28 days';
    notes.push(`No rep has a planning profile (schedule page): the ${recent} reps who answered calls in the last 28 days count at ${center.full_time_hours} h a week each.`);
  }

  const inputs = { weeks: weekly.weeks, pattern, target, patienceS, intervalMinutes: INTERVAL_MINUTES, fullTimeHours: center.full_time_hours, contractedHours: contracted, attrition, rampWeeks };
  const cache: RequiredCache = new Map();
  const plan = runScenario(inputs, undefined, cache);
  const defaults = newServiceDefaults(weekly.weeks[0]?.normal_calls ?? 0, weekly.weeks[0]?.aht_s ?? null, start, weeks);
  const newService = { calls_per_week: serviceCalls ?? defaults.calls_per_week, aht_s: serviceAht ?? defaults.aht_s, from: serviceFrom ?? defaults.from };
  const scenarios = opts.scenarios === false ? [] : whatIfs(newService).map((w) => runScenario(inputs, w, cache));
  const { weeks: _weeks, ...forecastSummary } = weekly;
  const contractedHours = contracted.reduce((s, h) => s + h, 0);
  return {
    settings: {
      from: start, to, weeks, time_zone: timeZone, full_time_hours: center.full_time_hours,
      sl_target: target.sl_target, sl_threshold_s: target.sl_threshold_s, max_occupancy: target.max_occupancy,
      model: modelFor(target, patienceS), patience_s: patienceS,
      shrinkage: target.shrinkage, shrinkage_source: measured ? 'measured from pauses' : 'target',
      attrition, attrition_source: attritionSource, ramp_weeks: rampWeeks, new_service: newService, trained_before: trainEnd, pattern_week: patternWeek
    },
    forecast: forecastSummary,
    headcount: { reps: contracted.length, contracted_hours: contractedHours, available_fte: contractedHours / center.full_time_hours, source, attrition: attritionMeasured },
    rows: plan.rows,
    recommendation: plan.recommendation,
    scenarios,
    notes: [weekly.season_note, ...notes]
  };
}
