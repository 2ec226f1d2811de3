/**
 * A rep's planning profile as the form edits it and as PUT /api/schedules/reps/:id wants it: the
 * contract, the weekdays they can work, the shift templates they work (any, or only some) and their
 * usual week (per weekday a template and its start, or off). The PUT replaces the whole profile, so
 * the body carries everything: a day's availability spans stay as they were while the day stays
 * ticked, a newly ticked day gets the opening hours, and a rep free every open day stays unlimited. `planProblems` finds what would make the drafted week break the rep's own rules. Pure.
 */
import type { RepPlan } from '../../../analytics/roster/schedule.ts';
import type { RepPlanInput } from '../../server/schedules.ts';
import type { OpenSpan, ShiftTemplate } from '../../../analytics/roster/schedule-model.ts';
import { clock } from './schedule-grid.ts';
import { WEEKDAYS } from './template-form.ts';

export interface PatternDay {
  weekday: number;
  /** null: off that day. */
  templateId: number | null;
  start: number;
}

export interface PlanDraft {
  hours: number;
  tolerance: number;
  maxDays: number;
  restHours: number;
  queue: string;
  /** ISO weekdays the rep can work. */
  days: number[];
  anyTemplate: boolean;
  templateIds: number[];
  /** Monday to Sunday. */
  pattern: PatternDay[];
}

/** What PUT /api/schedules/reps/:id takes: the server's own type. */
export type PlanBody = RepPlanInput;

type Opening = Record<string, OpenSpan>;
const DAYS = [1, 2, 3, 4, 5, 6, 7];

/** The weekdays a rep can work (every open day when their availability is not limited). */
export const availableDays = (r: Pick<RepPlan, 'availability'>, opening: Opening): number[] =>
  r.availability === null ? DAYS.filter((d) => opening[String(d)]) : Object.keys(r.availability).map(Number).sort((a, b) => a - b);

export function planDraft(r: RepPlan, opening: Opening): PlanDraft {
  return {
    hours: r.contracted_minutes / 60, tolerance: r.tolerance_minutes / 60, maxDays: r.max_days, restHours: r.min_rest_minutes / 60,
    queue: r.primary_queue ?? '', days: availableDays(r, opening), anyTemplate: r.template_ids === null, templateIds: [...(r.template_ids ?? [])],
    pattern: DAYS.map((weekday) => ({ weekday, templateId: r.pattern[weekday]?.template_id ?? null, start: r.pattern[weekday]?.start_minute ?? 0 }))
  };
}

export function planBody(d: PlanDraft, r: Pick<RepPlan, 'availability' | 'active'>, opening: Opening): PlanBody {
  // Still every open day: stays unlimited (no spans), following the opening hours if they change.
  const unlimited = r.availability === null && DAYS.every((day) => !opening[String(day)] || d.days.includes(day));
  const spans = (day: number): Array<[number, number]> => r.availability?.[day] ?? (opening[String(day)] ? [[opening[String(day)].open, opening[String(day)].close]] : []);
  return {
    contracted_minutes: Math.round(d.hours * 60), tolerance_minutes: Math.round(d.tolerance * 60), max_days: d.maxDays,
    min_rest_minutes: Math.round(d.restHours * 60), primary_queue: d.queue.trim() || null,
    template_ids: d.anyTemplate ? null : [...d.templateIds].sort((a, b) => a - b), active: r.active,
    availability: unlimited ? [] : [...d.days].sort((a, b) => a - b).flatMap((weekday) => spans(weekday).map(([from_minute, to_minute]) => ({ weekday, from_minute, to_minute }))),
    pattern: d.pattern.filter((p) => p.templateId !== null).map((p) => ({ weekday: p.weekday, template_id: p.templateId!, start_minute: p.start }))
  };
}

/** The templates a weekday's select offers: the active ones that apply that day, and the one chosen already. */
export const templatesOn = (templates: readonly ShiftTemplate[], weekday: number, chosen: number | null): ShiftTemplate[] =>
  templates.filter((t) => (t.active && t.weekdays.includes(weekday)) || t.id === chosen);

/** The starts a template allows (its own grid). */
export function startsOf(t: Pick<ShiftTemplate, 'earliest_start' | 'latest_start' | 'start_step_minutes'>): number[] {
  const out: number[] = [];
  for (let m = t.earliest_start; m <= t.latest_start; m += t.start_step_minutes) out.push(m);
  return out;
}

/** A weekday given a template (or off): its start kept when the template allows it, else the template's first. */
export function choose(day: PatternDay, templateId: number | null, templates: readonly ShiftTemplate[]): PatternDay {
  const t = templates.find((x) => x.id === templateId);
  if (!t) return { ...day, templateId: null };
  const starts = startsOf(t);
  return { ...day, templateId: t.id, start: starts.includes(day.start) ? day.start : starts[0] };
}

/** What is wrong with the usual week against the rest of the draft (the form refuses to save it). */
export function planProblems(d: PlanDraft, templates: readonly ShiftTemplate[], opening: Opening): string[] {
  const problems: string[] = [];
  if (!d.anyTemplate && d.templateIds.length === 0) problems.push('Tick the shift templates they work, or "Any".');
  for (const p of d.pattern) {
    if (p.templateId === null) continue;
    const day = WEEKDAYS[p.weekday - 1];
    const t = templates.find((x) => x.id === p.templateId);
    if (!t) {
      problems.push(`${day}: that shift template no longer exists.`);
      continue;
    }
    if (!opening[String(p.weekday)]) problems.push(`${day}: the center is closed.`);
    else if (!d.days.includes(p.weekday)) problems.push(`${day}: they cannot work that day (see "Can work on").`);
    if (!t.weekdays.includes(p.weekday)) problems.push(`${day}: ${t.name} does not apply on ${day}.`);
    if (!d.anyTemplate && !d.templateIds.includes(t.id)) problems.push(`${day}: ${t.name} is not among the shift templates they work.`);
  }
  const working = d.pattern.filter((p) => p.templateId !== null).length;
  if (working > d.maxDays) problems.push(`The usual week has ${working} working days; they work at most ${d.maxDays}.`);
  return problems;
}

/** 'Mon 07:00–15:30, Wed 11:00–19:30' (or '–'). */
export function patternText(r: Pick<RepPlan, 'pattern'>, templates: readonly ShiftTemplate[]): string {
  const days = Object.entries(r.pattern)
    .map(([weekday, p]) => ({ weekday: Number(weekday), ...p }))
    .sort((a, b) => a.weekday - b.weekday)
    .map((p) => {
      const t = templates.find((x) => x.id === p.template_id);
      return `${WEEKDAYS[p.weekday - 1]} ${clock(p.start_minute)}${t ? `–${clock(Math.min(1440, p.start_minute + t.length_minutes))}` : ''}`;
    });
  return days.join(', ') || '–';
}
