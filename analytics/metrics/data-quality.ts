/**
 * Data quality: what to check before trusting a number. Quarantined lines and values rejected as
 * implausible (both: whole database), visits
 * left open over a day, impossible durations, and silent intervals inside opening hours (a likely
 * missing export), callers the queues turned away (sql/turned-away.sql), and log-ins no log-off
 * closed with where the rule ended them. Each list comes from its own sql/data-quality-*.sql.
 */
import type { Database } from '../../sql/db.ts';
import { DEFAULT_INTERVAL_MINUTES, INTERVAL_MINUTES, MAX_INTERVAL_RANGE_DAYS, checkChoice, checkRange, type IntervalMinutes } from './metric-query.ts';

/** Issue 3: a visit still open a day after it entered is broken data, not a long wait. */
export const MAX_OPEN_S = 24 * 3600;
/** Issue 3: no wait, talk or wrap-up lasts longer than 12 hours. */
export const MAX_DURATION_S = 12 * 3600;

export interface DataQualityOptions {
  from: string;
  to: string;
  timeZone: string;
  /** Length of the intervals checked for silence (default 30). */
  intervalMinutes?: IntervalMinutes | number | string | null;
}

export interface QuarantineGroup {
  path: string;
  format: string | null;
  field: string | null;
  lines: number;
  first_line: number;
  example_reason: string;
  example_raw: string | null;
}

/** A value a load kept as missing: outside its plausible range (ingest/field-ranges.ts). */
export interface RejectedValue {
  path: string;
  line_no: number;
  field: string;
  value: string | null;
  reason: string;
}

/** Rejected values listed at most (the summary counts all of them). */
export const MAX_REJECTED_LISTED = 500;

export interface OpenVisit {
  entered: string;
  queue: string;
  callid: string;
  caller: string | null;
  agent: string | null;
  source: string;
  file_id: number;
  line_no: number;
  open_s: number;
}

export interface ImpossibleDuration {
  entered: string;
  queue: string;
  callid: string;
  direction: string;
  outcome: string | null;
  agent: string | null;
  wait_s: number | null;
  talk_s: number | null;
  wrap_s: number | null;
  problem: string;
  source: string;
  file_id: number;
  line_no: number;
}

/** Callers a queue turned away in an interval (sql/turned-away.sql): nobody available, or the queue full. */
export interface TurnedAway {
  period_start: string;
  queue: string;
  queue_label: string | null;
  blocked: number;
  nobody_available: number;
  queue_full: number;
}

/** The intervals of a day (or range) in which callers were turned away. */
export function turnedAway(db: Database, opts: { from: string; to: string; timeZone: string; intervalMinutes: number }): Promise<TurnedAway[]> {
  return db.query<TurnedAway>('turned-away', { from: opts.from, to: opts.to, tz: opts.timeZone, interval_minutes: opts.intervalMinutes });
}

export interface SilentInterval {
  period_start: string;
  queues_open: string;
}

/** How an open log-in (or pause) was ended: migrations/018-rep-state-ends.sql, README "Reps". */
export type InferredEndRule = 'still_logged_in' | 'max_shift' | 'last_activity' | 'queue_restart' | 'next_log_in';

export const INFERRED_END_RULES: Record<InferredEndRule, string> = {
  still_logged_in: 'still logged in: the file is still being written (counted until now)',
  max_shift: 'the maximum shift length after the log-in',
  last_activity: "the member's last activity in that file",
  queue_restart: 'a QUEUESTART (the PBX restarted)',
  next_log_in: 'the same member logging in again'
};

export interface InferredEnd {
  interface: string;
  rep_id: string;
  queue: string;
  state: 'logged_in' | 'paused';
  /** Local times in the center's zone. */
  started: string;
  ended: string;
  counted_s: number;
  rule: InferredEndRule;
  /** An off event in another file more than a maximum shift later, not trusted; else null. */
  untrusted_off: string | null;
  path: string | null;
  file_id: number;
  line_no: number;
  /** "log-in of X from T had no log-off; ended at T' by R" */
  note: string;
}

