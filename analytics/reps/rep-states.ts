/**
 * Rep states per rep and local day (`callboard states`, the rep page): logged-in time split into
 * available, ringing, on calls, wrap-up and paused (by reason, time and count), one state at a time
 * by precedence (state-precedence.ts). The spans come from sql/rep-state-spans.sql, the days'
 * bounds (DST-whole) from sql/local-day-bounds.sql.
 */
import type { Database } from '../../sql/db.ts';
import { checkRange } from '../metrics/metric-query.ts';
import { statesByDay, type DayBounds, type DayStates, type SpanKind } from './state-precedence.ts';

export const MAX_STATES_RANGE_DAYS = 93;

export interface RepStatesOptions {
  from: string;
  to: string;
  timeZone: string;
  rep?: string | null;
}

export interface RepStateRow extends DayStates {
  /** The rep's id (GET /api/reps). */
  rep: string;
  /** The interfaces the rep's spans of the range came from, comma-separated. */
  interface: string;
}

interface SpanRow {
  rep_id: string;
  interface: string;
  kind: SpanKind;
  reason: string | null;
  span_id: string;
  start_s: number;
  end_s: number;
}

export async function repStates(db: Database, opts: RepStatesOptions): Promise<RepStateRow[]> {
  return repStatesFrom(db, 'rep-state-spans', opts);
}

/**
 * The states laid over from the spans of `spansQuery`: sql/rep-state-spans.sql (every state), or
 * sql/pause-shrinkage-spans.sql, whose rows give the right logged-in and paused seconds only.
 */
export async function repStatesFrom(db: Database, spansQuery: 'rep-state-spans' | 'pause-shrinkage-spans', opts: RepStatesOptions): Promise<RepStateRow[]> {
  const range = checkRange(opts, MAX_STATES_RANGE_DAYS);
  const params = { from: range.from, to: range.to, tz: range.timeZone };
  const [spans, days] = await Promise.all([
    db.query<SpanRow>(spansQuery, params),
    db.query<DayBounds>('local-day-bounds', params)
  ]);
  const byRep = new Map<string, SpanRow[]>();
  for (const s of spans) {
    if (opts.rep && s.rep_id !== opts.rep) continue;
    const list = byRep.get(s.rep_id) ?? [];
    list.push(s);
    byRep.set(s.rep_id, list);
  }
  const rows: RepStateRow[] = [];
  for (const [rep, list] of [...byRep].sort(([a], [b]) => a.localeCompare(b))) {
    const iface = [...new Set(list.map((s) => s.interface))].sort().join(', ');
    for (const day of statesByDay(list, days)) rows.push({ ...pick(day), rep, interface: iface });
  }
  return rows.sort((a, b) => a.date.localeCompare(b.date) || a.rep.localeCompare(b.rep));
}

/** The contract's key order: date, rep, interface, then the seconds. */
function pick(d: DayStates): DayStates {
  const { date, logged_in_s, available_s, ringing_s, on_call_s, wrap_up_s, paused_s, paused_by_reason, pauses_by_reason } = d;
  return { date, logged_in_s, available_s, ringing_s, on_call_s, wrap_up_s, paused_s, paused_by_reason, pauses_by_reason };
}

export const REP_STATE_KEYS = ['date', 'rep', 'interface', 'logged_in_s', 'available_s', 'ringing_s', 'on_call_s', 'wrap_up_s', 'paused_s', 'paused_by_reason', 'pauses_by_reason'] as const;

/** A row with the contract's keys in the contract's order. */
export function repStateJson(r: RepStateRow): Record<string, unknown> {
  return Object.fromEntries(REP_STATE_KEYS.map((k) => [k, r[k]]));
}
