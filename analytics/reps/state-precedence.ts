/**
 * One rep's states laid over each other, by precedence: at any moment a logged-in rep is in exactly
 * one state, on_call > ringing > wrap_up > paused > available, so the states of a day add up to its
 * logged-in time. Pure: spans in, seconds per local day out (sql/rep-state-spans.sql gives the spans).
 *
 * - Only logged-in time counts: a call, ring or pause outside every log-in adds nothing (a static
 *   member, listed in queues.conf, never logs in and has no states here).
 * - Overlapping spans of one kind count once (two log-ins, two calls on two interfaces).
 * - Overlapping pauses: the one that started first gives the reason. A pause is counted once
 *   (`pauses_by_reason`), on the first day it holds the rep paused (not hidden by a call) at all.
 */
export const STATE_KINDS = ['on_call', 'ringing', 'wrap_up', 'paused'] as const;
export type ActivityKind = (typeof STATE_KINDS)[number];
export type SpanKind = ActivityKind | 'logged_in';

export interface StateSpan {
  kind: SpanKind;
  start_s: number;
  end_s: number;
  reason?: string | null;
  /** Identifies one pause (its line); pauses with the same id are the same break. */
  span_id?: string;
}

export interface DayBounds {
  date: string;
  start_s: number;
  end_s: number;
}

export interface DayStates {
  date: string;
  logged_in_s: number;
  available_s: number;
  ringing_s: number;
  on_call_s: number;
  wrap_up_s: number;
  paused_s: number;
  paused_by_reason: Record<string, number>;
  pauses_by_reason: Record<string, number>;
}

/** The reason key of a pause the PBX logged without one. */
export const NO_REASON = '(no reason)';

interface Edge {
  t: number;
  delta: 1 | -1;
  kind: SpanKind;
  pause?: number;
}

function emptyDay(date: string): DayStates {
  return { date, logged_in_s: 0, available_s: 0, ringing_s: 0, on_call_s: 0, wrap_up_s: 0, paused_s: 0, paused_by_reason: {}, pauses_by_reason: {} };
}

/** Seconds per state and day for one rep; days with no logged-in time are left out. */
export function statesByDay(spans: readonly StateSpan[], days: readonly DayBounds[]): DayStates[] {
  const pauses: Array<{ reason: string; start_s: number; id: string; counted: boolean }> = [];
  const pauseIndex = new Map<string, number>();
  const edges: Edge[] = [];
  for (const s of spans) {
    if (!(s.end_s > s.start_s)) continue;
    let pause: number | undefined;
    if (s.kind === 'paused') {
      const id = s.span_id ?? `${s.start_s}`;
      pause = pauseIndex.get(id);
      if (pause === undefined) {
        pause = pauses.push({ reason: s.reason?.trim() || NO_REASON, start_s: s.start_s, id, counted: false }) - 1;
        pauseIndex.set(id, pause);
      }
    }
    edges.push({ t: s.start_s, delta: 1, kind: s.kind, pause }, { t: s.end_s, delta: -1, kind: s.kind, pause });
  }
  for (const d of days) edges.push({ t: d.start_s, delta: 1, kind: 'logged_in', pause: -1 }, { t: d.end_s, delta: -1, kind: 'logged_in', pause: -1 });
  edges.sort((a, b) => a.t - b.t);

  const open: Record<SpanKind, number> = { logged_in: 0, on_call: 0, ringing: 0, wrap_up: 0, paused: 0 };
  const openPauses = new Map<number, number>();
  const out = days.map((d) => emptyDay(d.date));
  let dayIndex = -1;
  let prev = -Infinity;

  for (const e of edges) {
    if (e.t > prev && prev > -Infinity && dayIndex >= 0 && open.logged_in > 0) {
      const day = out[dayIndex];
      const secs = e.t - prev;
      day.logged_in_s += secs;
      if (open.on_call > 0) day.on_call_s += secs;
      else if (open.ringing > 0) day.ringing_s += secs;
      else if (open.wrap_up > 0) day.wrap_up_s += secs;
      else if (open.paused > 0) {
        const first = firstPause(openPauses, pauses);
        const p = pauses[first];
        day.paused_s += secs;
        day.paused_by_reason[p.reason] = (day.paused_by_reason[p.reason] ?? 0) + secs;
        if (!p.counted) {
          p.counted = true;
          day.pauses_by_reason[p.reason] = (day.pauses_by_reason[p.reason] ?? 0) + 1;
        }
      } else day.available_s += secs;
    }
    prev = e.t;
    if (e.pause === -1) {
      // A day bound: it opens (or closes) the day's window, it is not a log-in.
      if (e.delta === 1) dayIndex = days.findIndex((d) => d.start_s === e.t);
      else if (days[dayIndex]?.end_s === e.t) dayIndex = days.findIndex((d) => d.start_s === e.t);
      continue;
    }
    open[e.kind] += e.delta;
    if (e.pause !== undefined) {
      // Only the pauses open now stay in the map (firstPause looks through all of it).
      const n = (openPauses.get(e.pause) ?? 0) + e.delta;
      if (n === 0) openPauses.delete(e.pause);
      else openPauses.set(e.pause, n);
    }
  }
  return out.filter((d) => d.logged_in_s > 0);
}

function firstPause(openPauses: Map<number, number>, pauses: ReadonlyArray<{ start_s: number }>): number {
  let best = -1;
  for (const [i, n] of openPauses) if (n > 0 && (best < 0 || pauses[i].start_s < pauses[best].start_s)) best = i;
  return best;
}
