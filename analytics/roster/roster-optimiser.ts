/**
 * The optimised roster: a mixed-integer model of ./roster-optimiser-model.ts's problem, solved by
 * HiGHS (the `highs` package, WebAssembly, single-threaded), started from the greedy roster so it
 * is never worse than that on its own objective.
 *
 * Variables: x[c] ∈ {0,1} per candidate shift; z[k,j,p] ∈ ℕ, how many of the shifts of type k
 * (same day, template and start) take break j at start p (breaks placed in aggregate, the
 * "implicit break" model of Bechtold & Jacobs, Management Science 36(11), 1990: shifts of a type
 * are interchangeable, so counts are enough and are dealt out to the reps afterwards); u, o ≥ 0
 * under- and over-coverage per open slot.
 * Rows: per slot Σ x covering − Σ z on break there + u − o = required; per type and break
 * Σ_p z = Σ x; per rep and day Σ x ≤ 1; per rep Σ x ≤ max_days and min ≤ Σ paid·x ≤ max; per rep,
 * day and shift, x + Σ (next-day shifts starting too soon) ≤ 1.
 * Objective, in two rounds on the same model: first the least under-coverage Σ u·¼ h; then, with
 * Σ u held at that, the second round's aim (./roster-aim.ts). Fewest paid hours: the weighted
 * Σ (w_under·u + w_over·o)·¼ h, so among the rosters with the fewest gaps it keeps the least waste.
 * Best service: every rep-hour beyond the requirement earns a credit in proportion to the slot's
 * requirement (an extra rep helps most where calls are heaviest), so the contracted hours are spent
 * on the busiest slots. Either way the roster never buys hours back with missing ones. The first round may use half
 * the time limit, the second what is left; both stop at a relative MIP gap.
 *
 * The solve runs in a worker thread (./roster-optimiser-worker.mjs) that posts every improving
 * roster; at the time limit (plus 2 s to start the thread and read the model) the thread is ended
 * and the best roster so far stands. HiGHS's own limit is only checked between steps: on a week
 * whose requirement the contracts far exceed, one round of root cuts can take longer than the limit.
 * The paid-time rows are divided by the gcd of the rep's shift lengths with the band rounded inwards
 * (the same integer rosters, a tighter relaxation).
 */
import type { ModelData } from 'highs';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SLOT_MINUTES, breakStarts, placeBreaks, type PlacedBreak, type Shift } from './schedule-model.ts';
import { buildCandidates, scoreRoster, shiftOf, type Candidates, type RosterProblem } from './roster-optimiser-model.ts';
import { greedyRoster, type RosterResult } from './roster-optimiser-greedy.ts';
import type { RosterAim } from './roster-aim.ts';

export interface SolveOptions {
  /** What the second round aims for (default: meet the requirement at the fewest paid hours). */
  aim?: RosterAim;
  /** Seconds HiGHS may take (default 20). */
  timeLimitS?: number;
  /** Stop when the best roster is within this share of the bound (default 0.01). */
  mipRelGap?: number;
}

/** The worker script: beside this module in the sources, or in analytics/roster/ above a built bundle. */
function workerPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++, dir = dirname(dir)) {
    for (const path of [join(dir, 'roster-optimiser-worker.mjs'), join(dir, 'analytics', 'roster', 'roster-optimiser-worker.mjs')]) if (existsSync(path)) return path;
  }
  throw new Error('Cannot find analytics/roster/roster-optimiser-worker.mjs next to the code');
}

interface WorkerInput {
  model: ModelData;
  start: Float64Array | null;
  under: [number, number];
  over: [number, number];
  /** A cost for every under (over) column, or one for all of them. */
  rounds: Array<{ costs: { under: number; over: number | number[] }; share: number }>;
  seconds: number;
  options: Record<string, number | string | boolean>;
  log: boolean;
}

interface Solved {
  status: string;
  values: Float64Array | null;
  gap: number | null;
}

/**
 * Runs the rounds in a worker thread (./roster-optimiser-worker.mjs) and keeps the best roster it
 * posts; at the deadline the thread is ended and that roster stands (status "time limit").
 */
