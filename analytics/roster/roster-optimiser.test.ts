// The greedy and the HiGHS rosters: on small weeks whose best roster is known by hand, under the
// rules (time off, availability, rest, contract), and on the demo center's next week, where the
// optimised roster must be feasible with no more under-coverage than the greedy one (both reported).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { DEMO_NEXT_MONDAY, DEMO_TZ, demoDatabase } from '../test-support/coverage-demo-db.ts';
import { coverageOf, plannedLoad } from '../staffing/coverage.ts';
import { compareOnAim } from './roster-aim.ts';
import { aimFigures, chooseOptimised, summarise } from './roster-optimiser-week.ts';
import { greedyRoster } from './roster-optimiser-greedy.ts';
import { buildCandidates, rosterProblem, scoreRoster, type RosterRep } from './roster-optimiser-model.ts';
import { optimisedRoster } from './roster-optimiser.ts';
import { readOpeningHours } from './schedule.ts';
import { setupFromHistory } from './schedule-history.ts';
import { shiftsFromPatterns, weekDates, type ShiftTemplate } from './schedule-model.ts';

const MONDAY = '2026-06-08';
const SOLVE = { timeLimitS: 6, mipRelGap: 0.01 };
/**
 * The demo week's solves within 3 s, not 6: its second round runs to the time limit whatever the
 * limit (it was "optimal, then time limit" at 6 s too, with greedy's figures), and every assertion
 * holds for any answer HiGHS gives in time, greedy's roster being its starting point.
 */
const DEMO_SOLVE = { ...SOLVE, timeLimitS: 3 };

const template = (t: Partial<ShiftTemplate>): ShiftTemplate => ({
  id: 1, name: 't', earliest_start: 480, latest_start: 480, start_step_minutes: 60, length_minutes: 180, weekdays: [1, 2, 3, 4, 5], breaks: [], active: true, ...t
});
const rep = (id: string, r: Partial<RosterRep> = {}): RosterRep => ({
  rep_id: id, contracted_minutes: 180, tolerance_minutes: 0, max_days: 5, min_rest_minutes: 660, template_ids: null, availability: null, time_off: [], ...r
});
/** Requirement per half hour of given dates: minute → reps. */
const need = (byDate: Record<string, Record<number, number>>) =>
  Object.entries(byDate).flatMap(([date, m]) =>
    Object.entries(m).map(([minute, required]) => ({ period_start: `${date}T${String(Math.floor(+minute / 60)).padStart(2, '0')}:${String(+minute % 60).padStart(2, '0')}:00`, required }))
  );
const open = new Map([1, 2, 3, 4, 5].map((d) => [d, { open: 480, close: 1200 }]));

