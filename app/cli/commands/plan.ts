/**
 * `callboard plan [--weeks N] [--from DATE] [--attrition RATE] [--ramp-weeks N] [--new-service-calls N]
 *  [--new-service-aht S] [--new-service-from DATE] [--json | --xlsx FILE]`:
 * the year-ahead staffing plan (analytics/plan/plan.ts). Text: the recommendation, then a line per
 * week (forecast calls, required, available, gap in FTE) and what the forecast could not learn;
 * --json: the whole plan (rows, recommendation, what-ifs); --xlsx: the workbook a budget request takes.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { centerTimeZone } from '../../../analytics/center-settings.ts';
import { staffingPlan, type PlanResult } from '../../../analytics/plan/plan.ts';
import { planXlsx } from '../../../analytics/plan/plan-xlsx.ts';
import { addDays, mondayOf } from '../../../analytics/roster/schedule-model.ts';
import { localNow } from '../../lib/shell/dates.ts';
import { existingDatabase } from '../database.ts';
import { checkTimeZone, type CommonOptions } from '../options.ts';

export interface PlanCliOptions extends CommonOptions {
  weeks: string;
  from?: string;
  attrition?: string;
  rampWeeks: string;
  newServiceCalls?: string;
  newServiceAht?: string;
  newServiceFrom?: string;
  json?: boolean;
  xlsx?: string;
}

export function planText(p: PlanResult): string {
  const head = ['week', 'calls', 'required FTE', 'available FTE', 'gap FTE'];
  const rows = p.rows.map((r) => [r.week, r.calls_forecast.toFixed(0), r.required_fte.toFixed(1), r.available_fte.toFixed(1), (r.gap_fte > 0 ? '+' : '') + r.gap_fte.toFixed(1)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  const s = p.settings;
  return [
    p.recommendation.text,
    '',
    `1 FTE = ${s.full_time_hours} h a week; shrinkage ${(s.shrinkage * 100).toFixed(1)}% (${s.shrinkage_source}); attrition ${(s.attrition * 100).toFixed(1)}% a year (${s.attrition_source}); a new hire is productive after ${s.ramp_weeks} weeks`,
    '',
    line(head),
    ...rows.map(line),
    '',
    ...p.notes
  ].join('\n') + '\n';
}

export async function run(opts: PlanCliOptions, cmd: Command): Promise<void> {
  checkTimeZone(opts.timezone);
  const db = await existingDatabase(opts.db);
  const timeZone = await centerTimeZone(db, cmd.getOptionValueSource('timezone') === 'default' ? null : opts.timezone);
  const from = opts.from ?? addDays(mondayOf(localNow(timeZone).date), 7);
  const plan = await staffingPlan(db, { from, weeks: opts.weeks, timeZone, attrition: opts.attrition, rampWeeks: opts.rampWeeks, scenarios: !!(opts.json || opts.xlsx),
    newService: { calls: opts.newServiceCalls, aht_s: opts.newServiceAht, from: opts.newServiceFrom }
  });
  if (opts.json) process.stdout.write(JSON.stringify(plan) + '\n');
  else if (opts.xlsx) {
    writeFileSync(opts.xlsx, await planXlsx(plan));
    process.stdout.write(`${opts.xlsx}: the plan for ${plan.rows.length} weeks and ${plan.scenarios.length} what-ifs\n`);
  } else process.stdout.write(planText(plan));
}
