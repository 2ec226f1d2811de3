/**
 * `npx tsx bench/roster-bench.ts [--reps 60] [--time-limit 60] [--gap 0.01]`: how long the
 * roster optimiser takes for a center of N reps over a week (Mon–Fri 07:00–19:00, Sat 08:00–12:00),
 * against the greedy roster. Demand follows the demo center's planted intraday and weekday shapes,
 * scaled so the reps' contracted hours cover it with some slack; three reps in four are full-timers
 * (40 h ± 4, full days, alternate Saturdays), the rest part-timers (20 h ± 4, part days). Prints a
 * table and writes bench-results/roster-bench.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { DEMO_PLANTED } from '../app/server/demo/center.ts';
import { greedyRoster } from '../analytics/roster/roster-optimiser-greedy.ts';
import { buildCandidates, rosterProblem, type RosterRep } from '../analytics/roster/roster-optimiser-model.ts';
import { optimisedRoster } from '../analytics/roster/roster-optimiser.ts';
import { defaultTemplates } from '../analytics/roster/schedule-history.ts';
import { clock, weekDates, type OpenSpan, type ShiftTemplate } from '../analytics/roster/schedule-model.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const repsWanted = arg('--reps', 60);
const timeLimitS = arg('--time-limit', 60);
const mipRelGap = arg('--gap', 0.01);

const WEEK = '2026-06-08';
const opening = new Map<number, OpenSpan>([1, 2, 3, 4, 5].map((d) => [d, { open: 420, close: 1140 }]));
opening.set(6, { open: 480, close: 720 });
const templates: ShiftTemplate[] = defaultTemplates(opening).map((t, i) => ({ ...t, id: i + 1, active: true }));
const [full, part, short] = templates;

const reps: RosterRep[] = Array.from({ length: repsWanted }, (_, i) => {
  const fullTime = i % 4 !== 3;
  return {
    rep_id: `rep-${String(i + 1).padStart(3, '0')}`,
    contracted_minutes: fullTime ? 2400 : 1200,
    tolerance_minutes: 240,
    max_days: fullTime ? 6 : 5,
    min_rest_minutes: 660,
    template_ids: fullTime ? [full.id, short.id] : [part.id],
    availability: null,
    time_off: []
  };
});

// Paid rep-hours available ≈ 0.75·N·40 + 0.25·N·20; ask for 80 % of it on the phones.
const paidHours = reps.reduce((s, r) => s + r.contracted_minutes / 60, 0);
const weights = weekDates(WEEK).map((date, d) => {
  const span = opening.get(d + 1);
  if (!span) return [] as Array<{ minute: number; w: number }>;
  const out: Array<{ minute: number; w: number }> = [];
  for (let m = span.open; m < span.close; m += 30) out.push({ minute: m, w: DEMO_PLANTED.weekdayMultiplier[(d + 1) % 7] * DEMO_PLANTED.intradayShape((m + 15) / 60) });
  return out;
});
const totalWeight = weights.flat().reduce((s, x) => s + x.w * 0.5, 0);
const required = weekDates(WEEK).flatMap((date, d) =>
  weights[d].map(({ minute, w }) => ({ period_start: `${date}T${clock(minute)}:00`, required: Math.round((0.8 * paidHours * w) / totalWeight) }))
);
const problem = rosterProblem({ week_start: WEEK, required, intervalMinutes: 30, openingHours: opening, reps, templates });
const cands = buildCandidates(problem);

const greedy = greedyRoster(problem, cands);
const optimised = await optimisedRoster(problem, { timeLimitS, mipRelGap }, greedy);

const results = {
  machine: { cpus: cpus().length, node: process.version, date: new Date().toISOString() },
  reps: repsWanted,
  candidate_shifts: cands.list.length,
  required_rep_hours: +greedy.score.required_hours.toFixed(1),
  time_limit_s: timeLimitS,
  mip_rel_gap: mipRelGap,
  greedy: { solve_s: +greedy.solve_s.toFixed(3), under_h: +greedy.score.under_hours.toFixed(2), over_h: +greedy.score.over_hours.toFixed(2), rule_breaks: greedy.score.problems.length },
  optimised: {
    solve_s: +optimised.solve_s.toFixed(2), status: optimised.status, mip_gap: optimised.mip_gap,
    under_h: +optimised.score.under_hours.toFixed(2), over_h: +optimised.score.over_hours.toFixed(2), rule_breaks: optimised.score.problems.length
  }
};
console.log(`${repsWanted} reps, ${cands.list.length} candidate shifts, ${results.required_rep_hours} rep-hours required over the week`);
console.table([
  { roster: 'greedy', solve_s: results.greedy.solve_s, under_h: results.greedy.under_h, over_h: results.greedy.over_h, status: 'heuristic' },
  { roster: 'optimised (HiGHS)', solve_s: results.optimised.solve_s, under_h: results.optimised.under_h, over_h: results.optimised.over_h, status: `${optimised.status}, gap ${optimised.mip_gap === null ? '-' : (optimised.mip_gap * 100).toFixed(2) + ' %'}` }
]);
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/roster-bench.json', JSON.stringify(results, null, 2) + '\n');
console.log('written to bench-results/roster-bench.json');
