/**
 * Erlang applied to a plan, interval by interval (pure): the staff a forecast needs for a target,
 * and the service a given number of reps would deliver (projected service level, abandons).
 *
 * - Required: agentsNeeded (./erlang.ts) under Erlang A when the target says so and the queue's
 *   patience is known, else Erlang C; both are reported. `required` is the agents on the phones
 *   divided by (1 − shrinkage), rounded up: the reps to schedule (breaks are taken out of the
 *   schedule itself, so shrinkage is only the time off the phones a schedule does not show).
 * - Projected: the reps a schedule puts on the phones, times (1 − shrinkage), is a fractional
 *   number (a rep on a break for half the interval counts half); the figures are interpolated
 *   linearly between the whole numbers of agents below and above. Under Erlang A the service level
 *   is the share of ALL arrivals answered within the threshold (abandons are misses) and lost calls
 *   are calls × P(abandon); under Erlang C (no patience known) lost calls are not projected.
 * - Guarded: a handle time or patience that is not finite or past a day, or a load Erlang cannot
 *   staff, gives null figures for that interval, never an exception (plausible.ts).
 */
import { agentsNeeded, erlangA, erlangC } from './erlang.ts';
import { MAX_CALL_DURATION_S, plausible } from '../plausible.ts';

/**
 * A figure of Erlang's, or null when its inputs are past what the model can answer (an absurd
 * handle time or patience, a load beyond any staffing): the interval then has no figure ("not
 * enough data"), and the page still answers.
 */
function orNull<T>(f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}
import type { StaffingTarget } from './coverage-targets.ts';

export interface LoadInterval {
  period_start: string;
  date: string;
  minute: number;
  calls: number;
  aht_s: number | null;
}

export interface RequiredInterval extends LoadInterval {
  model: 'erlang-a' | 'erlang-c';
  /** Agents on the phones needed under Erlang C (null without a handle time). */
  erlang_c: number | null;
  /** Under Erlang A (null without patience or handle time). */
  erlang_a: number | null;
  /** Agents on the phones by the target's model. */
  agents: number | null;
  /** Reps to schedule: agents / (1 − shrinkage), rounded up. */
  required: number | null;
}

export interface Projection {
  /** Share of calls answered within the threshold (Erlang A: of all arrivals). */
  service_level: number | null;
  /** Expected callers who hang up before an answer (Erlang A only). */
  lost_calls: number | null;
  asa_s: number | null;
}

/** Which model a target uses with the patience at hand. */
export function modelFor(target: StaffingTarget, patienceS: number | null): 'erlang-a' | 'erlang-c' {
  return target.model === 'erlang-a' && patienceS !== null ? 'erlang-a' : 'erlang-c';
}

/**
 * Erlang answers already worked out, per staffing context (target, patience, interval length) and
 * then per interval's calls and handle time on their grids: a week, a plan's 52 weeks and their
 * what-ifs ask the same questions again and again (a year without a season is one week 52 times).
 * Bounded: dropped whole past MEMO_LIMIT answers. Keys are numbers (the grid's whole hundredths of a
 * call and tenths of a second; a weekday and minute), not strings: a plan asks some 90,000 intervals,
 * nearly all of them answered here, and building and hashing a string for each was most of its time.
 */
type Hit = { c: number | null; a: number | null };
const memo = new Map<string, Map<number | string, Hit>>();
/** Per staffing context, the last answer at each weekday and time of day: where the next like interval's search starts. */
const lastAtSlot = new Map<string, Map<number, Hit>>();
let memoSize = 0;
const MEMO_LIMIT = 200_000;

/** One target's staffing of intervals: the memo of its context, and the answer for an interval. */
interface Staffing {
  model: 'erlang-a' | 'erlang-c';
  patienceS: number | null;
  /** Erlang's agents for an interval; 'none': no figure (no handle time, not finite); 'zero': no calls. */
  hit(row: LoadInterval): Hit | 'none' | 'zero';
  /** The agents of the model in use. */
  agents(hit: Hit): number | null;
  /** Reps to schedule for an interval's agents. */
  reps(agents: number | null): number | null;
}

