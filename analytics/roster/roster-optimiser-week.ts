/**
 * Rosters for one week of the center, side by side: the week's current schedule, the greedy roster
 * and the optimised one, each scored the same way (./roster-optimiser-model.ts: under- and
 * over-coverage in rep-hours per 15-minute slot, rule breaks) and with the service level and lost
 * calls it would deliver (./coverage.ts). The center is planned as one pool (every rep, every queue).
 * The scheduler chooses the optimiser's aim (./roster-aim.ts); the optimised roster never ranks below
 * greedy's on it (else greedy's stands, and the answer says so), and the trade-off is put in words.
 */
import type { Database } from '../../sql/db.ts';
import { coverageOf, plannedLoad, type PlannedLoad } from '../staffing/coverage.ts';
import { greedyRoster, type RosterResult } from './roster-optimiser-greedy.ts';
import { rosterProblem, scoreRoster, buildCandidates, type RosterProblem, type RosterScore } from './roster-optimiser-model.ts';
import { optimisedRoster, type SolveOptions } from './roster-optimiser.ts';
import { readOpeningHours, readRepPlans, readTemplates, readTimeOff, readWeek } from './schedule.ts';
import { addDays, type Shift } from './schedule-model.ts';
import { AIM_TEXT, keepNotWorse, tradeOffText, type AimFigures, type RosterAim } from './roster-aim.ts';

export interface RosterSummary {
  method: 'current' | 'greedy' | 'optimised';
  status: string;
  solve_s: number | null;
  mip_gap: number | null;
  score: RosterScore;
  /** What the roster would deliver (Erlang A per interval with its reps on the phones). */
  projected: { service_level: number | null; lost_calls: number | null; calls: number; intervals_below_target: number };
  warnings: string[];
  shifts: Shift[];
}

export interface RosterComparison {
  week_start: string;
  aim: RosterAim;
  /** The aim in words, and what the optimised roster trades against greedy's, in words. */
  aim_text: string;
  trade_off: string;
  /** HiGHS's roster ranked below greedy's on the aim: greedy's is the optimised answer. */
  kept_greedy: boolean;
  target: { sl_target: number; sl_threshold_s: number };
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

export function summarise(method: RosterSummary['method'], r: Pick<RosterResult, 'status' | 'mip_gap' | 'warnings' | 'shifts'> & { solve_s: number | null }, score: RosterScore, load: PlannedLoad): RosterSummary {
  const { totals: t, intervals } = coverageOf(load, r.shifts);
  const below = intervals.filter((i) => i.calls > 0 && i.service_level !== null && i.service_level < load.target.sl_target - 1e-9).length;
  return {
    method, status: r.status, solve_s: r.solve_s, mip_gap: r.mip_gap, score,
    projected: { service_level: t.service_level, lost_calls: t.lost_calls, calls: t.calls, intervals_below_target: below },
    warnings: r.warnings, shifts: r.shifts
  };
}

/** What a roster is ranked by on an aim. */
export const aimFigures = (r: RosterSummary): AimFigures => ({
  under_hours: r.score.under_hours, paid_hours: r.score.paid_hours, service_level: r.projected.service_level,
  lost_calls: r.projected.lost_calls, intervals_below_target: r.projected.intervals_below_target
});

/** HiGHS's roster, or greedy's when HiGHS's ranks below it on the aim (never worse than greedy), saying so. */
export function chooseOptimised(aim: RosterAim, greedy: RosterSummary, highs: RosterSummary): { optimised: RosterSummary; kept_greedy: boolean } {
  const kept = keepNotWorse(aim, { figures: aimFigures(greedy) }, { figures: aimFigures(highs) });
  if (!kept.kept_greedy) return { optimised: highs, kept_greedy: false };
  const warning = `HiGHS's roster ranked below greedy's on the aim (${AIM_TEXT[aim].toLowerCase()}): greedy's roster is kept.`;
  return {
    optimised: { ...greedy, method: 'optimised', status: `greedy kept (HiGHS: ${highs.status})`, solve_s: highs.solve_s, mip_gap: highs.mip_gap, warnings: [...greedy.warnings, warning] },
    kept_greedy: true
  };
}

export async function compareRosters(db: Database, opts: { week: string; timeZone: string } & SolveOptions): Promise<RosterComparison> {
  const aim = opts.aim ?? 'fewest_paid_hours';
  const { problem, load } = await weekProblem(db, opts);
  const week = await readWeek(db, load.week_start);
  const cands = buildCandidates(problem);
  const g = greedyRoster(problem, cands);
  const greedy = summarise('greedy', g, g.score, load);
  const solved = await optimisedRoster(problem, { ...opts, aim }, g);
  const highs = summarise('optimised', solved, solved.score, load);
  const { optimised, kept_greedy } = chooseOptimised(aim, greedy, highs);
  return {
    week_start: load.week_start,
    aim,
    aim_text: AIM_TEXT[aim],
    trade_off: tradeOffText(aim, aimFigures(greedy), aimFigures(optimised), load.target.sl_target, kept_greedy),
    kept_greedy,
    target: { sl_target: load.target.sl_target, sl_threshold_s: load.target.sl_threshold_s },
    size: { reps: problem.reps.length, templates: problem.templates.length, candidate_shifts: cands.list.length, open_days: problem.open.filter(Boolean).length },
    current: week.status === 'none' ? null : summarise('current', { status: week.status, solve_s: null, mip_gap: null, warnings: [], shifts: week.shifts }, scoreRoster(problem, week.shifts), load),
    greedy,
    optimised
  };
}
