/**
 * The days that are not normal days, learnt from the history (pure), for the plan's weekly forecast:
 *
 * - closures: the planned closed days (center-wide special days) and, in the history, days of a
 *   weekday the center answers on which no call came in (a holiday nobody entered);
 * - the first open day after a closure (callers who found the center closed call then): its factor
 *   is learnt from every such day of the history as Σ calls / Σ the day's expected normal calls;
 * - planned events (center-wide special days of kind 'special', such as bill mail-outs): a name with
 *   at least MIN_EVENT_DAYS past days gets its factor learnt the same way; otherwise the factor the
 *   scheduler entered is used as given.
 * A day's expected normal calls are its week's normal-equivalent volume (from that week's normal days)
 * times the weekday's share; a week with too few normal days borrows the nearest such week's within
 * REFERENCE_WEEKS (the season moves slowly).
 */
import { addDays, isoWeekday, mondayOf } from '../roster/schedule-model.ts';
import type { SpecialDay } from '../forecast/forecast-model.ts';

/** A planned event's factor is learnt once the history holds this many days of its name. */
export const MIN_EVENT_DAYS = 3;
const REFERENCE_WEEKS = 3;
/** A week's own normal days must hold this share of the week to be a day's reference. */
const MIN_REFERENCE_SHARE = 0.3;

export interface LearntFactor {
  factor: number;
  /** Past days it was learnt from (0: not learnt, the entered factor or 1). */
  days: number;
}

export interface DayFactors {
  closed: (date: string) => boolean;
  /** The first day the center answers after one or more closed days. */
  afterClosure: (date: string) => boolean;
  after: LearntFactor;
  /** By planned event name. */
  events: Map<string, LearntFactor>;
  /** The day's factor on its weekday's normal volume: 0 closed, events and after-closure applied. */
  factorOf: (date: string) => number;
  /** Whether the day is a normal day (no planned event, not after a closure). */
  normal: (date: string) => boolean;
  /** A history day's factor when it is learnt (normal days 1), else null: how to count it as normal. */
  knownFactorOf: (date: string) => number | null;
}

interface Input {
  calls: ReadonlyMap<string, number>;
  /** Center-wide special days, past and future. */
  specials: ReadonlyMap<string, SpecialDay>;
  /** Weekday shares (index 0 = Monday); 0 = a weekday the center does not answer. */
  shares: readonly number[];
  /** Dates before this are history. */
  trainEnd: string;
  firstDate: string | null;
}

