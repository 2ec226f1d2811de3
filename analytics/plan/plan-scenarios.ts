/**
 * The plan's weeks and its what-ifs (pure): one scenario = the weekly forecast through the required
 * FTE (./plan-required.ts), against the available FTE (./plan-headcount.ts), and its recommendation
 * (./plan-recommend.ts). The what-ifs change one thing each: the target (80 % in 20 s against 90 % in
 * 30 s), handle time −10 %, a new service (calls a week at their own handle time from a date, answered
 * by the same reps), or the attrition (15 % against 25 % a year).
 */
import type { StaffingTarget } from '../staffing/coverage-targets.ts';
import type { WeekForecast } from './plan-forecast.ts';
import { mondayOf } from '../roster/schedule-model.ts';
import { availableFte } from './plan-headcount.ts';
import { recommend, type Recommendation } from './plan-recommend.ts';
import { requiredWeek, type ExtraLoad, type PatternInterval } from './plan-required.ts';

export interface PlanRow {
  week: string;
  monday: string;
  calls_forecast: number;
  calls_low: number;
  calls_high: number;
  aht_s: number | null;
  required_hours: number;
  required_fte: number;
  available_fte: number;
  /** required − available: positive is a shortfall. */
  gap_fte: number;
  specials: string[];
}

export interface ScenarioInputs {
  weeks: readonly WeekForecast[];
  pattern: readonly PatternInterval[];
  target: StaffingTarget;
  patienceS: number | null;
  intervalMinutes: number;
  fullTimeHours: number;
  contractedHours: readonly number[];
  attrition: number;
  rampWeeks: number;
}

export interface ScenarioChange {
  key: string;
  label: string;
  sl?: { target: number; threshold_s: number };
  ahtFactor?: number;
  attrition?: number;
  /** A new service's calls from the week of `from` on. */
  newService?: NewService;
}

export interface NewService extends ExtraLoad {
  /** First day of the service (its week counts whole). */
  from: string;
}

export interface Scenario {
  key: string;
  label: string;
  sl_target: number;
  sl_threshold_s: number;
  aht_factor: number;
  attrition: number;
  new_service: NewService | null;
  rows: PlanRow[];
  recommendation: Recommendation;
}

const clockOf = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;

/** The what-ifs beside the plan; the new service's size, handle time and start are the caller's. */
export function whatIfs(newService: NewService): ScenarioChange[] {
  return [
    { key: 'sl-80-20', label: 'Target 80% in 20 s', sl: { target: 0.8, threshold_s: 20 } },
    { key: 'sl-90-30', label: 'Target 90% in 30 s', sl: { target: 0.9, threshold_s: 30 } },
    { key: 'aht-minus-10', label: 'Handle time −10%', ahtFactor: 0.9 },
    {
      key: 'new-service',
      label: `A new service: +${Math.round(newService.calls_per_week)} calls a week at ${clockOf(newService.aht_s)} from ${newService.from}`,
      newService
    },
    { key: 'attrition-15', label: 'Attrition 15% a year', attrition: 0.15 },
    { key: 'attrition-25', label: 'Attrition 25% a year', attrition: 0.25 }
  ];
}

/** Required FTE per week by (target, handle-time factor): what-ifs that change only attrition share it. */
export type RequiredCache = Map<string, Array<ReturnType<typeof requiredWeek>>>;

export function runScenario(input: ScenarioInputs, change: ScenarioChange = { key: 'plan', label: 'The plan' }, cache: RequiredCache = new Map()): Scenario {
  const target = change.sl ? { ...input.target, sl_target: change.sl.target, sl_threshold_s: change.sl.threshold_s } : input.target;
  const ahtFactor = change.ahtFactor ?? 1;
  const attrition = change.attrition ?? input.attrition;
  const available = availableFte(input.contractedHours, input.fullTimeHours, attrition, input.weeks.length);
  const service = change.newService ?? null;
  const serviceMonday = service ? mondayOf(service.from) : null;
  const extraOf = (monday: string) => (service && serviceMonday !== null && monday >= serviceMonday ? service : null);
  const key = JSON.stringify([target.sl_target, target.sl_threshold_s, ahtFactor, service]);
  let required = cache.get(key);
  if (!required) {
    required = input.weeks.map((w) =>
      requiredWeek(input.pattern, { ...w, aht_s: w.aht_s === null ? null : w.aht_s * ahtFactor, extra: extraOf(w.monday) }, { target, patienceS: input.patienceS, intervalMinutes: input.intervalMinutes, fullTimeHours: input.fullTimeHours })
    );
    cache.set(key, required);
  }
  const rows = input.weeks.map((w, i): PlanRow => {
    const extra = extraOf(w.monday);
    const base = w.aht_s === null ? null : w.aht_s * ahtFactor;
    const added = extra && w.calls > 0 ? extra.calls_per_week : 0;
    const aht = base === null || added === 0 ? base : (w.calls * base + added * extra!.aht_s) / (w.calls + added);
    const req = required[i];
    return {
      week: w.week, monday: w.monday, calls_forecast: w.calls + added, calls_low: w.calls_low + added, calls_high: w.calls_high + added, aht_s: aht,
      required_hours: req.required_hours, required_fte: req.required_fte, available_fte: available[i], gap_fte: req.required_fte - available[i],
      specials: w.specials
    };
  });
  const recommendation = recommend(rows, {
    slTarget: target.sl_target, slThresholdS: target.sl_threshold_s, rampWeeks: input.rampWeeks, attrition, start: input.weeks[0]?.monday ?? ''
  });
  return { key: change.key, label: change.label, sl_target: target.sl_target, sl_threshold_s: target.sl_threshold_s, aht_factor: ahtFactor, attrition, new_service: service, rows, recommendation };
}
