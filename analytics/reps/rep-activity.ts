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

function activityParams(opts: RepActivityOptions) {
  const range = checkRange(opts, MAX_INTERVAL_RANGE_DAYS);
  const intervalMinutes = checkChoice('interval minutes', INTERVAL_MINUTES, opts.intervalMinutes, DEFAULT_INTERVAL_MINUTES);
  return { range, intervalMinutes, params: { from: range.from, to: range.to, tz: range.timeZone, interval_minutes: intervalMinutes } };
}

type ActivityParams = ReturnType<typeof activityParams>['params'];

async function readRepFigures(db: Database, params: ActivityParams): Promise<RepActivityRow[]> {
  const reps = await db.query<RepActivityRow>('rep-activity', params);
  return reps.map((r) => Object.fromEntries(REP_ACTIVITY_KEYS.map((k) => [k, r[k]])) as unknown as RepActivityRow);
}

/** The per-rep half of repActivity alone (a page that shows no intervals: the reps table, a rep's page). */
export async function repFigures(db: Database, opts: Omit<RepActivityOptions, 'intervalMinutes'>): Promise<RepActivityRow[]> {
  return readRepFigures(db, activityParams(opts).params);
}

/** The per-interval half of repActivity alone: reps on the phones (a past day's coverage). */
export async function repsOnPhones(db: Database, opts: RepActivityOptions): Promise<RepsOnPhonesRow[]> {
  return db.query<RepsOnPhonesRow>('reps-on-phones', activityParams(opts).params);
}

/**
 * The reps whose phone rang without an answer, with how many times (rep-activity.sql's rep_id, rep and
 * ring_no_answer, for the reps with any), without the time logged in and paused it also works out.
 */
export async function repRingNoAnswers(db: Database, opts: Omit<RepActivityOptions, 'intervalMinutes'>): Promise<Array<Pick<RepActivityRow, 'rep_id' | 'rep' | 'ring_no_answer'>>> {
  return db.query('rep-ring-no-answers', activityParams(opts).params);
}

/** Both halves, the options checked once: rep-activity.sql does not read the interval, so each half is what the ones above answer. */
export async function repActivity(db: Database, opts: RepActivityOptions): Promise<RepActivityResult> {
  const { range, intervalMinutes, params } = activityParams(opts);
  const [reps, intervals] = await Promise.all([readRepFigures(db, params), db.query<RepsOnPhonesRow>('reps-on-phones', params)]);
  return {
    reps,
    intervals,
    settings: { time_zone: range.timeZone, from: range.from, to: range.to, interval_minutes: intervalMinutes },
    definitions: { reps: REP_ACTIVITY_DEFINITIONS, intervals: REPS_ON_PHONES_DEFINITIONS }
  };
}
