/**
 * The day view's figures by call reason (issue 15): per reason code, calls, lost calls and AHT, from
 * the same computeMetrics the CLI and API answer (group reason), with the share of calls without a
 * reason beside them: a table that covers 60% of the calls says so.
 */
import type { Database } from '../../../sql/db.ts';
import { computeMetrics, type ReasonCoverage } from '../../../analytics/metrics/metrics.ts';

export interface DayReasonRow {
  /** null: the calls without a reason. */
  reason: string | null;
  /** The catalogue's name, else the code itself (an unknown code is shown as itself). */
  label: string;
  reason_group: string | null;
  in_catalogue: boolean;
  offered: number;
  lost: number;
  lost_rate: number | null;
  answered: number;
  aht_s: number | null;
}

export interface DayReasons {
  rows: DayReasonRow[];
  coverage: ReasonCoverage;
}

export async function dayReasons(db: Database, q: { date: string; timeZone: string }): Promise<DayReasons> {
  const result = await computeMetrics(db, { from: q.date, to: q.date, by: 'total', group: 'reason', timeZone: q.timeZone });
  const rows = result.rows
    .filter((r) => r.offered > 0)
    .map((r) => ({
      reason: r.reason ?? null,
      label: r.reason == null ? 'No reason' : (r.reason_name ?? r.reason),
      reason_group: r.reason_group ?? null,
      in_catalogue: r.reason_name != null,
      offered: r.offered,
      lost: r.lost,
      lost_rate: r.lost_rate,
      answered: r.answered,
      aht_s: r.aht_s
    }))
    // Most calls first; the calls without a reason last, beside the rest rather than among them.
    .sort((a, b) => Number(a.reason === null) - Number(b.reason === null) || b.offered - a.offered || a.label.localeCompare(b.label));
  return { rows, coverage: result.reason_coverage ?? { offered: 0, with_reason: 0, share_without_reason: null } };
}
