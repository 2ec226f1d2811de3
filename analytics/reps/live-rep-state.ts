/**
 * What one rep is doing at an instant, from the spans of sql/rep-state-spans.sql: the live floor's
 * rep row. Pure. The same precedence as the states over time (state-precedence.ts): on_call >
 * ringing > wrap_up > paused > available, inside a log-in; else logged_out.
 * A span is under way at `at` when it started by then and ends after it, or is still open (a log-in
 * or pause with no off event in the file being written, a call in talk). Asterisk writes a ring only
 * once it ends (RINGNOANSWER), so `ringing` is seen live only while a CONNECT's ring is replayed.
 */
import type { StateSpan } from './state-precedence.ts';

export const LIVE_STATES = ['logged_out', 'available', 'ringing', 'on_call', 'wrap_up', 'paused'] as const;
export type LiveState = (typeof LIVE_STATES)[number];

export interface LiveSpan extends StateSpan {
  queue: string | null;
  open: boolean;
}

export interface RepNow {
  state: LiveState;
  /** The pause reason while paused (null when the PBX logged none), else null. */
  reason: string | null;
  /** Since when (epoch seconds) the rep has been in this state; null when never seen logged in. */
  since_s: number | null;
  /** The queues the rep is logged in to now. */
  queues: string[];
}

const ORDER = ['on_call', 'ringing', 'wrap_up', 'paused'] as const;

export function repStateAt(spans: readonly LiveSpan[], at: number): RepNow {
  const under = spans.filter((s) => s.start_s <= at && (s.open || s.end_s > at));
  const logins = under.filter((s) => s.kind === 'logged_in');
  if (logins.length === 0) {
    const ends = spans.filter((s) => s.kind === 'logged_in' && !s.open && s.end_s <= at).map((s) => s.end_s);
    return { state: 'logged_out', reason: null, since_s: ends.length ? Math.max(...ends) : null, queues: [] };
  }
  const queues = [...new Set(logins.map((s) => s.queue).filter((q): q is string => !!q && q !== 'NONE'))].sort();
  for (const kind of ORDER) {
    const now = under.filter((s) => s.kind === kind).sort((a, b) => a.start_s - b.start_s);
    if (now.length === 0) continue;
    const reason = kind === 'paused' ? now[0].reason?.trim() || null : null;
    return { state: kind, reason, since_s: now[0].start_s, queues };
  }
  const loginStart = Math.min(...logins.map((s) => s.start_s));
  const lastBusy = spans.filter((s) => s.kind !== 'logged_in' && !s.open && s.end_s <= at).map((s) => s.end_s);
  return { state: 'available', reason: null, since_s: Math.max(loginStart, ...lastBusy), queues };
}
