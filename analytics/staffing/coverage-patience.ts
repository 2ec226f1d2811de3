/**
 * Caller patience per queue and for the center as one pool, estimated from the center's own
 * abandons (sql/coverage-patience.sql: total time waited / abandons, the exponential-patience
 * maximum-likelihood estimate). A queue with no abandons has no estimate (null): staffing for it
 * falls back to Erlang C. Waits past a day do not count, and an estimate past a day (a center with
 * almost no abandons) is no estimate either: Erlang A would only be Erlang C at great cost.
 */
import type { Database } from '../../sql/db.ts';
import { listValue } from '../../sql/duckdb-api.ts';
import { MAX_CALL_DURATION_S, plausible } from '../plausible.ts';

export interface PatienceRow {
  /** A queue, or '*' for all queues together. */
  queue: string;
  offered: number;
  abandoned: number;
  waited_s: number;
  /** Mean patience in seconds; null with no abandons. */
  patience_s: number | null;
}

/** Weeks of history the estimate uses by default. */
export const PATIENCE_WEEKS = 8;

export async function estimatePatience(db: Database, opts: { from: string; to: string; timeZone: string }): Promise<PatienceRow[]> {
  const rows = await db.query<Omit<PatienceRow, 'patience_s'>>('coverage-patience', {
    from: opts.from, to: opts.to, tz: opts.timeZone, max_wait_s: MAX_CALL_DURATION_S
  });
  return withPool(rows);
}

/**
 * estimatePatience for the PATIENCE_WEEKS ending on each local date of `ends` (from 7 x PATIENCE_WEEKS
 * days before it to it), in one query (sql/coverage-patience-windows.sql): by end date.
 */
export async function estimatePatienceEnding(db: Database, opts: { ends: readonly string[]; timeZone: string }): Promise<Map<string, PatienceRow[]>> {
  const out = new Map<string, PatienceRow[]>();
  if (opts.ends.length === 0) return out;
  const rows = await db.query<Omit<PatienceRow, 'patience_s'> & { window_end: string }>('coverage-patience-windows', {
    ends: listValue([...opts.ends]), days_before: 7 * PATIENCE_WEEKS, tz: opts.timeZone, max_wait_s: MAX_CALL_DURATION_S
  });
  for (const end of opts.ends) out.set(end, withPool(rows.filter((r) => r.window_end === end).map(({ window_end: _, ...r }) => r)));
  return out;
}

/** Each queue's row and the center's ('*', the queues pooled), each with its mean patience. */
function withPool(rows: ReadonlyArray<Omit<PatienceRow, 'patience_s'>>): PatienceRow[] {
  const pooled = rows.reduce((p, r) => ({ queue: '*', offered: p.offered + r.offered, abandoned: p.abandoned + r.abandoned, waited_s: p.waited_s + r.waited_s }), {
    queue: '*', offered: 0, abandoned: 0, waited_s: 0
  });
  return [...rows, pooled].map((r) => ({ ...r, patience_s: r.abandoned > 0 ? plausible(r.waited_s / r.abandoned, Number.MIN_VALUE, MAX_CALL_DURATION_S) : null
  }));
}
