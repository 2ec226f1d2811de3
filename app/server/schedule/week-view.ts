/**
 * Everything the schedule editor shows for a week (GET /api/schedules/weeks/:week and the Schedule
 * page): the schedule, every planned rep with what breaks their rules this week, the shift
 * templates, time off, opening hours, and the reps who have no planning profile yet.
 */
import type { Database } from '../../../sql/db.ts';
import { readOpeningHours, readRepPlans, readTemplates, readTimeOff, readWeek, type RepPlan, type WeekSchedule } from '../../../analytics/roster/schedule.ts';
import { addDays, isoWeekday, ruleProblems, weekDates, type OpenSpan, type ShiftTemplate, type TimeOff } from '../../../analytics/roster/schedule-model.ts';
import { listReps } from '../rep-directory.ts';

export interface WeekView {
  week: WeekSchedule;
  dates: string[];
  reps: Array<RepPlan & { problems: string[] }>;
  unplanned_reps: Array<{ rep_id: string; name: string }>;
  templates: ShiftTemplate[];
  time_off: Array<TimeOff & { id: number; reason: string }>;
  /** ISO weekday → when the center opens and closes. */
  opening_hours: Record<string, OpenSpan>;
}

export async function weekView(db: Database, week: string): Promise<WeekView> {
  const [schedule, plans, templates, timeOff, opening, directory] = await Promise.all([
    readWeek(db, week), readRepPlans(db), readTemplates(db, { includeInactive: true }), readTimeOff(db, week, addDays(week, 6)), readOpeningHours(db), listReps(db)
  ]);
  const openOn = (date: string) => opening.get(isoWeekday(date)) ?? { open: 0, close: 1440 };
  const reps = plans.map((p) => ({
    ...p,
    problems: ruleProblems(p, schedule.shifts.filter((s) => s.rep_id === p.rep_id), timeOff.filter((t) => t.rep_id === p.rep_id), openOn)
  }));
  const planned = new Set(plans.map((p) => p.rep_id));
  return {
    week: schedule,
    dates: weekDates(week),
    reps,
    unplanned_reps: directory.filter((r) => !planned.has(r.id) && r.active).map((r) => ({ rep_id: r.id, name: r.name })),
    templates,
    time_off: timeOff,
    opening_hours: Object.fromEntries([...opening].map(([k, v]) => [String(k), v]))
  };
}