describe('rosters of small weeks with known answers', () => {
  it('staggers two 3-hour shifts to match 1-2-2-1 exactly', async () => {
    const problem = rosterProblem({
      week_start: MONDAY, intervalMinutes: 30, openingHours: new Map([[1, { open: 480, close: 720 }]]),
      required: need({ [MONDAY]: { 480: 1, 510: 1, 540: 2, 570: 2, 600: 2, 630: 2, 660: 1, 690: 1 } }),
      reps: [rep('a'), rep('b')], templates: [template({ latest_start: 540 })]
    });
    for (const r of [greedyRoster(problem), await optimisedRoster(problem, SOLVE)]) {
      expect(r.score).toMatchObject({ under_hours: 0, over_hours: 0, problems: [] });
      expect(r.shifts.map((s) => s.start_minute).sort()).toEqual([480, 540]);
    }
  });

  it('puts a break where the requirement dips', async () => {
    const breaks = [{ kind: 'break' as const, minutes: 15, paid: true, earliest_after: 60, latest_after: 150 }];
    const required: Record<number, number> = { 480: 1, 510: 1, 540: 1, 570: 1, 600: 1, 630: 1, 660: 1, 690: 1 };
    const problem = rosterProblem({
      week_start: MONDAY, intervalMinutes: 30, openingHours: new Map([[1, { open: 480, close: 720 }]]),
      required: need({ [MONDAY]: required }), reps: [rep('a', { contracted_minutes: 240 })],
      templates: [template({ length_minutes: 240, breaks })]
    });
    problem.required[0][40] = 0; // 10:00–10:15 needs nobody
    const optimised = await optimisedRoster(problem, SOLVE);
    expect(optimised.status).toBe('optimal');
    expect(optimised.shifts[0].breaks).toEqual([{ kind: 'break', start_minute: 600, minutes: 15, paid: true }]);
    expect(optimised.score.under_hours).toBe(0);
    expect(greedyRoster(problem).shifts[0].breaks[0].start_minute).toBe(600);
  });

  it('keeps time off, availability, rest and the contract', async () => {
    const tuesday = weekDates(MONDAY)[1];
    const everyHour = Object.fromEntries(Array.from({ length: 24 }, (_, i) => [480 + 30 * i, 3]));
    const problem = rosterProblem({
      week_start: MONDAY, intervalMinutes: 30, openingHours: open,
      required: need({ [MONDAY]: everyHour, [tuesday]: everyHour }),
      reps: [
        rep('off-monday', { contracted_minutes: 240, time_off: [{ rep_id: 'off-monday', date: MONDAY, from_minute: null, to_minute: null, paid: false }] }),
        rep('tuesdays', { contracted_minutes: 240, availability: { 2: [[480, 1200]] } }),
        rep('rested', { contracted_minutes: 480, min_rest_minutes: 900 }), // 15 h: a 16:00–20:00 shift cannot precede an 8:00 one
        rep('banded', { contracted_minutes: 480, tolerance_minutes: 0, max_days: 2 })
      ],
      templates: [template({ latest_start: 960, length_minutes: 240 })]
    });
    expect(buildCandidates(problem).list.filter((c) => c.rep === 0 && c.day === 0)).toEqual([]);
    for (const r of [greedyRoster(problem), await optimisedRoster(problem, SOLVE)]) {
      expect(r.score.problems).toEqual([]);
      expect(r.shifts.filter((s) => s.rep_id === 'off-monday').every((s) => s.date === tuesday)).toBe(true);
      expect(r.shifts.filter((s) => s.rep_id === 'tuesdays').every((s) => s.date === tuesday)).toBe(true);
      const rested = r.shifts.filter((s) => s.rep_id === 'rested').sort((a, b) => (a.date < b.date ? -1 : 1));
      if (rested.length === 2) expect(1440 - rested[0].end_minute + rested[1].start_minute).toBeGreaterThanOrEqual(900);
      expect(r.shifts.filter((s) => s.rep_id === 'banded')).toHaveLength(2);
    }
  });
});

