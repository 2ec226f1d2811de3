/**
 * Alert episodes of one queue over one stretch of a day, worked out from what was loaded (pure):
 * callers waiting over time (each visit's enter and leave instants), the queue's reps available over
 * time (alert-availability.ts) and the day's service level as it moved (each visit counts from the
 * instant it closed). So the alert log exists for imported history and whether or not anyone watched
 * /live, and the live floor's firing alerts are simply the episodes still open at `now`.
 *
 * A sweep over the exact instants where something changes (enters, leaves, enter + N, availability
 * starts and ends, closes): between two of them every figure is constant, so an episode starts and
 * ends exactly where its condition turns true and false, to the second the data carries.
 *   longest_wait N      some caller waiting has waited over N s: true on [enter + N, leave) of each visit
 *   waiting N           more than N callers waiting
 *   nobody_available N  callers waiting and nobody of the queue available, for over N s: a stretch
 *                       [a, b) of that fires on [a + N, b) when b − a > N
 *   service_level T     at least MIN_SL_CALLS calls count today and answered within / counted < T
 * `peak` is the worst value reached while it fired: the longest wait (s), the most callers waiting,
 * the most callers waiting with nobody available, the lowest service level (a fraction).
 * An episode still true at the end of an open window (now) has `to_s` null: it is firing.
 */
import { MIN_SL_CALLS, type AlertKind, type QueueRule } from './alert-rules.ts';

export interface Interval {
  start_s: number;
  end_s: number;
}

export interface WaitVisit {
  enter_s: number;
  /** The answer or the end; null while the caller is still waiting. */
  leave_s: number | null;
}

export interface SlCall {
  /** When the visit counts in the day's figures (its end). */
  closed_s: number;
  /** 1 when answered within the queue's threshold (numerator). */
  within: number;
  /** 1 when in the queue's service-level denominator. */
  counted: number;
}

export interface QueueDay {
  queue: string;
  visits: readonly WaitVisit[];
  /** One interval per rep per stretch available in this queue (they may overlap: one per rep). */
  available: readonly Interval[];
  sl: readonly SlCall[];
}

export interface SweepWindow {
  start_s: number;
  end_s: number;
  /** The end is now (today): an episode true at the end is still firing. */
  open: boolean;
  /** A visit with no leave is waiting at most this long (the live floor's: longer is a lost end). */
  max_wait_s: number;
}

export interface AlertEpisode {
  queue: string;
  kind: AlertKind;
  threshold: number;
  from_s: number;
  /** null: still firing at the window's (open) end. */
  to_s: number | null;
  peak: number;
}

interface Edge {
  t: number;
  d: readonly number[];
}

interface Segment {
  start_s: number;
  end_s: number;
  v: number[];
}

/**
 * Constant stretches of `dims` running sums over [start, end): edges before start count from the
 * start, edges at or after end are not reached. Edges at one instant are applied together.
 */
export function sweep(edges: readonly Edge[], dims: number, start: number, end: number): Segment[] {
  const sorted = [...edges].sort((a, b) => a.t - b.t);
  const v = new Array<number>(dims).fill(0);
  const out: Segment[] = [];
  let i = 0;
  const apply = (e: Edge) => e.d.forEach((d, k) => (v[k] += d));
  while (i < sorted.length && sorted[i].t <= start) apply(sorted[i++]);
  let t = start;
  while (t < end) {
    const next = i < sorted.length ? Math.min(sorted[i].t, end) : end;
    if (next > t) out.push({ start_s: t, end_s: next, v: [...v] });
    t = next;
    while (i < sorted.length && sorted[i].t <= t) apply(sorted[i++]);
  }
  return out;
}

/** Maximal stretches where `holds`, with the segments in each. */
function stretches(segments: readonly Segment[], holds: (v: number[]) => boolean): Segment[][] {
  const out: Segment[][] = [];
  let run: Segment[] | null = null;
  for (const s of segments) {
    if (!holds(s.v)) {
      run = null;
      continue;
    }
    const last = run?.[run.length - 1];
    if (run && last && last.end_s === s.start_s) run.push(s);
    else out.push((run = [s]));
  }
  return out;
}

const spans = (list: readonly Interval[], d = 1): Edge[] =>
  list.filter((i) => i.end_s > i.start_s).flatMap((i) => [{ t: i.start_s, d: [d] }, { t: i.end_s, d: [-d] }]);

/** Each visit's waiting as an interval: to its leave, else (still waiting) up to max_wait_s. */
export function waits(visits: readonly WaitVisit[], w: SweepWindow): Interval[] {
  return visits
    .filter((v) => v.enter_s < w.end_s)
    .map((v) => ({ start_s: v.enter_s, end_s: v.leave_s ?? v.enter_s + w.max_wait_s }))
    .filter((i) => i.end_s > i.start_s && i.end_s > w.start_s);
}

export function alertEpisodes(day: QueueDay, rules: readonly QueueRule[], w: SweepWindow): AlertEpisode[] {
  const waiting = waits(day.visits, w);
  const out: AlertEpisode[] = [];
  const episode = (rule: QueueRule, from: number, to: number, peak: number) =>
    out.push({ queue: day.queue, kind: rule.kind, threshold: rule.threshold, from_s: from, to_s: w.open && to >= w.end_s ? null : to, peak });
  const ends = (run: Segment[]) => ({ from: run[0].start_s, to: run[run.length - 1].end_s });

  for (const rule of rules.filter((r) => r.queue === day.queue)) {
    const n = rule.threshold;
    if (rule.kind === 'longest_wait') {
      const over = waiting.map((i) => ({ ...i, start_s: i.start_s + n })).filter((i) => i.end_s > i.start_s);
      for (const run of stretches(sweep(spans(over), 1, w.start_s, w.end_s), (v) => v[0] > 0)) {
        const { from, to } = ends(run);
        const inside = over.filter((i) => i.start_s < to && i.end_s > from);
        episode(rule, from, to, Math.max(...inside.map((i) => Math.min(i.end_s, w.end_s) - (i.start_s - n))));
      }
    } else if (rule.kind === 'waiting') {
      for (const run of stretches(sweep(spans(waiting), 1, w.start_s, w.end_s), (v) => v[0] > n)) {
        const { from, to } = ends(run);
        episode(rule, from, to, Math.max(...run.map((s) => s.v[0])));
      }
    } else if (rule.kind === 'nobody_available') {
      const edges = [...spans(waiting), ...spans(day.available).map((e) => ({ t: e.t, d: [0, e.d[0]] }))];
      for (const run of stretches(sweep(edges, 2, w.start_s, w.end_s), (v) => v[0] > 0 && v[1] <= 0)) {
        const { from, to } = ends(run);
        if (to - from <= n) continue;
        const firing = run.filter((s) => s.end_s > from + n);
        episode(rule, from + n, to, Math.max(...firing.map((s) => s.v[0])));
      }
    } else {
      const edges = day.sl.map((c) => ({ t: c.closed_s, d: [c.within, c.counted] }));
      const under = (v: number[]) => v[1] >= MIN_SL_CALLS && v[0] / v[1] < n;
      for (const run of stretches(sweep(edges, 2, w.start_s, w.end_s), under)) {
        const { from, to } = ends(run);
        episode(rule, from, to, Math.min(...run.map((s) => s.v[0] / s.v[1])));
      }
    }
  }
  return out.sort((a, b) => a.from_s - b.from_s || a.kind.localeCompare(b.kind));
}
