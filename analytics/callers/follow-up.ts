/**
 * Lost-call follow-up: which lost callers got through or were called back within the window
 * (sql/lost-call-follow-up.sql), summed up here as lost callers, recovered, recovery rate and
 * median time to recovery, with the list of those still unrecovered for the lead to call.
 * followUpByPeriod sums the same in SQL per week, month or quarter (sql/lost-call-follow-up-by-period.sql)
 * for the trends, which need the figures and not a year of lost calls in memory.
 */
import type { Database } from '../../sql/db.ts';
import { FOLLOW_UP_FACTS_MAX_S, callFactsUsable } from './call-facts.ts';
import { readCenterSettings } from '../center-settings.ts';
import { FOLLOW_UP_DEFINITIONS, type Definition } from '../glossary.ts';
import { DEFAULT_SHORT_ABANDON_S, checkQueue, checkRange, checkSeconds } from '../metrics/metric-query.ts';

export interface FollowUpOptions {
  from: string;
  to: string;
  timeZone: string;
  queue?: string | null;
  /** Seconds after the lost call (default: the `follow_up_window_s` setting, 24 h). */
  windowS?: number | string | null;
  shortAbandonS?: number | string | null;
}

export interface LostCall {
  /** The lost visit's call id ('<file_id>-<line_no>', as /api/calls/:id takes it). */
  call_id: string;
  entered: string;
  lost_at: string;
  queue: string;
  callid: string;
  caller: string | null;
  number_key: string | null;
  outcome: 'abandoned' | 'timed_out' | 'blocked';
  wait_s: number | null;
  recovered_by: 'got_through' | 'called_back' | null;
  recovery_s: number | null;
  callback_attempts: number;
  /** Not recovered yet, but the window reaches past the newest data: it may still be. */
  window_open: boolean;
}

export interface FollowUpSummary {
  lost_callers: number;
  recovered: number;
  recovery_rate: number | null;
  median_recovery_s: number | null;
}

export interface FollowUpResult {
  summary: FollowUpSummary;
  /** Lost calls with a caller number and no recovery within the window, oldest first. */
  unrecovered: LostCall[];
  /** Every lost call in the range (those without a number too: they cannot be followed up). */
  lost_calls: LostCall[];
  settings: { time_zone: string; from: string; to: string; queue: string | null; follow_up_window_s: number; short_abandon_s: number | null };
  definitions: readonly Definition[];
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function summarizeFollowUp(lost: LostCall[]): FollowUpSummary {
  const withNumber = lost.filter((l) => l.number_key !== null);
  const recovered = withNumber.filter((l) => l.recovered_by !== null);
  return {
    lost_callers: withNumber.length,
    recovered: recovered.length,
    recovery_rate: withNumber.length ? recovered.length / withNumber.length : null,
    median_recovery_s: median(recovered.map((l) => l.recovery_s!))
  };
}

async function followUpParams(db: Database, opts: FollowUpOptions) {
  const range = checkRange(opts);
  const queue = checkQueue(opts.queue);
  const shortAbandonS = checkSeconds('short abandon threshold', opts.shortAbandonS);
  const windowS = checkSeconds('follow-up window', opts.windowS, 30 * 86_400) ?? (await readCenterSettings(db)).follow_up_window_s;
  return {
    range,
    queue,
    shortAbandonS,
    windowS,
    params: { from: range.from, to: range.to, tz: range.timeZone, queue, window_s: windowS, short_abandon_s: shortAbandonS, default_short_abandon_s: DEFAULT_SHORT_ABANDON_S }
  };
}

export async function lostCallFollowUp(db: Database, opts: FollowUpOptions): Promise<FollowUpResult> {
  const { range, queue, shortAbandonS, windowS, params } = await followUpParams(db, opts);
  const lost = await db.query<LostCall>('lost-call-follow-up', params);
  return {
    summary: summarizeFollowUp(lost),
    unrecovered: lost.filter((l) => l.number_key !== null && l.recovered_by === null),
    lost_calls: lost,
    settings: { time_zone: range.timeZone, from: range.from, to: range.to, queue, follow_up_window_s: windowS, short_abandon_s: shortAbandonS },
    definitions: FOLLOW_UP_DEFINITIONS
  };
}

/**
 * The summary of each week, month or quarter of from..to (or of the whole range, `total`) in one
 * query: for each period what lostCallFollowUp's summary says for that period's dates. Periods
 * without lost calls have no row.
 */
export async function followUpByPeriod(
  db: Database,
  opts: FollowUpOptions & { by: 'total' | 'week' | 'month' | 'quarter' }
): Promise<Array<{ period_start: string } & FollowUpSummary>> {
  const { params, windowS } = await followUpParams(db, opts);
  // From call_facts while they are current and cover the window (the same rows), else from the calls.
  const fromFacts = windowS <= FOLLOW_UP_FACTS_MAX_S && (await callFactsUsable(db)).followUp;
  const rows = await db.query<{ period_start: string; lost_callers: number; recovered: number; median_recovery_s: number | null }>(
    'lost-call-follow-up-by-period',
    { ...params, by: opts.by, from_facts: fromFacts }
  );
  return rows.map((r) => ({
    period_start: r.period_start,
    lost_callers: r.lost_callers,
    recovered: r.recovered,
    recovery_rate: r.lost_callers ? r.recovered / r.lost_callers : null,
    median_recovery_s: r.median_recovery_s
  }));
}
