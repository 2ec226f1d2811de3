/**
 * Headcount and its change (pure): the FTE the roster's planning profiles contract, attrition over
 * the plan (from history or set), and a new hire's ramp.
 *
 * - available FTE in plan week h (0 = the first) = Σ contracted hours / full-time hours ×
 *   (1 − attrition)^(h / 52): annual attrition spread evenly, compounding.
 * - attrition from history: reps whose activity (answered calls) stopped, over the last year of
 *   data (or the history there is, at least 26 weeks, scaled to a year): leavers / mean headcount.
 *   A rep counts as gone when their last call is more than 28 days before the data's end.
 * - a new hire contributes 0 the week they start, rising in a straight line to a full FTE after
 *   `rampWeeks` weeks (k / rampWeeks in week k), and leaves at the same attrition rate.
 */
import { addDays, daysBetween } from '../roster/schedule-model.ts';

export const GONE_AFTER_DAYS = 28;
export const MIN_ATTRITION_WEEKS = 26;

export function availableFte(contractedHours: readonly number[], fullTimeHours: number, attrition: number, weeks: number): number[] {
  const fte0 = contractedHours.reduce((s, h) => s + h, 0) / fullTimeHours;
  return Array.from({ length: weeks }, (_, h) => fte0 * Math.pow(1 - attrition, h / 52));
}

/** What one full-time hire who starts `k` weeks before a week gives that week (FTE). */
export function hireFactor(k: number, rampWeeks: number, attrition: number): number {
  if (k < 0) return 0;
  const ramp = rampWeeks <= 0 ? 1 : Math.min(1, k / rampWeeks);
  return ramp * Math.pow(1 - attrition, k / 52);
}

export interface RepSpan {
  rep_id: string;
  first_date: string;
  last_date: string;
}

export interface MeasuredAttrition {
  /** Annual rate, or null when the history is too short. */
  rate: number | null;
  leavers: number;
  mean_headcount: number;
  from: string;
  to: string;
  weeks: number;
}

/** Annual attrition from who stopped answering calls, over the year before `dataEnd` (exclusive). */
export function attritionFromHistory(spans: readonly RepSpan[], dataEnd: string): MeasuredAttrition {
  const first = spans.reduce<string | null>((m, s) => (m === null || s.first_date < m ? s.first_date : m), null);
  const yearAgo = addDays(dataEnd, -364);
  const from = first !== null && first > yearAgo ? first : yearAgo;
  const weeks = Math.max(0, daysBetween(from, dataEnd) / 7);
  const goneBefore = addDays(dataEnd, -GONE_AFTER_DAYS);
  // Present at the start: started within the first four weeks of the window (a fresh history's first
  // days) or before it, and still active at it.
  const startCut = addDays(from, GONE_AFTER_DAYS);
  const atStart = spans.filter((s) => s.first_date < startCut && s.last_date >= from).length;
  const atEnd = spans.filter((s) => s.last_date >= goneBefore).length;
  const leavers = spans.filter((s) => s.last_date >= from && s.last_date < goneBefore).length;
  const mean = (atStart + atEnd) / 2;
  const rate = weeks >= MIN_ATTRITION_WEEKS && mean > 0 ? Math.min(0.95, (leavers / mean) * (52 / weeks)) : null;
  return { rate, leavers, mean_headcount: mean, from, to: addDays(dataEnd, -1), weeks };
}
