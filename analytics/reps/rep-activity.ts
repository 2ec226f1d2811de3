/**
 * Per rep: handled calls, talk and handle time, ring-no-answers, transfers, logged-in and paused
 * time and occupancy (sql/rep-activity.sql); and per interval, how many reps were actually on the
 * phones (sql/reps-on-phones.sql), the actual side of coverage to set against the Erlang plan.
 */
import type { Database } from '../../sql/db.ts';
import { REP_ACTIVITY_DEFINITIONS, REPS_ON_PHONES_DEFINITIONS, type Definition } from '../glossary.ts';
import { DEFAULT_INTERVAL_MINUTES, INTERVAL_MINUTES, MAX_INTERVAL_RANGE_DAYS, checkChoice, checkRange, type IntervalMinutes } from '../metrics/metric-query.ts';

export interface RepActivityOptions {
  from: string;
  to: string;
  timeZone: string;
  intervalMinutes?: IntervalMinutes | number | string | null;
}

export interface RepActivityRow {
  rep_id: string;
  rep: string;
  interfaces: string;
  handled: number;
  talk_s: number;
  handle_s: number;
  aht_s: number | null;
  ring_no_answer: number;
  transferred: number;
  logged_in_s: number;
  paused_s: number;
  occupancy: number | null;
}

export interface RepsOnPhonesRow {
  period_start: string;
  interval_s: number;
  reps_on_phones: number;
  available_rep_s: number;
  staffed_reps: number;
}

export interface RepActivityResult {
  reps: RepActivityRow[];
  intervals: RepsOnPhonesRow[];
  settings: { time_zone: string; from: string; to: string; interval_minutes: IntervalMinutes };
  definitions: { reps: readonly Definition[]; intervals: readonly Definition[] };
}

export const REP_ACTIVITY_KEYS = REP_ACTIVITY_DEFINITIONS.map((d) => d.key) as (keyof RepActivityRow)[];

export async function repActivity(db: Database, opts: RepActivityOptions): Promise<RepActivityResult> {
  const range = checkRange(opts, MAX_INTERVAL_RANGE_DAYS);
  const intervalMinutes = checkChoice('interval minutes', INTERVAL_MINUTES, opts.intervalMinutes, DEFAULT_INTERVAL_MINUTES);
  const params = { from: range.from, to: range.to, tz: range.timeZone, interval_minutes: intervalMinutes };
  const [reps, intervals] = await Promise.all([
    db.query<RepActivityRow>('rep-activity', params),
    db.query<RepsOnPhonesRow>('reps-on-phones', params)
  ]);
  return {
    reps: reps.map((r) => Object.fromEntries(REP_ACTIVITY_KEYS.map((k) => [k, r[k]])) as unknown as RepActivityRow),
    intervals,
    settings: { time_zone: range.timeZone, from: range.from, to: range.to, interval_minutes: intervalMinutes },
    definitions: { reps: REP_ACTIVITY_DEFINITIONS, intervals: REPS_ON_PHONES_DEFINITIONS }
  };
}