function solveInWorker(input: WorkerInput, deadlineMs: number): Promise<Solved> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerPath(), { workerData: input });
    let best: Float64Array | null = null;
    let bestRound = -1;
    const statuses: string[] = [];
    let gap: number | null = null;
    let settled = false;
    const finish = (outcome: Solved | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const timer = setTimeout(() => finish({ status: [...statuses, 'time limit'].join(', then '), values: best, gap: null }), deadlineMs + 2000);
    worker.on('message', (m: { type: string; round?: number; values?: Float64Array; status?: number; gap?: number | null }) => {
      if (m.type === 'solution' && m.values && m.round! >= bestRound) {
        best = m.values;
        bestRound = m.round!;
      } else if (m.type === 'round') {
        statuses.push(STATUS[m.status!] ?? `status ${m.status}`);
        gap = m.gap ?? null;
      } else if (m.type === 'done') {
        finish({ status: [...new Set(statuses)].join(', then '), values: best, gap });
      }
    });
    worker.on('error', (e) => finish(e));
    worker.on('exit', () => finish({ status: [...statuses, 'stopped'].join(', then '), values: best, gap }));
  });
}

interface BreakVar {
  type: number;
  rule: number;
  start: number;
  minutes: number;
}

const SLOT_HOURS = SLOT_MINUTES / 60;
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
/** CALLBOARD_HIGHS_LOG=1 prints HiGHS's own log (model size, presolve, branch and bound) to stderr. */
const LOG = process.env.CALLBOARD_HIGHS_LOG === '1';

/** Positions a break rule allows inside a shift of a type. */
const positions = (start: number, end: number, rule: { minutes: number; earliest_after: number; latest_after: number }) =>
  breakStarts(start, { ...rule, kind: 'break', paid: true }).filter((p) => p + rule.minutes <= end);

