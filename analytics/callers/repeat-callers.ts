/**
 * Repeat callers, a first-contact-resolution proxy: the share of answered calls whose caller had
 * already called within the look-back window (sql/repeat-callers.sql), in total, per queue and per
 * rep, and per reason group (with the share of answered calls that have a reason beside it). A repeat
 * is counted against the queue, rep and reason of the later, answered call.
 */
import type { Database } from '../../sql/db.ts';
import { REPEAT_FACTS_MAX_S, callFactsUsable } from './call-facts.ts';
import { repeatDaysUsable } from './repeat-days.ts';
import { readCenterSettings } from '../center-settings.ts';
import { REPEAT_CALLER_DEFINITIONS, type Definition } from '../glossary.ts';
import { checkQueue, checkRange, checkSeconds } from '../metrics/metric-query.ts';

export interface RepeatCallerOptions {
  from: string;
  to: string;
  timeZone: string;
  queue?: string | null;
  /** Look-back in seconds (default: the `repeat_window_s` setting, 72 h). */
  windowS?: number | string | null;
}

export interface RepeatFigures {
  answered: number;
  repeat_calls: number;
  repeat_rate: number | null;
}

/** Repeat figures of the answered calls of one reason group (null: the calls without a reason). */
export type ReasonGroupRepeats = { reason_group: string | null } & RepeatFigures;

/** How many of the answered calls the figures by reason group cover (have a reason). */
export interface RepeatReasonCoverage {
  answered: number;
  with_reason: number;
  /** Answered calls without a reason over all answered; null when none were answered. */
  share_without_reason: number | null;
}

export interface RepeatCallerResult {
  total: RepeatFigures;
  by_queue: Array<{ queue: string } & RepeatFigures>;
  by_rep: Array<{ rep: string; rep_id: string; rep_interface: string } & RepeatFigures>;
  /** Per reason group of the answered call ('Not in catalogue' for codes the catalogue lacks; null last: no reason). */
  by_reason_group: ReasonGroupRepeats[];
  reason_coverage: RepeatReasonCoverage;
  settings: { time_zone: string; from: string; to: string; queue: string | null; repeat_window_s: number };
  definitions: readonly Definition[];
}

interface SqlRow extends RepeatFigures {
  period_start: string;
  level: 'total' | 'queue' | 'rep' | 'reason_group';
  queue: string | null;
  reason_group: string | null;
  rep_interface: string | null;
  rep_name: string | null;
  rep_id: string | null;
}

const figures = (r: RepeatFigures): RepeatFigures => ({ answered: r.answered, repeat_calls: r.repeat_calls, repeat_rate: r.repeat_rate });

interface RowOptions {
  /** `total`: the whole range as one period; else each ISO week, month or quarter of it. */
  by: 'total' | 'week' | 'month' | 'quarter';
  from: string;
  to: string;
  timeZone: string;
  queue: string | null;
  windowS: number;
}

/** Counted from call_facts while they are current and cover the window (the same rows), else from the calls. */
const repeatCallerRows = async (db: Database, o: RowOptions) => {
  const fromFacts = o.windowS <= REPEAT_FACTS_MAX_S && (await callFactsUsable(db)).repeat;
  return db.query<SqlRow>('repeat-callers', {
    by: o.by, from: o.from, to: o.to, tz: o.timeZone, queue: o.queue, window_s: o.windowS, from_facts: fromFacts
  });
};

/**
 * The total of each week, month or quarter of from..to (checked by the caller) in one query: for each
 * period what repeatCallers answers for that period's dates; periods without answered calls have no row.
 */
export async function repeatRatesBy(db: Database, opts: RowOptions & { by: 'week' | 'month' | 'quarter' }): Promise<Array<{ period_start: string } & RepeatFigures>> {
  // From the per-day summary while it answers for the calls, the window and the zone (the same sums), else per call.
  const facts = opts.windowS <= REPEAT_FACTS_MAX_S && (await callFactsUsable(db)).repeat;
  const rows = (await repeatDaysUsable(db, facts, opts.windowS, opts.timeZone))
    ? await db.query<SqlRow>('repeat-rates-days', { by: opts.by, from: opts.from, to: opts.to, queue: opts.queue })
    : await repeatCallerRows(db, opts);
  return rows.filter((r) => r.level === 'total').map((r) => ({ period_start: r.period_start, ...figures(r) }));
}

/** The repeat figures of each reason group of each period of from..to (checked by the caller), in one query. */
export async function repeatRatesByReasonGroup(
  db: Database,
  opts: RowOptions & { by: 'week' | 'month' | 'quarter' }
): Promise<Array<{ period_start: string } & ReasonGroupRepeats>> {
  const rows = await repeatCallerRows(db, opts);
  return rows.filter((r) => r.level === 'reason_group').map((r) => ({ period_start: r.period_start, reason_group: r.reason_group, ...figures(r) }));
}

/** The answered calls with a reason among all answered, from the rows per reason group. */
export function repeatReasonCoverage(rows: readonly ReasonGroupRepeats[]): RepeatReasonCoverage {
  const answered = rows.reduce((n, r) => n + r.answered, 0);
  const without = rows.filter((r) => r.reason_group === null).reduce((n, r) => n + r.answered, 0);
  return { answered, with_reason: answered - without, share_without_reason: answered > 0 ? without / answered : null };
}

export async function repeatCallers(db: Database, opts: RepeatCallerOptions): Promise<RepeatCallerResult> {
  const range = checkRange(opts);
  const queue = checkQueue(opts.queue);
  const windowS = checkSeconds('repeat window', opts.windowS, 90 * 86_400) ?? (await readCenterSettings(db)).repeat_window_s;
  const rows = await repeatCallerRows(db, { by: 'total', ...range, queue, windowS });
  const total = rows.find((r) => r.level === 'total');
  const byReasonGroup = rows
    .filter((r) => r.level === 'reason_group')
    .map((r) => ({ reason_group: r.reason_group, ...figures(r) }))
    .sort((a, b) => Number(a.reason_group === null) - Number(b.reason_group === null) || b.answered - a.answered);
  return {
    total: total && total.answered > 0 ? figures(total) : { answered: 0, repeat_calls: 0, repeat_rate: null },
    by_queue: rows.filter((r) => r.level === 'queue').map((r) => ({ queue: r.queue!, ...figures(r) })),
    by_rep: rows
      .filter((r) => r.level === 'rep' && r.rep_interface !== null)
      .map((r) => ({ rep: r.rep_name ?? r.rep_interface!, rep_id: r.rep_id!, rep_interface: r.rep_interface!, ...figures(r) })),
    by_reason_group: byReasonGroup,
    reason_coverage: repeatReasonCoverage(byReasonGroup),
    settings: { time_zone: range.timeZone, from: range.from, to: range.to, queue, repeat_window_s: windowS },
    definitions: REPEAT_CALLER_DEFINITIONS
  };
}