describe('the demo center week', () => {
  let db: Database;
  let dispose: () => void;
  beforeAll(async () => {
    ({ db, dispose } = await demoDatabase());
  });
  afterAll(() => dispose?.());

  let templates: ShiftTemplate[] = [];
  /** The demo's reps and templates as set up from history, and its next week's load. */
  async function demoProblem() {
    const setup = await setupFromHistory(db, { before: '2026-06-05', timeZone: DEMO_TZ });
    templates = setup.templates.map((t, i) => ({ ...t, id: i + 1, active: true }));
    const idOf = (name: string) => templates.find((t) => t.name === name)!.id;
    const reps = setup.reps.map((r) => ({
      ...r,
      template_ids: r.template_names.map(idOf),
      availability: Object.fromEntries(r.availability.map((a) => [a.weekday, [[a.from_minute, a.to_minute] as [number, number]]])),
      pattern: Object.fromEntries(r.pattern.map((p) => [p.weekday, { template_id: idOf(p.template_name), start_minute: p.start_minute }])),
      time_off: []
    }));
    const load = await plannedLoad(db, { week: DEMO_NEXT_MONDAY, timeZone: DEMO_TZ });
    const problem = rosterProblem({ week_start: load.week_start, required: load.required, intervalMinutes: 30, openingHours: await readOpeningHours(db), reps, templates });
    return { problem, load, reps };
  }

  it('optimises to a feasible roster with no more under-coverage than the greedy one', async () => {
    const setup = await setupFromHistory(db, { before: '2026-06-05', timeZone: DEMO_TZ });
    const templates: ShiftTemplate[] = setup.templates.map((t, i) => ({ ...t, id: i + 1, active: true }));
    const idOf = (name: string) => templates.find((t) => t.name === name)!.id;
    const reps = setup.reps.map((r) => ({
      ...r,
      template_ids: r.template_names.map(idOf),
      availability: Object.fromEntries(r.availability.map((a) => [a.weekday, [[a.from_minute, a.to_minute] as [number, number]]])),
      pattern: Object.fromEntries(r.pattern.map((p) => [p.weekday, { template_id: idOf(p.template_name), start_minute: p.start_minute }])),
      time_off: []
    }));
    expect(reps).toHaveLength(18);
    const load = await plannedLoad(db, { week: DEMO_NEXT_MONDAY, timeZone: DEMO_TZ });
    const problem = rosterProblem({ week_start: load.week_start, required: load.required, intervalMinutes: 30, openingHours: await readOpeningHours(db), reps, templates });
    const current = scoreRoster(problem, shiftsFromPatterns(reps, templates, problem.dates, [], () => false));
    const greedy = greedyRoster(problem);
    const optimised = await optimisedRoster(problem, DEMO_SOLVE, greedy);
    const row = (name: string, s: typeof current, solveS: number | null) => ({
      roster: name, under_h: +s.under_hours.toFixed(2), over_h: +s.over_hours.toFixed(2), objective: +s.objective.toFixed(2),
      paid_h: s.paid_hours, shifts: s.shifts, rule_breaks: s.problems.length, solve_s: solveS === null ? null : +solveS.toFixed(2)
    });
    console.info(`demo week ${DEMO_NEXT_MONDAY}: ${buildCandidates(problem).list.length} candidate shifts, optimiser ${optimised.status}`);
    console.table([row('weekly patterns', current, null), row('greedy', greedy.score, greedy.solve_s), row('optimised', optimised.score, optimised.solve_s)]);
    expect(greedy.score.problems).toEqual([]);
    expect(optimised.score.problems).toEqual([]);
    expect(optimised.shifts.length).toBeGreaterThan(0);
    expect(optimised.score.under_hours).toBeLessThanOrEqual(greedy.score.under_hours + 1e-9);
    expect(optimised.score.objective).toBeLessThanOrEqual(greedy.score.objective + 1e-9);
    expect(optimised.solve_s).toBeLessThan(DEMO_SOLVE.timeLimitS + 5);
  });

  it('scores every roster by one measure: the coverage tiles agree with the roster table', async () => {
    const { problem, load, reps } = await demoProblem();
    const patterns = shiftsFromPatterns(reps, templates, problem.dates, [], () => false);
    for (const shifts of [greedyRoster(problem).shifts, patterns]) {
      const score = scoreRoster(problem, shifts);
      const tiles = coverageOf(load, shifts).totals;
      expect(tiles.under_hours).toBeCloseTo(score.under_hours, 9);
      expect(tiles.over_hours).toBeCloseTo(score.over_hours, 9);
    }
    // The weekly patterns leave quarter hours short inside half hours that are over on average.
    expect(scoreRoster(problem, patterns).under_hours).toBeGreaterThan(0);
  });

  it('never returns a roster worse than greedy on the aim chosen', async () => {
    const { problem, load } = await demoProblem();
    const g = greedyRoster(problem);
    const greedy = summarise('greedy', g, g.score, load);
    // A "solver" answer worse than greedy (a third of its shifts dropped): greedy's roster is kept, and the answer says so.
    const worse = g.shifts.filter((_, i) => i % 3 !== 0);
    const bad = summarise('optimised', { ...g, status: 'time limit', shifts: worse }, scoreRoster(problem, worse), load);
    for (const aim of ['fewest_paid_hours', 'best_service'] as const) {
      const chosen = chooseOptimised(aim, greedy, bad);
      expect(chosen.kept_greedy).toBe(true);
      expect(chosen.optimised.shifts).toEqual(greedy.shifts);
      expect(chosen.optimised.status).toBe('greedy kept (HiGHS: time limit)');
      expect(chosen.optimised.warnings.at(-1)).toMatch(/ranked below greedy's on the aim/);
    }
    // HiGHS aiming for the best service: the roster handed back projects no more lost calls than greedy's.
    const solved = await optimisedRoster(problem, { ...DEMO_SOLVE, aim: 'best_service' }, g);
    const { optimised } = chooseOptimised('best_service', greedy, summarise('optimised', solved, solved.score, load));
    expect(compareOnAim('best_service', aimFigures(optimised), aimFigures(greedy))).toBeLessThanOrEqual(0);
    expect(optimised.score.problems).toEqual([]);
    console.info(`best service: greedy ${greedy.projected.lost_calls?.toFixed(1)} lost, ${greedy.score.paid_hours} h paid; optimised ${optimised.projected.lost_calls?.toFixed(1)} lost, ${optimised.score.paid_hours} h paid (${optimised.status})`);
  });
});
