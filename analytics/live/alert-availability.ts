/**
 * When each rep was available to take a queue's calls, from the spans of sql/rep-state-spans.sql
 * (pure): logged in to that queue and not on a call, ringing, in wrap-up or paused, in any queue.
 * The same reading as the live floor's rep row (analytics/reps/live-rep-state.ts), laid over time:
 * a span still open (a log-in or pause with no end yet, a call in talk) runs to `openEnd` (now, or the
 * day's end). The alert sweep counts these intervals per queue ("nobody available").
 */
import type { LiveSpan } from '../reps/live-rep-state.ts';
import type { Interval } from './alert-sweep.ts';

/** The union of intervals, sorted, touching ones joined. */
export function union(list: readonly Interval[]): Interval[] {
  const sorted = list.filter((i) => i.end_s > i.start_s).sort((a, b) => a.start_s - b.start_s);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start_s <= last.end_s) last.end_s = Math.max(last.end_s, i.end_s);
    else out.push({ ...i });
  }
  return out;
}

/** `from` less every interval of `cut` (both unions). */
export function minus(from: readonly Interval[], cut: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const f of union(from)) {
    let start = f.start_s;
    for (const c of union(cut)) {
      if (c.end_s <= start || c.start_s >= f.end_s) continue;
      if (c.start_s > start) out.push({ start_s: start, end_s: c.start_s });
      start = Math.max(start, c.end_s);
    }
    if (start < f.end_s) out.push({ start_s: start, end_s: f.end_s });
  }
  return out;
}

export interface RepSpan extends LiveSpan {
  rep_id: string;
}

/** Per queue, one interval per rep per stretch they were available in it. */
export function availableByQueue(spans: readonly RepSpan[], openEnd: number): Map<string, Interval[]> {
  const byRep = new Map<string, RepSpan[]>();
  for (const s of spans) byRep.set(s.rep_id, [...(byRep.get(s.rep_id) ?? []), s]);
  const out = new Map<string, Interval[]>();
  for (const list of byRep.values()) {
    const interval = (s: RepSpan): Interval => ({ start_s: s.start_s, end_s: s.open ? Math.max(s.end_s, openEnd) : s.end_s });
    const busy = list.filter((s) => s.kind !== 'logged_in').map(interval);
    const queues = new Set(list.filter((s) => s.kind === 'logged_in' && s.queue && s.queue !== 'NONE').map((s) => s.queue as string));
    for (const queue of queues) {
      const logins = list.filter((s) => s.kind === 'logged_in' && s.queue === queue).map(interval);
      out.set(queue, [...(out.get(queue) ?? []), ...minus(logins, busy)]);
    }
  }
  return out;
}
