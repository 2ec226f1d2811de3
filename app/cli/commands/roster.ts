/**
 * `callboard roster --week DATE [--aim fewest_paid_hours|best_service] [--time-limit S] [--gap F] [--json]`:
 * the week's current schedule, a greedy roster and the optimised one (HiGHS, for the aim) side by side,
 * scored the same way, and the trade-off in words; read-only (the
 * Schedule page accepts and publishes). `callboard roster --week DATE --out FILE.csv|FILE.xlsx`
 * exports the week's stored schedule instead.
 */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { InputError } from '../../../sql/errors.ts';
import { weekCoverage } from '../../../analytics/staffing/coverage.ts';
import { compareRosters, type RosterComparison } from '../../../analytics/roster/roster-optimiser-week.ts';
import { ROSTER_AIMS, type RosterAim } from '../../../analytics/roster/roster-aim.ts';
import { readRepPlans, readTemplates, readWeek } from '../../../analytics/roster/schedule.ts';
import { weekCsv, weekXlsx } from '../../../analytics/roster/schedule-export.ts';
import { checkDate } from '../../../analytics/metrics/metric-query.ts';
import { mondayOf } from '../../../analytics/roster/schedule-model.ts';
import { centerTimeZone } from '../../../analytics/center-settings.ts';
import { existingDatabase } from '../database.ts';
import { checkTimeZone, type CommonOptions } from '../options.ts';

export interface RosterCliOptions extends CommonOptions {
  week: string;
  timeLimit: string;
  gap: string;
  aim: string;
  json?: boolean;
  out?: string;
}

const f = (x: number | null, digits = 1) => (x === null ? '-' : x.toFixed(digits));

export function rosterText(r: RosterComparison): string {
  const rows = [r.current, r.greedy, r.optimised].filter((x) => x !== null).map((x) => [
    x.method, x.status, x.solve_s === null ? '-' : `${x.solve_s.toFixed(2)} s`, f(x.score.under_hours, 2), f(x.score.over_hours, 2),
    f(x.score.paid_hours), String(x.score.shifts), x.projected.service_level === null ? '-' : `${(x.projected.service_level * 100).toFixed(1)}%`,
    f(x.projected.lost_calls), String(x.score.problems.length)
  ]);
  const head = ['roster', 'status', 'solve', 'under h', 'over h', 'paid h', 'shifts', 'proj. SL', 'proj. lost', 'rule breaks'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((v, i) => (i < 2 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  const warnings = [...new Set([...(r.current?.score.problems ?? []).map((p) => `current: ${p}`), ...r.greedy.warnings, ...r.optimised.warnings])];
  return [
    `Week of ${r.week_start}: ${r.size.reps} reps, ${r.size.templates} shift templates, ${r.size.candidate_shifts} candidate shifts, ${r.size.open_days} open days`,
    'under/over: rep-hours short of / beyond the requirement per 15 minutes, breaks taken out',
    '', line(head), ...rows.map(line), ...warnings.map((w) => `! ${w}`),
    '', `Aim: ${r.aim_text}.`, r.trade_off
  ].join('\n') + '\n';
}

export async function run(opts: RosterCliOptions, cmd: Command): Promise<void> {
  checkTimeZone(opts.timezone);
  const week = mondayOf(checkDate('--week', opts.week));
  const timeLimitS = Number(opts.timeLimit);
  const mipRelGap = Number(opts.gap);
  if (!(timeLimitS >= 1 && timeLimitS <= 3600)) throw new InputError(`--time-limit "${opts.timeLimit}" must be seconds from 1 to 3600`);
  if (!(mipRelGap >= 0 && mipRelGap < 1)) throw new InputError(`--gap "${opts.gap}" must be a fraction from 0 up to 1`);
  if (!(ROSTER_AIMS as readonly string[]).includes(opts.aim)) throw new InputError(`--aim "${opts.aim}" must be ${ROSTER_AIMS.join(' or ')}`);
  if (opts.out && !/\.(csv|xlsx)$/i.test(opts.out)) throw new InputError(`--out ${opts.out}: name a .csv or .xlsx file`);
  const db = await existingDatabase(opts.db);
  const timeZone = await centerTimeZone(db, cmd.getOptionValueSource('timezone') === 'default' ? null : opts.timezone);
  if (opts.out) {
    const [schedule, reps, templates, coverage] = await Promise.all([
      readWeek(db, week), readRepPlans(db, { includeInactive: true }), readTemplates(db, { includeInactive: true }), weekCoverage(db, { week, timeZone })
    ]);
    if (schedule.status === 'none') throw new InputError(`No schedule for the week of ${week} yet (make one on the Schedule page)`);
    const input = { week: schedule, reps, templates, coverage };
    writeFileSync(opts.out, /\.xlsx$/i.test(opts.out) ? await weekXlsx(input) : weekCsv(input));
    process.stdout.write(`wrote ${schedule.shifts.length} shifts of the week of ${week} to ${opts.out}\n`);
    return;
  }
  const result = await compareRosters(db, { week, timeZone, timeLimitS, mipRelGap, aim: opts.aim as RosterAim });
  if (result.size.reps === 0) throw new InputError('No rep has a planning profile yet: set the reps up on the Schedule page first');
  process.stdout.write(opts.json ? JSON.stringify(result) + '\n' : rosterText(result));
}
