/**
 * Calls answered per member interface and local date: the daily trend beside each rep on the Reps
 * page. Read from the rep_call_days summary (sql/rep-handled-days.sql) while it answers for the calls
 * and the zone asked (a small table, instead of computeMetrics grouped by rep reading every call of
 * the four weeks through the metric macro), else computeMetrics' `answered` itself; the same counts
 * either way (rep-handled-days.test.ts). Days before records retention purged calls are left out,
 * as computeMetrics leaves them out.
 */
import type { Database } from '../../sql/db.ts';
import { repCallDaysUsable } from '../../sql/upkeep/rep-call-days.ts';
import { computeMetrics } from '../metrics/metrics.ts';
import { checkRange } from '../metrics/metric-query.ts';
import { purgeCutoff, purgedBefore } from '../retention/purged.ts';

export interface RepHandledDay {
  /** Local date, YYYY-MM-DD. */
  date: string;
  rep_interface: string;
  answered: number;
}

export async function repHandledDays(db: Database, opts: { from: string; to: string; timeZone: string }): Promise<RepHandledDay[]> {
  const range = checkRange(opts);
  if (!(await repCallDaysUsable(db, range.timeZone))) {
    const { rows } = await computeMetrics(db, { from: range.from, to: range.to, by: 'day', group: 'rep', timeZone: range.timeZone });
    return rows.filter((r) => r.rep_interface && r.answered > 0).map((r) => ({ date: r.period_start.slice(0, 10), rep_interface: r.rep_interface!, answered: r.answered }));
  }
  const [rows, purged] = await Promise.all([
    db.query<RepHandledDay>('rep-handled-days', { from: range.from, to: range.to }),
    purgedBefore(db)
  ]);
  const cutoff = purgeCutoff(range.from, purged.calls);
  return cutoff ? rows.filter((r) => r.date >= cutoff) : rows;
}