function staffing(target: StaffingTarget, patienceIn: number | null, intervalMinutes: number): Staffing {
  const patienceS = plausible(patienceIn, Number.MIN_VALUE, MAX_CALL_DURATION_S);
  const model = modelFor(target, patienceS);
  const context = [target.sl_target, target.sl_threshold_s, target.max_occupancy, target.asa_target_s, patienceS, intervalMinutes].join('|');
  if (memoSize > MEMO_LIMIT) {
    memo.clear();
    lastAtSlot.clear();
    memoSize = 0;
  }
  const cache = memo.get(context) ?? new Map<number | string, Hit>();
  memo.set(context, cache);
  const slots = lastAtSlot.get(context) ?? new Map<number, Hit>();
  lastAtSlot.set(context, slots);
  const weekdays = new Map<string, number>(); // (the rows' few hundred dates, each parsed once)
  return {
    model,
    patienceS,
    hit(row) {
      if (!Number.isFinite(row.calls)) return 'none';
      if (row.calls <= 0) return 'zero';
      const ahtIn = plausible(row.aht_s, Number.MIN_VALUE, MAX_CALL_DURATION_S);
      if (ahtIn === null) return 'none';
      // Forecasts are fractional; staffing is a step function of them, so a 0.01-call and 0.1-second
      // grid loses nothing (and makes the same question the same key).
      const hundredths = Math.round(row.calls * 100);
      const tenths = Math.max(Math.round(ahtIn * 10), 1);
      const calls = hundredths / 100;
      const aht = tenths / 10;
      // (a day's handle time is at most 864,000 tenths; past 10^9 hundredths of a call the number would not be exact)
      const key = hundredths < 1e9 ? hundredths * 1e6 + tenths : `${calls}|${aht}`;
      const at = slot(row, weekdays);
      let hit = cache.get(key);
      if (!hit) {
        const base = {
          callsPerPeriod: calls, periodS: intervalMinutes * 60, ahtS: aht, slTarget: target.sl_target, slThresholdS: target.sl_threshold_s,
          maxOccupancy: target.max_occupancy, asaTargetS: target.asa_target_s ?? undefined
        };
        // A plan's weeks scale one pattern, so the same weekday and time a week before needed about as
        // many agents: the search starts there (the same answer from any start, in fewer steps).
        const like = slots.get(at);
        hit = {
          c: orNull(() => agentsNeeded({ ...base, searchFrom: like?.c ?? undefined }).agents),
          a: patienceS === null ? null : orNull(() => agentsNeeded({ ...base, patienceS, searchFrom: like?.a ?? undefined }).agents)
        };
        cache.set(key, hit);
        memoSize++;
      }
      slots.set(at, hit);
      return hit;
    },
    agents: (hit) => (model === 'erlang-a' ? hit.a : hit.c),
    reps: (agents) => (agents === null ? null : Math.ceil(agents / (1 - target.shrinkage) - 1e-9))
  };
}

/** Staff required per interval of `intervalMinutes` for one target. */
export function requiredStaff(rows: readonly LoadInterval[], target: StaffingTarget, patienceIn: number | null, intervalMinutes: number): RequiredInterval[] {
  const s = staffing(target, patienceIn, intervalMinutes);
  const model = s.model;
  return rows.map((row) => {
    const hit = s.hit(row);
    if (hit === 'none') return { ...row, model, erlang_c: null, erlang_a: null, agents: null, required: null };
    if (hit === 'zero') return { ...row, model, erlang_c: 0, erlang_a: s.patienceS === null ? null : 0, agents: 0, required: 0 };
    const agents = s.agents(hit);
    return { ...row, model, erlang_c: hit.c, erlang_a: hit.a, agents, required: s.reps(agents) };
  });
}

/**
 * requiredStaff's reps summed over the intervals, and the intervals it gives no figure (required
 * null): the same answers, without an interval row made for each (a plan asks a week 52 times per
 * what-if and keeps only these two numbers).
 */