export async function optimisedRoster(problem: RosterProblem, opts: SolveOptions = {}, greedy?: RosterResult): Promise<RosterResult> {
  const cands = buildCandidates(problem);
  const start = greedy ?? greedyRoster(problem, cands);
  if (cands.list.length === 0) return { ...start, method: 'optimised', status: 'nothing to choose from', solve_s: 0 };
  const t0 = performance.now();
  const { list, types, byRepDay, bounds } = cands;
  const nx = list.length;

  // Break variables.
  const breakVars: BreakVar[] = [];
  const breakIndex = new Map<string, number>();
  types.forEach((t, k) =>
    t.rules.forEach((rule, j) => {
      for (const p of positions(t.start, t.end, rule)) {
        breakIndex.set(`${k}|${j}|${p}`, nx + breakVars.length);
        breakVars.push({ type: k, rule: j, start: p, minutes: rule.minutes });
      }
    })
  );
  // Slot variables (u, o) of every open slot.
  const slotRows: Array<{ day: number; slot: number }> = [];
  problem.open.forEach((span, day) => {
    if (!span) return;
    for (let s = span.open / SLOT_MINUTES; s < span.close / SLOT_MINUTES; s++) slotRows.push({ day, slot: s });
  });
  const nz = breakVars.length;
  const uBase = nx + nz;
  const oBase = uBase + slotRows.length;
  const numCols = oBase + slotRows.length;

  const rows: Array<Array<[number, number]>> = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const addRow = (entries: Array<[number, number]>, lo: number, hi: number) => {
    rows.push(entries);
    lower.push(lo);
    upper.push(hi);
  };

  // Coverage rows.
  const rowOfSlot = new Map<string, number>();
  slotRows.forEach(({ day, slot }, i) => {
    rowOfSlot.set(`${day}|${slot}`, rows.length);
    const req = problem.required[day][slot];
    addRow([[uBase + i, 1], [oBase + i, -1]], req, req);
  });
  list.forEach((c, ci) => {
    for (let m = c.start; m < c.end; m += SLOT_MINUTES) rows[rowOfSlot.get(`${c.day}|${m / SLOT_MINUTES}`)!].push([ci, 1]);
  });
  breakVars.forEach((b, i) => {
    const day = types[b.type].day;
    for (let m = b.start; m < b.start + b.minutes; m += SLOT_MINUTES) rows[rowOfSlot.get(`${day}|${m / SLOT_MINUTES}`)!].push([nx + i, -1]);
  });
  // Break counts follow the shifts of their type.
  const candidatesOfType = types.map(() => [] as number[]);
  list.forEach((c, ci) => candidatesOfType[c.type].push(ci));
  types.forEach((t, k) =>
    t.rules.forEach((rule, j) => {
      const entries: Array<[number, number]> = positions(t.start, t.end, rule).map((p) => [breakIndex.get(`${k}|${j}|${p}`)!, 1]);
      for (const ci of candidatesOfType[k]) entries.push([ci, -1]);
      addRow(entries, 0, 0);
    })
  );
  // Per rep: one shift a day, days, contract, rest.
  problem.reps.forEach((rep, r) => {
    const all: Array<[number, number]> = [];
    byRepDay[r].forEach((ids, day) => {
      if (ids.length > 1) addRow(ids.map((ci) => [ci, 1]), -Infinity, 1);
      for (const ci of ids) all.push([ci, 1]);
      const next = byRepDay[r][day + 1] ?? [];
      for (const ci of ids) {
        const clash = next.filter((cj) => 1440 - list[ci].end + list[cj].start < rep.min_rest_minutes);
        if (clash.length > 0) addRow([[ci, 1], ...clash.map((cj): [number, number] => [cj, 1])], -Infinity, 1);
      }
    });
    if (all.length === 0) return;
    if (all.length > rep.max_days) addRow(all, -Infinity, rep.max_days);
    // Paid minutes in units of the gcd of the rep's shift lengths, with the band rounded inwards: the
    // same integer rosters, a much tighter relaxation (36–44 h of 8-hour days is exactly 5 days).
    const unit = all.reduce((g, [ci]) => gcd(g, list[ci].paid), 0) || 1;
    const lo = Math.ceil(bounds[r].min / unit - 1e-9);
    const hi = Math.floor(bounds[r].max / unit + 1e-9);
    if (lo <= hi) addRow(all.map(([ci]) => [ci, list[ci].paid / unit]), lo, hi);
    else addRow(all.map(([ci]) => [ci, list[ci].paid]), bounds[r].min, bounds[r].max);
  });

  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const entries of rows) {
    entries.sort((a, b) => a[0] - b[0]);
    for (const [col, v] of entries) {
      indices.push(col);
      values.push(v);
    }
    starts.push(indices.length);
  }
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols);
  const integrality = new Int32Array(numCols);
  for (let i = 0; i < nx; i++) {
    colUpper[i] = 1;
    integrality[i] = 1;
  }
  breakVars.forEach((b, i) => {
    colUpper[nx + i] = candidatesOfType[b.type].length;
    integrality[nx + i] = 1;
  });
  for (let i = 0; i < slotRows.length; i++) {
    colCost[uBase + i] = problem.weights.under * SLOT_HOURS;
    colCost[oBase + i] = problem.weights.over * SLOT_HOURS;
    colUpper[uBase + i] = Infinity;
    colUpper[oBase + i] = Infinity;
  }

  const limit = opts.timeLimitS ?? 20;
  const warmStart = startingPoint(problem, cands, start.shifts, breakIndex, numCols, slotRows, uBase, oBase);
  const result = await solveInWorker({
    model: {
      numCols, numRows: rows.length, colCost, colLower, colUpper, rowLower: lower, rowUpper: upper, integrality,
      matrix: { format: 'csr', numRows: rows.length, numCols, starts, indices, values }
    },
    start: warmStart,
    under: [uBase, oBase - 1],
    over: [oBase, numCols - 1],
    rounds: [
      { costs: { under: SLOT_HOURS, over: 0 }, share: 0.5 },
      { costs: secondRound(problem, slotRows, opts.aim ?? 'fewest_paid_hours'), share: 1 }
    ],
    seconds: limit,
    options: { mip_rel_gap: opts.mipRelGap ?? 0.01, random_seed: 1 },
    log: LOG
  }, limit * 1000);
  const solveS = (performance.now() - t0) / 1000;
  if (!result.values) {
    // Nothing better than the starting point in time: the greedy roster stands.
    return { ...start, method: 'optimised', status: result.status, solve_s: solveS, mip_gap: null, warnings: [...start.warnings, `HiGHS improved nothing on the greedy roster in time (${result.status})`] };
  }
  const shifts = rosterFrom(problem, cands, result.values, breakVars, nx);
  return { method: 'optimised', status: result.status, solve_s: solveS, mip_gap: result.gap, shifts, score: scoreRoster(problem, shifts), warnings: cands.warnings };
}

