/**
 * Data quality: what to check before trusting a number. Quarantined lines and values rejected as
 * implausible (both: whole database), visits
 * left open over a day, impossible durations, and silent intervals inside opening hours (a likely
 * missing export). Each list comes from its own sql/data-quality-*.sql.
 */
import type { Database } from '../sql/db.ts';
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

export interface SilentInterval {
  period_start: string;
  queues_open: string;
}

export interface DataQualityResult {
  summary: {
    quarantined_lines: number;
    rejected_values: number;
    open_visits_over_24h: number;
    impossible_durations: number;
    silent_intervals: number;
    /** False when no opening hours are set: silent intervals were not judged. */
    opening_hours_set: boolean;
  };
  quarantine: QuarantineGroup[];
  rejected_values: RejectedValue[];
  open_visits: OpenVisit[];
  impossible_durations: ImpossibleDuration[];
  silent_intervals: SilentInterval[];
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
  const [quarantine, rejected, openVisits, durations, silent, hours] = await Promise.all([
    db.query<QuarantineGroup>('data-quality-quarantine', params),
    db.query<RejectedValue & { total: number }>('data-quality-rejections', { limit: MAX_REJECTED_LISTED }),
    db.query<OpenVisit>('data-quality-open-visits', params),
    db.query<ImpossibleDuration>('data-quality-durations', params),
    db.query<SilentInterval>('data-quality-gaps', params),
    db.query<{ spans: number }>('opening-hours-count', params)
  ]);
  return {
    summary: {
      quarantined_lines: quarantine.reduce((n, q) => n + q.lines, 0),
      rejected_values: rejected[0]?.total ?? 0,
      open_visits_over_24h: openVisits.length,
      impossible_durations: durations.length,
      silent_intervals: silent.length,
      opening_hours_set: (hours[0]?.spans ?? 0) > 0
    },
    quarantine,
    rejected_values: rejected.map(({ total: _, ...r }) => r),
    open_visits: openVisits,
    impossible_durations: durations,
    silent_intervals: silent,
    settings: { time_zone: range.timeZone, from: range.from, to: range.to, interval_minutes: intervalMinutes, max_open_s: MAX_OPEN_S, max_duration_s: MAX_DURATION_S }
  };
}