export function learnDayFactors(input: Input): DayFactors {
  const { calls, specials, shares, trainEnd, firstDate } = input;
  const answers = (d: string) => shares[isoWeekday(d) - 1] > 0;
  const closed = (d: string) => {
    const s = specials.get(d);
    if (s) return s.kind === 'closed';
    return firstDate !== null && d >= firstDate && d < trainEnd && answers(d) && (calls.get(d) ?? 0) === 0;
  };
  const afterClosure = (d: string) => {
    if (!answers(d) || closed(d)) return false;
    for (let k = addDays(d, -1), i = 0; i < 7; k = addDays(k, -1), i++) {
      if (closed(k)) return true;
      if (answers(k)) return false;
    }
    return false;
  };
  const eventName = (d: string) => {
    const s = specials.get(d);
    return s && s.kind === 'special' ? s.name : null;
  };
  const normal = (d: string) => answers(d) && !closed(d) && eventName(d) === null && !afterClosure(d);

  // Each history week's normal-equivalent volume from its own normal days.
  const weekNormal = new Map<string, number>();
  if (firstDate !== null) {
    for (let monday = mondayOf(firstDate); monday < trainEnd; monday = addDays(monday, 7)) {
      let sum = 0, share = 0;
      for (let i = 0; i < 7; i++) {
        const d = addDays(monday, i);
        if (d < firstDate || d >= trainEnd || !normal(d) || !(calls.get(d) ?? 0)) continue;
        sum += calls.get(d)!;
        share += shares[i];
      }
      if (share >= MIN_REFERENCE_SHARE) weekNormal.set(monday, sum / share);
    }
  }
  const reference = (d: string): number | null => {
    const monday = mondayOf(d);
    for (let k = 0; k <= REFERENCE_WEEKS; k++) {
      const near = [addDays(monday, -7 * k), addDays(monday, 7 * k)].map((m) => weekNormal.get(m)).filter((x) => x !== undefined);
      if (near.length) return (near.reduce((s, x) => s + x, 0) / near.length) * shares[isoWeekday(d) - 1];
    }
    return null;
  };

  const after = { calls: 0, expected: 0, days: 0 };
  const byName = new Map<string, { calls: number; expected: number; days: number }>();
  for (const [d, c] of calls) {
    if (d >= trainEnd || c === 0 || closed(d)) continue;
    const name = eventName(d);
    const isAfter = afterClosure(d);
    if (name === null && !isAfter) continue;
    const ref = reference(d);
    if (ref === null || ref <= 0) continue;
    // A day both after a closure and an event teaches neither alone.
    if (name !== null && isAfter) continue;
    const acc = name === null ? after : byName.get(name) ?? { calls: 0, expected: 0, days: 0 };
    acc.calls += c;
    acc.expected += ref;
    acc.days += 1;
    if (name !== null) byName.set(name, acc);
  }
  const afterFactor: LearntFactor = after.days > 0 ? { factor: after.calls / after.expected, days: after.days } : { factor: 1, days: 0 };
  const events = new Map<string, LearntFactor>();
  for (const [name, acc] of byName) if (acc.days >= MIN_EVENT_DAYS) events.set(name, { factor: acc.calls / acc.expected, days: acc.days });

  const factorOf = (d: string) => {
    if (!answers(d) || closed(d)) return 0;
    const s = specials.get(d);
    const event = s && s.kind === 'special' ? events.get(s.name)?.factor ?? s.volume_factor : 1;
    return event * (afterClosure(d) ? afterFactor.factor : 1);
  };
  const knownFactorOf = (d: string) => {
    if (normal(d)) return 1;
    if (!answers(d) || closed(d)) return null;
    const name = eventName(d);
    const event = name === null ? 1 : events.get(name)?.factor;
    if (event === undefined) return null;
    if (afterClosure(d)) return afterFactor.days > 0 ? event * afterFactor.factor : null;
    return event;
  };
  return { closed, afterClosure, after: afterFactor, events, factorOf, normal, knownFactorOf };
}

/**
 * How much whole days swing beyond Poisson on the history (the lognormal σ of a day's volume), for the
 * floor with day noise: each normal day against its week's other normal days (e = its share × their calls
 * over their shares), over weeks with at least 3 normal days. With k = its share over theirs, a day's
 * squared miss z² is about σ²e²(1 + k) + e(1 + k) (its swing and Poisson count, and theirs scaled), so
 * σ² ≈ Σ (z² / (1 + k) − e) / Σ e², floored at 0 (big days weigh most: a small day's miss is mostly Poisson). Weekday patterns that drift with
 * the season count as swing too: what the weekly model does not explain. Null with fewer than 20 days.
 */
export function daySwing(days: ReadonlyArray<{ date: string; calls: number }>, normal: (date: string) => boolean, shares: readonly number[]): number | null {
  const byWeek = new Map<string, Array<{ calls: number; share: number }>>();
  for (const d of days) {
    const share = shares[isoWeekday(d.date) - 1];
    if (d.calls <= 0 || share <= 0 || !normal(d.date)) continue;
    const monday = mondayOf(d.date);
    byWeek.set(monday, [...(byWeek.get(monday) ?? []), { calls: d.calls, share }]);
  }
  let excess = 0, weight = 0, n = 0;
  for (const week of byWeek.values()) {
    if (week.length < 3) continue;
    const calls = week.reduce((s, d) => s + d.calls, 0);
    const share = week.reduce((s, d) => s + d.share, 0);
    for (const d of week) {
      const others = share - d.share;
      const e = (d.share * (calls - d.calls)) / others;
      const k = d.share / others;
      excess += (d.calls - e) ** 2 / (1 + k) - e;
      weight += e * e;
      n += 1;
    }
  }
  return n >= 20 && weight > 0 ? Math.sqrt(Math.max(0, excess / weight)) : null;
}