export function requiredTotal(rows: readonly LoadInterval[], target: StaffingTarget, patienceIn: number | null, intervalMinutes: number): { reps: number; unstaffed: number } {
  const s = staffing(target, patienceIn, intervalMinutes);
  let reps = 0;
  let unstaffed = 0;
  for (const row of rows) {
    const hit = s.hit(row);
    if (hit === 'zero') continue;
    const required = hit === 'none' ? null : s.reps(s.agents(hit));
    if (required === null) unstaffed += 1;
    else reps += required;
  }
  return { reps, unstaffed };
}

/** An interval's weekday and time of day as one number ('YYYY-MM-DD' dates: the weekday from the date's own calendar; `weekdays` keeps each date's). */
function slot(row: LoadInterval, weekdays: Map<string, number>): number {
  let day = weekdays.get(row.date);
  if (day === undefined) {
    day = new Date(`${row.date}T00:00:00Z`).getUTCDay();
    weekdays.set(row.date, day);
  }
  return day * 1440 + row.minute;
}

/** The service `staff` reps on the phones (fractional) would give one interval. */
export function projectInterval(
  row: Pick<LoadInterval, 'calls' | 'aht_s'>,
  staff: number,
  target: StaffingTarget,
  patienceIn: number | null,
  intervalMinutes: number
): Projection {
  const none = { service_level: null, lost_calls: null, asa_s: null };
  if (!Number.isFinite(row.calls) || !Number.isFinite(staff)) return none;
  if (row.calls <= 0) return { ...none, lost_calls: 0 };
  if (plausible(row.aht_s, Number.MIN_VALUE, MAX_CALL_DURATION_S) === null) return none;
  const patienceS = plausible(patienceIn, Number.MIN_VALUE, MAX_CALL_DURATION_S);
  return orNull(() => project(row as { calls: number; aht_s: number }, staff, target, patienceS, intervalMinutes)) ?? none;
}

function project(row: { calls: number; aht_s: number }, staff: number, target: StaffingTarget, patienceS: number | null, intervalMinutes: number): Projection {
  const onPhones = Math.max(0, staff * (1 - target.shrinkage));
  const lo = Math.floor(onPhones + 1e-9);
  const frac = Math.max(0, onPhones - lo);
  const base = { callsPerPeriod: row.calls, periodS: intervalMinutes * 60, ahtS: row.aht_s, slThresholdS: target.sl_threshold_s };
  const at = (agents: number) => {
    if (modelFor(target, patienceS) === 'erlang-a') {
      const r = erlangA({ ...base, agents, patienceS: patienceS! });
      return { sl: r.serviceLevel ?? 0, lost: (r.pAbandon ?? 0) * row.calls, asa: r.asaS };
    }
    const r = erlangC({ ...base, agents });
    return { sl: r.serviceLevel ?? 0, lost: null, asa: r.asaS === null || !Number.isFinite(r.asaS) ? null : r.asaS };
  };
  const a = at(lo);
  if (frac < 1e-9) return { service_level: a.sl, lost_calls: a.lost, asa_s: a.asa };
  const b = at(lo + 1);
  const mix = (x: number | null, y: number | null) => (x === null || y === null ? null : x * (1 - frac) + y * frac);
  return { service_level: mix(a.sl, b.sl), lost_calls: mix(a.lost, b.lost), asa_s: mix(a.asa, b.asa) };
}

/** Call-weighted service level and summed lost calls of many intervals. */
export function summarise(rows: ReadonlyArray<{ calls: number } & Pick<Projection, 'service_level' | 'lost_calls'>>): Projection & { calls: number } {
  let calls = 0, slCalls = 0, slWeighted = 0, lost = 0, lostKnown = true;
  for (const r of rows) {
    calls += r.calls;
    if (r.service_level !== null && r.calls > 0) {
      slCalls += r.calls;
      slWeighted += r.service_level * r.calls;
    }
    if (r.lost_calls === null) {
      if (r.calls > 0) lostKnown = false;
    } else lost += r.lost_calls;
  }
  return { calls, service_level: slCalls > 0 ? slWeighted / slCalls : null, lost_calls: lostKnown ? lost : null, asa_s: null };
}