/** The second round's costs for an aim (see the opening comment). */
function secondRound(problem: RosterProblem, slotRows: Array<{ day: number; slot: number }>, aim: RosterAim): { under: number; over: number | number[] } {
  if (aim === 'fewest_paid_hours') return { under: problem.weights.under * SLOT_HOURS, over: problem.weights.over * SLOT_HOURS };
  const need = slotRows.map(({ day, slot }) => problem.required[day][slot]);
  const peak = Math.max(1, ...need);
  return { under: problem.weights.under * SLOT_HOURS, over: need.map((r) => -problem.weights.over * SLOT_HOURS * (r / peak)) };
}

const STATUS: Record<number, string> = { 7: 'optimal', 8: 'infeasible', 13: 'time limit', 14: 'iteration limit', 16: 'solution limit', 17: 'time limit' };

/** The greedy roster as a column vector (HiGHS checks it and keeps it as the first incumbent). */
function startingPoint(
  problem: RosterProblem, cands: Candidates, shifts: readonly Shift[], breakIndex: Map<string, number>, numCols: number,
  slotRows: Array<{ day: number; slot: number }>, uBase: number, oBase: number
): Float64Array | null {
  const x = new Float64Array(numCols);
  const cover = problem.dates.map(() => new Float64Array(96));
  for (const s of shifts) {
    const r = problem.reps.findIndex((p) => p.rep_id === s.rep_id);
    const day = problem.dates.indexOf(s.date);
    const ci = cands.byRepDay[r]?.[day]?.find((i) => cands.list[i].start === s.start_minute && cands.types[cands.list[i].type].template.id === s.template_id);
    if (ci === undefined) return null;
    x[ci] = 1;
    for (let m = s.start_minute; m < s.end_minute; m += SLOT_MINUTES) cover[day][m / SLOT_MINUTES] += 1;
    const rules = cands.types[cands.list[ci].type].rules;
    const used = new Set<number>();
    for (const b of s.breaks) {
      const j = rules.findIndex((rule, k) => !used.has(k) && rule.kind === b.kind && rule.minutes === b.minutes && breakIndex.has(`${cands.list[ci].type}|${k}|${b.start_minute}`));
      if (j < 0) return null;
      used.add(j);
      x[breakIndex.get(`${cands.list[ci].type}|${j}|${b.start_minute}`)!] += 1;
      for (let m = b.start_minute; m < b.start_minute + b.minutes; m += SLOT_MINUTES) cover[day][m / SLOT_MINUTES] -= 1;
    }
  }
  slotRows.forEach(({ day, slot }, i) => {
    const gap = cover[day][slot] - problem.required[day][slot];
    x[uBase + i] = Math.max(0, -gap);
    x[oBase + i] = Math.max(0, gap);
  });
  return x;
}

/** Chosen shifts, each type's break counts dealt out to its reps in order. */
function rosterFrom(problem: RosterProblem, cands: Candidates, values: Float64Array, breakVars: BreakVar[], nx: number): Shift[] {
  const { list, types } = cands;
  const byType = new Map<number, number[]>();
  for (let ci = 0; ci < nx; ci++) if (values[ci] > 0.5) byType.set(list[ci].type, [...(byType.get(list[ci].type) ?? []), ci]);
  const shifts: Shift[] = [];
  for (const [k, cis] of byType) {
    const t = types[k];
    const dealt: PlacedBreak[][] = cis.map(() => []);
    let ok = true;
    t.rules.forEach((rule, j) => {
      const seats: number[] = [];
      breakVars.forEach((b, i) => {
        if (b.type === k && b.rule === j) for (let n = Math.round(values[nx + i]); n > 0; n--) seats.push(b.start);
      });
      if (seats.length !== cis.length) ok = false;
      cis.forEach((_, n) => dealt[n].push({ kind: rule.kind, start_minute: seats[n] ?? t.start + rule.earliest_after, minutes: rule.minutes, paid: rule.paid }));
    });
    cis.forEach((ci, n) => {
      const breaks = ok ? dealt[n].sort((a, b) => a.start_minute - b.start_minute) : placeBreaks(t.start, t.end, t.rules);
      shifts.push(shiftOf(problem, types, list[ci], breaks));
    });
  }
  return shifts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.rep_id.localeCompare(b.rep_id)));
}
