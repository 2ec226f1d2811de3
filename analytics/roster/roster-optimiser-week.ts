/**
 * Rosters for one week of the center, side by side: the week's current schedule, the greedy roster
 * and the optimised one, each scored the same way (./roster-optimiser-model.ts: under- and
 * over-coverage in rep-hours per 15-minute slot, rule breaks) and with the service level and lost
 * calls it would deliver (./coverage.ts). The center is planned as one pool (every rep, every queue).
 */
import type { Database } from '../../sql/db.ts';
import { coverageOf, plannedLoad, type PlannedLoad } from '../staffing/coverage.ts';
import { greedyRoster, type RosterResult } from './roster-optimiser-greedy.ts';
import { rosterProblem, scoreRoster, buildCandidates, type RosterProblem, type RosterScore } from './roster-optimiser-model.ts';
import { optimisedRoster, type SolveOptions } from './roster-optimiser.ts';
import { readOpeningHours, readRepPlans, readTemplates, readTimeOff, readWeek } from './schedule.ts';
import { addDays, type Shift } from './schedule-model.ts';

export interface RosterSummary {
  method: 'current' | 'greedy' | 'optimised';
  status: string;
  solve_s: number | null;
  mip_gap: number | null;
  score: RosterScore;
  /** What the roster would deliver (Erlang A per interval with its reps on the phones). */
  projected: { service_level: number | null; lost_calls: number | null; calls: number };
  warnings: string[];
  shifts: Shift[];
}

export interface RosterComparison {
  week_start: string;
  size: { reps: number; templates: number; candidate_shifts: number; open_days: number };
  current: RosterSummary | null;
  greedy: RosterSummary;
  optimised: RosterSummary;
}

export async function weekProblem(db: Database, opts: { week: string; timeZone: string }): Promise<{ problem: RosterProblem; load: PlannedLoad }> {
  const load = await plannedLoad(db, { week: opts.week, queue: '*', intervalMinutes: 30, timeZone: opts.timeZone });
  const [plans, templates, off, opening] = await Promise.all([
    readRepPlans(db),
    readTemplates(db),
    readTimeOff(db, load.week_start, addDays(load.week_start, 6)),
    readOpeningHours(db)
  ]);
  const problem = rosterProblem({
    week_start: load.week_start,
    required: load.required,
    intervalMinutes: load.interval_minutes,
    openingHours: opening,
    reps: plans.map((p) => ({ ...p, time_off: off.filter((t) => t.rep_id === p.rep_id) })),
    templates
  });
  return { problem, load };
}

function summarise(method: RosterSummary['method'], r: Pick<RosterResult, 'status' | 'mip_gap' | 'warnings' | 'shifts'> & { solve_s: number | null }, score: RosterScore, load: PlannedLoad): RosterSummary {
  const t = coverageOf(load, r.shifts).totals;
  return { method, status: r.status, solve_s: r.solve_s, mip_gap: r.mip_gap, score, projected: { service_level: t.service_level, lost_calls: t.lost_calls, calls: t.calls }, warnings: r.warnings, shifts: r.shifts };
}

export async function compareRosters(db: Database, opts: { week: string; timeZone: string } & SolveOptions): Promise<RosterComparison> {
  const { problem, load } = await weekProblem(db, opts);
  const week = await readWeek(db, load.week_start);
  const cands = buildCandidates(problem);
  const greedy = greedyRoster(problem, cands);
  const optimised = await optimisedRoster(problem, opts, greedy);
  return {
    week_start: load.week_start,
    size: { reps: problem.reps.length, templates: problem.templates.length, candidate_shifts: cands.list.length, open_days: problem.open.filter(Boolean).length },
    current: week.status === 'none' ? null : summarise('current', { status: week.status, solve_s: null, mip_gap: null, warnings: [], shifts: week.shifts }, scoreRoster(problem, week.shifts), load),
    greedy: summarise('greedy', greedy, greedy.score, load),
    optimised: summarise('optimised', optimised, optimised.score, load)
  };
}
