/**
 * Optional long-range volume patterns for the demo center, for the staffing plan's forecast to be
 * measured where a year can be learnt (`generateDemoCenter({ volume: SEASONAL_VOLUME })`, the CLI's
 * `--seasonal`, `demoArrivalHistory`). Without `volume` the demo is the usual half year: its trend is
 * DEMO_PLANTED.trendFactor and nothing here applies (the same files byte for byte).
 *
 * - yearly season: a smooth cosine, peak in mid-January (heating bills, snow-delayed pick-ups),
 *   trough in mid-July, ±amplitude;
 * - trend: growth of `trendPerYear` a year, compounding, 1.05 on the last day like the half-year demo;
 * - bill mail-outs: utility bills land with the city's residents on the 3rd to 7th of each month, and
 *   Billing's calls those weekdays rise by `billing` (×1.4: +22 % of all calls). The days are
 *   planned: the scheduler enters them on the coverage page as special days named BILL_MAILOUT
 *   (factor 1, left for the plan to learn from past mail-outs);
 * - moving holidays (Memorial Day, Labor Day, Thanksgiving, ...) and the surge on the first open day
 *   after a closure are the calendar's own (calendar.ts, DEMO_PLANTED.holidaySurge) in every demo.
 */
import type { DayPlan } from '../../../app/server/demo/calendar.js';
import type { QueueName } from '../../../app/server/demo/center.js';

export interface DemoVolume {
  /** Half the peak-to-trough swing of the yearly season (0.15 = ±15 %). */
  yearlyAmplitude: number;
  /** Growth a year (0.06 = 6 %). */
  trendPerYear: number;
  /** Billing's calls on a bill mail-out day, × (1 = no mail-outs). */
  billing: number;
}

export const SEASONAL_VOLUME: DemoVolume = { yearlyAmplitude: 0.15, trendPerYear: 0.06, billing: 1.4 };

export const BILL_MAILOUT = 'Bill mail-out';

/** A bill mail-out day: the 3rd to the 7th of a month, Monday to Friday. */
export function isBillMailout(day: Pick<DayPlan, 'key' | 'weekday'>): boolean {
  const dom = Number(day.key.slice(8, 10));
  return day.weekday >= 1 && day.weekday <= 5 && dom >= 3 && dom <= 7;
}

/** Day of the year, 0 = 1 January. */
function dayOfYear(key: string): number {
  return (Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10))) - Date.UTC(Number(key.slice(0, 4)), 0, 1)) / 86_400_000;
}

/** The day's volume × (trend and season), replacing DEMO_PLANTED.trendFactor. */
export function volumeFactor(v: DemoVolume, day: Pick<DayPlan, 'key'>, daysBeforeEnd: number): number {
  const season = 1 + v.yearlyAmplitude * Math.cos((2 * Math.PI * (dayOfYear(day.key) - 15)) / 365.25);
  return 1.05 * (1 + v.trendPerYear) ** (-daysBeforeEnd / 365.25) * season;
}

/** A queue's calls × on the day (bill mail-outs raise Billing's). */
export function queueFactor(v: DemoVolume, day: Pick<DayPlan, 'key' | 'weekday'>, queue: QueueName): number {
  return queue === 'billing' && isBillMailout(day) ? v.billing : 1;
}