/** The sentence the data-quality page shows for an inferred end. */
export function inferredEndNote(e: Omit<InferredEnd, 'note'>): string {
  const what = e.state === 'paused' ? `pause of ${e.interface}` : `log-in of ${e.interface}${e.queue === 'NONE' ? '' : ` to ${e.queue}`}`;
  const off = e.state === 'paused' ? 'unpause' : 'log-off';
  const missing = e.untrusted_off ? `had no ${off} in its file (the one at ${e.untrusted_off} is in another, later file)` : `had no ${off}`;
  return `${what} from ${e.started} ${missing}; ended at ${e.ended} by ${INFERRED_END_RULES[e.rule]}`;
}

export interface DataQualityResult {
  summary: {
    quarantined_lines: number;
    rejected_values: number;
    open_visits_over_24h: number;
    impossible_durations: number;
    silent_intervals: number;
    /** Callers refused at a queue's door (JOINEMPTY, JOINUNAVAIL, FULL): counted as offered and lost. */
    callers_turned_away: number;
    /** False when no opening hours are set: silent intervals were not judged. */
    opening_hours_set: boolean;
    inferred_ends: number;
  };
  quarantine: QuarantineGroup[];
  rejected_values: RejectedValue[];
  open_visits: OpenVisit[];
  impossible_durations: ImpossibleDuration[];
  silent_intervals: SilentInterval[];
  turned_away: TurnedAway[];
  inferred_ends: InferredEnd[];
  settings: { time_zone: string; from: string; to: string; interval_minutes: IntervalMinutes; max_open_s: number; max_duration_s: number };
}

export async function dataQuality(db: Database, opts: DataQualityOptions): Promise<DataQualityResult> {
  const range = checkRange(opts, MAX_INTERVAL_RANGE_DAYS);
  const intervalMinutes = checkChoice('interval minutes', INTERVAL_MINUTES, opts.intervalMinutes, DEFAULT_INTERVAL_MINUTES);
  const params = {
    from: range.from,
    to: range.to,
    tz: range.timeZone,
    interval_minutes: intervalMinutes,
    max_open_s: MAX_OPEN_S,
    max_duration_s: MAX_DURATION_S
  };
  const [quarantine, rejected, openVisits, durations, silent, hours, refused, ends] = await Promise.all([
    db.query<QuarantineGroup>('data-quality-quarantine', params),
    db.query<RejectedValue & { total: number }>('data-quality-rejections', { limit: MAX_REJECTED_LISTED }),
    db.query<OpenVisit>('data-quality-open-visits', params),
    db.query<ImpossibleDuration>('data-quality-durations', params),
    db.query<SilentInterval>('data-quality-gaps', params),
    db.query<{ spans: number }>('opening-hours-count', params),
    turnedAway(db, { ...range, intervalMinutes }),
    db.query<Omit<InferredEnd, 'note'>>('data-quality-inferred-ends', params)
  ]);
  const inferredEnds = ends.map((e) => ({ ...e, note: inferredEndNote(e) }));
  return {
    summary: {
      quarantined_lines: quarantine.reduce((n, q) => n + q.lines, 0),
      rejected_values: rejected[0]?.total ?? 0,
      open_visits_over_24h: openVisits.length,
      impossible_durations: durations.length,
      silent_intervals: silent.length,
      callers_turned_away: refused.reduce((n, r) => n + r.blocked, 0),
      opening_hours_set: (hours[0]?.spans ?? 0) > 0,
      inferred_ends: inferredEnds.length
    },
    quarantine,
    rejected_values: rejected.map(({ total: _, ...r }) => r),
    open_visits: openVisits,
    impossible_durations: durations,
    silent_intervals: silent,
    turned_away: refused,
    inferred_ends: inferredEnds,
    settings: { time_zone: range.timeZone, from: range.from, to: range.to, interval_minutes: intervalMinutes, max_open_s: MAX_OPEN_S, max_duration_s: MAX_DURATION_S }
  };
}
