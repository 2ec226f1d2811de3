/**
 * A simple greedy roster, the yardstick the optimiser is measured against (and its starting
 * point). Round after round it adds the one shift, of any rep on any day, that lowers the weighted
 * under/over-coverage most, its breaks put where coverage is most ahead of the requirement; it stops
 * when no shift helps, then tops up every rep still below their contracted hours with the least
 * harmful shifts. It keeps every rule the optimiser keeps. Pure.
 */
import { SLOT_MINUTES, SLOTS_PER_DAY, type PlacedBreak, type Shift } from './schedule-model.ts';
import {
  buildCandidates,
  greedyBreaks,
  restOk,
  scoreRoster,
  shiftOf,
  type Candidates,
  type RosterProblem,
  type RosterScore
} from './roster-optimiser-model.ts';

export interface RosterResult {
  method: 'greedy' | 'optimised';
  /** optimal | time limit | feasible | infeasible | ... (greedy: heuristic). */
  status: string;
  solve_s: number;
  /** Relative MIP gap at the end (optimised only). */
  mip_gap: number | null;
  shifts: Shift[];
  score: RosterScore;
  warnings: string[];
}

const SLOT_HOURS = SLOT_MINUTES / 60;

export function greedyRoster(problem: RosterProblem, cands: Candidates = buildCandidates(problem)): RosterResult {
  const t0 = performance.now();
  const { list, types, byRepDay, bounds } = cands;
  const { under: wu, over: wo } = problem.weights;
  const cover = problem.dates.map(() => new Float64Array(SLOTS_PER_DAY));
  const chosen = problem.reps.map(() => problem.dates.map(() => null as null | { c: number; breaks: PlacedBreak[] }));
  const paid = problem.reps.map(() => 0);
  const days = problem.reps.map(() => 0);
  const cache = new Map<number, { delta: number; breaks: PlacedBreak[] }>();

  const cost = (req: number, v: number) => (v < req ? wu * (req - v) : wo * (v - req));

  const evaluate = (ci: number) => {
    let hit = cache.get(ci);
    if (hit) return hit;
    const c = list[ci];
    const type = types[c.type];
    const req = problem.required[c.day];
    const cov = cover[c.day];
    const breaks = greedyBreaks(type, cov, req);
    const add = new Float64Array(SLOTS_PER_DAY);
    for (let m = c.start; m < c.end; m += SLOT_MINUTES) add[m / SLOT_MINUTES] += 1;
    for (const b of breaks) for (let m = b.start_minute; m < b.start_minute + b.minutes; m += SLOT_MINUTES) add[m / SLOT_MINUTES] -= 1;
    let delta = 0;
    for (let i = c.start / SLOT_MINUTES; i < c.end / SLOT_MINUTES; i++) delta += (cost(req[i], cov[i] + add[i]) - cost(req[i], cov[i])) * SLOT_HOURS;
    hit = { delta, breaks };
    cache.set(ci, hit);
    return hit;
  };

  const feasible = (ci: number) => {
    const c = list[ci];
    const rep = problem.reps[c.rep];
    if (chosen[c.rep][c.day] || days[c.rep] >= rep.max_days || paid[c.rep] + c.paid > bounds[c.rep].max) return false;
    const before = c.day > 0 ? chosen[c.rep][c.day - 1] : null;
    const after = c.day < problem.dates.length - 1 ? chosen[c.rep][c.day + 1] : null;
    if (before && !restOk(rep, list[before.c].end, c.start)) return false;
    if (after && !restOk(rep, c.end, list[after.c].start)) return false;
    return true;
  };

  const assign = (ci: number) => {
    const c = list[ci];
    const { breaks } = evaluate(ci);
    chosen[c.rep][c.day] = { c: ci, breaks };
    paid[c.rep] += c.paid;
    days[c.rep] += 1;
    for (let m = c.start; m < c.end; m += SLOT_MINUTES) cover[c.day][m / SLOT_MINUTES] += 1;
    for (const b of breaks) for (let m = b.start_minute; m < b.start_minute + b.minutes; m += SLOT_MINUTES) cover[c.day][m / SLOT_MINUTES] -= 1;
    // Coverage of that day changed: every candidate on it needs a new look.
    for (const ids of byRepDay) for (const i of ids[c.day]) cache.delete(i);
  };

  const bestOf = (ids: Iterable<number>): { ci: number; delta: number } | null => {
    let best: { ci: number; delta: number } | null = null;
    for (const ci of ids) {
      if (!feasible(ci)) continue;
      const { delta } = evaluate(ci);
      if (!best || delta < best.delta - 1e-12) best = { ci, delta };
    }
    return best;
  };

  // 1. Add the most helpful shift while one helps.
  const all = list.map((_, i) => i);
  for (;;) {
    const best = bestOf(all);
    if (!best || best.delta >= -1e-9) break;
    assign(best.ci);
  }
  // 2. Bring every rep up to the bottom of their contract band, the least harmful shift first.
  const warnings = [...cands.warnings];
  const order = problem.reps.map((_, r) => r).sort((a, b) => bounds[b].min - paid[b] - (bounds[a].min - paid[a]));
  for (const r of order) {
    while (paid[r] < bounds[r].min) {
      const best = bestOf(byRepDay[r].flat());
      if (!best) {
        warnings.push(`${problem.reps[r].name ?? problem.reps[r].rep_id}: the greedy roster reached only ${(paid[r] / 60).toFixed(1)} of ${(bounds[r].min / 60).toFixed(1)} contracted hours`);
        break;
      }
      assign(best.ci);
    }
  }
  const shifts: Shift[] = [];
  chosen.forEach((repDays) => repDays.forEach((x) => x && shifts.push(shiftOf(problem, types, list[x.c], x.breaks))));
  return {
    method: 'greedy', status: 'heuristic', solve_s: (performance.now() - t0) / 1000, mip_gap: null,
    shifts, score: scoreRoster(problem, shifts), warnings
  };
}
