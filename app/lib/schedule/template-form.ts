/**
 * The shift-template form's draft and what it sends (POST/PATCH /api/schedules/templates), and the
 * text that describes a template to a reader. Times are typed as HH:MM, lengths and break windows in
 * hours: the API's minutes are converted here. The API checks the rest (a shift past midnight, a break
 * after the shift's end) and the form shows its refusal. Pure.
 */
import { defaultBreakRules, type BreakKind, type BreakRule, type ShiftTemplate } from '../../../analytics/roster/schedule-model.ts';
import { clock } from './schedule-grid.ts';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export const START_STEPS = [15, 30, 60] as const;

export interface BreakDraft {
  kind: BreakKind;
  minutes: number;
  paid: boolean;
  /** The window it may start in, in hours after the shift starts. */
  earliestHours: number;
  latestHours: number;
}

export interface TemplateDraft {
  name: string;
  earliest: string;
  latest: string;
  step: number;
  hours: number;
  weekdays: number[];
  breaks: BreakDraft[];
}

export type TemplateBody = Omit<ShiftTemplate, 'id' | 'active'>;

/** '07:30' → 450. */
export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hours = (minutes: number) => minutes / 60;
const minutes = (h: number) => Math.round(h * 60);

export const breakDraft = (b: BreakRule): BreakDraft => ({ kind: b.kind, minutes: b.minutes, paid: b.paid, earliestHours: hours(b.earliest_after), latestHours: hours(b.latest_after) });

/** The form for a template, or for a new one (09:00, 8 h, Monday to Friday, the default breaks). */
export function templateDraft(t: ShiftTemplate | null): TemplateDraft {
  if (!t) return { name: '', earliest: '09:00', latest: '09:00', step: 30, hours: 8, weekdays: [1, 2, 3, 4, 5], breaks: defaultBreakRules(480).map(breakDraft) };
  return {
    name: t.name, earliest: clock(t.earliest_start), latest: clock(t.latest_start), step: t.start_step_minutes, hours: hours(t.length_minutes),
    weekdays: [...t.weekdays], breaks: t.breaks.map(breakDraft)
  };
}

export function templateBody(d: TemplateDraft): TemplateBody {
  return {
    name: d.name.trim(), earliest_start: minutesOf(d.earliest), latest_start: minutesOf(d.latest), start_step_minutes: d.step,
    length_minutes: minutes(d.hours), weekdays: [...d.weekdays].sort((a, b) => a - b),
    breaks: d.breaks.map((b) => ({ kind: b.kind, minutes: b.minutes, paid: b.paid, earliest_after: minutes(b.earliestHours), latest_after: minutes(b.latestHours) }))
  };
}

/** What a PATCH sends: only the fields that differ from the template (null when nothing does). */
export function templateChange(t: ShiftTemplate, d: TemplateDraft): Partial<TemplateBody> | null {
  const body = templateBody(d);
  const change: Partial<Record<keyof TemplateBody, unknown>> = {};
  for (const key of Object.keys(body) as Array<keyof TemplateBody>) {
    if (JSON.stringify(body[key]) !== JSON.stringify(t[key])) change[key] = body[key];
  }
  return Object.keys(change).length ? (change as Partial<TemplateBody>) : null;
}

/** The breaks a shift of the draft's length gets by default (a 15-min break; two and a lunch from 6 h). */
export const defaultBreaks = (d: TemplateDraft): BreakDraft[] => defaultBreakRules(minutes(d.hours)).map(breakDraft);

/** 'Mon–Fri', 'Mon Wed Sat', 'every day'. */
export function weekdaysText(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return 'every day';
  const consecutive = sorted.length >= 3 && sorted.every((d, i) => i === 0 || d === sorted[i - 1] + 1);
  return consecutive ? `${WEEKDAYS[sorted[0] - 1]}–${WEEKDAYS[sorted.at(-1)! - 1]}` : sorted.map((d) => WEEKDAYS[d - 1]).join(' ');
}

/** '07:00' or '07:00–09:00 every 30 min'. */
export const startsText = (t: Pick<ShiftTemplate, 'earliest_start' | 'latest_start' | 'start_step_minutes'>) =>
  t.latest_start === t.earliest_start ? clock(t.earliest_start) : `${clock(t.earliest_start)}–${clock(t.latest_start)} every ${t.start_step_minutes} min`;

/** When its shifts end: '15:30' or '15:30–17:30'; past midnight is the API's to refuse. */
export function endsText(t: Pick<ShiftTemplate, 'earliest_start' | 'latest_start' | 'length_minutes'>): string {
  const [first, last] = [t.earliest_start + t.length_minutes, t.latest_start + t.length_minutes];
  const at = (m: number) => (m > 1440 ? `${clock(m - 1440)} the next day` : clock(m));
  return first === last ? at(first) : `${at(first)}–${at(last)}`;
}

export const lengthText = (lengthMinutes: number) => `${Number((lengthMinutes / 60).toFixed(2))} h`;

/** '30-min lunch (unpaid) 3–5 h in'. */
export const breakText = (b: BreakRule) =>
  `${b.minutes}-min ${b.kind}${b.paid ? '' : ' (unpaid)'} ${Number(hours(b.earliest_after).toFixed(2))}–${Number(hours(b.latest_after).toFixed(2))} h in`;
