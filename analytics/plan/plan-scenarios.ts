/**
 * The plan's weeks and its what-ifs (pure): one scenario = the weekly forecast through the required
 * FTE (./plan-required.ts), against the available FTE (./plan-headcount.ts), and its recommendation
 * (./plan-recommend.ts). The what-ifs change one thing each: the target (80 % in 20 s against 90 % in
 * 30 s), handle time −10 %, or the attrition (15 % against 25 % a year).
 */
import type { StaffingTarget } from '../staffing/coverage-targets.ts';
import type { WeekForecast } from './plan-forecast.ts';
import { availableFte } from './plan-headcount.ts';
import { recommend, type Recommendation } from './plan-recommend.ts';
import { requiredWeek, type PatternInterval } from './plan-required.ts';

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
}

export interface Scenario {
  key: string;
  label: string;
  sl_target: number;
  sl_threshold_s: number;
  aht_factor: number;
  attrition: number;
  rows: PlanRow[];
  recommendation: Recommendation;
}

export const WHAT_IFS: ScenarioChange[] = [
  { key: 'sl-80-20', label: 'Target 80% in 20 s', sl: { target: 0.8, threshold_s: 20 } },
  { key: 'sl-90-30', label: 'Target 90% in 30 s', sl: { target: 0.9, threshold_s: 30 } },
  { key: 'aht-minus-10', label: 'Handle time −10%', ahtFactor: 0.9 },
  { key: 'attrition-15', label: 'Attrition 15% a year', attrition: 0.15 },
  { key: 'attrition-25', label: 'Attrition 25% a year', attrition: 0.25 }
];

/** Required FTE per week by (target, handle-time factor): what-ifs that change only attrition share it. */
export type RequiredCache = Map<string, Array<ReturnType<typeof requiredWeek>>>;

export function runScenario(input: ScenarioInputs, change: ScenarioChange = { key: 'plan', label: 'The plan' }, cache: RequiredCache = new Map()): Scenario {
  const target = change.sl ? { ...input.target, sl_target: change.sl.target, sl_threshold_s: change.sl.threshold_s } : input.target;
  const ahtFactor = change.ahtFactor ?? 1;
  const attrition = change.attrition ?? input.attrition;
  const available = availableFte(input.contractedHours, input.fullTimeHours, attrition, input.weeks.length);
  const key = JSON.stringify([target.sl_target, target.sl_threshold_s, ahtFactor]);
  let required = cache.get(key);
  if (!required) {
    required = input.weeks.map((w) =>
      requiredWeek(input.pattern, { ...w, aht_s: w.aht_s === null ? null : w.aht_s * ahtFactor }, { target, patienceS: input.patienceS, intervalMinutes: input.intervalMinutes, fullTimeHours: input.fullTimeHours })
    );
    cache.set(key, required);
  }
  const rows = input.weeks.map((w, i): PlanRow => {
    const aht = w.aht_s === null ? null : w.aht_s * ahtFactor;
    const req = required[i];
    return {
      week: w.week, monday: w.monday, calls_forecast: w.calls, calls_low: w.calls_low, calls_high: w.calls_high, aht_s: aht,
      required_hours: req.required_hours, required_fte: req.required_fte, available_fte: available[i], gap_fte: req.required_fte - available[i],
      specials: w.specials
    };
  });
  const recommendation = recommend(rows, {
    slTarget: target.sl_target, slThresholdS: target.sl_threshold_s, rampWeeks: input.rampWeeks, attrition, start: input.weeks[0]?.monday ?? ''
  });
  return { key: change.key, label: change.label, sl_target: target.sl_target, sl_threshold_s: target.sl_threshold_s, aht_factor: ahtFactor, attrition, rows, recommendation };
}
