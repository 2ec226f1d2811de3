/** The schedule editor's text and choices: shift labels, paid hours, the starts and ends it offers. Pure. */
import type { OpenSpan, Shift, ShiftTemplate } from '../../../analytics/roster/schedule-model.ts';

/** A shift as the grid shows it: the model's own. */
export type GridShift = Shift;

export const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

export const shiftLabel = (s: Pick<GridShift, 'start_minute' | 'end_minute'>) => `${clock(s.start_minute)}–${clock(s.end_minute)}`;

export const breaksLabel = (s: Pick<GridShift, 'breaks'>) => s.breaks.map((b) => `${b.kind} ${clock(b.start_minute)}`).join(' · ');

export function paidHours(shifts: readonly Pick<GridShift, 'start_minute' | 'end_minute' | 'breaks'>[]): number {
  return shifts.reduce((h, s) => h + (s.end_minute - s.start_minute - s.breaks.filter((b) => !b.paid).reduce((m, b) => m + b.minutes, 0)) / 60, 0);
}

/** Starts a template allows (its own grid), or every quarter hour of the opening span for a custom shift. */
export function startOptions(template: ShiftTemplate | null, open: OpenSpan): number[] {
  const out: number[] = [];
  if (template) {
    for (let m = template.earliest_start; m <= template.latest_start; m += template.start_step_minutes) out.push(m);
    return out;
  }
  for (let m = open.open; m < open.close; m += 15) out.push(m);
  return out;
}

/** Ends a shift starting at `start` may have: every quarter hour from an hour later to closing. */
export function endOptions(start: number, open: OpenSpan): number[] {
  const out: number[] = [];
  for (let m = start + 60; m <= Math.max(open.close, start + 60); m += 15) out.push(m);
  return out;
}

/** The templates that apply on a date's ISO weekday. */
export const templatesFor = (templates: readonly ShiftTemplate[], weekday: number) => templates.filter((t) => t.active && t.weekdays.includes(weekday));
