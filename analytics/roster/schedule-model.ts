/**
 * Schedules as plain data, and the pure rules around them: shift templates, where breaks go, paid
 * time, and how many reps a set of shifts puts on the phones in each 15-minute slot of a day
 * (breaks taken out). Times of day are local wall-clock minutes from midnight; shifts stay within
 * one day. Dates are local 'YYYY-MM-DD'; weekdays ISO (1 = Monday .. 7 = Sunday).
 */

export const SLOT_MINUTES = 15;
export const SLOTS_PER_DAY = 1440 / SLOT_MINUTES;

export type BreakKind = 'break' | 'lunch';

/** A break of `minutes` starting between `earliest_after` and `latest_after` minutes into the shift. */
export interface BreakRule {
  kind: BreakKind;
  minutes: number;
  paid: boolean;
  earliest_after: number;
  latest_after: number;
}

export interface ShiftTemplate {
  id: number;
  name: string;
  earliest_start: number;
  latest_start: number;
  start_step_minutes: number;
  length_minutes: number;
  weekdays: number[];
  breaks: BreakRule[];
  active: boolean;
}

export interface PlacedBreak {
  kind: BreakKind;
  start_minute: number;
  minutes: number;
  paid: boolean;
}

export interface Shift {
  rep_id: string;
  date: string;
  start_minute: number;
  end_minute: number;
  template_id: number | null;
  breaks: PlacedBreak[];
}

// ---- dates ---------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const ofDayNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

export const addDays = (date: string, n: number): string => ofDayNumber(dayNumber(date) + n);
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);
/** ISO weekday: 1 = Monday .. 7 = Sunday. */
export const isoWeekday = (date: string): number => ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
export const mondayOf = (date: string): string => addDays(date, 1 - isoWeekday(date));
export const weekDates = (monday: string): string[] => Array.from({ length: 7 }, (_, i) => addDays(monday, i));
export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** 'HH:MM' of a minute of the day (1440 is '24:00'). */
export function clock(minute: number): string {
  const m = Math.round(minute);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Minutes from 'HH:MM', or null when it is not a time of day. */
export function parseClock(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const minute = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && minute <= 1440 ? minute : null;
}

// ---- shifts and breaks ---------------------------------------------------------------------

/**
 * Break rules for a shift made without a template, by its length (a common public-sector pattern:
 * from 6 hours an unpaid 30-minute lunch and two paid 15-minute breaks; from 4 hours one break).
 */
export function defaultBreakRules(lengthMinutes: number): BreakRule[] {
  if (lengthMinutes >= 360) {
    const mid = Math.round(lengthMinutes / 2 / 15) * 15;
    return [
      { kind: 'break', minutes: 15, paid: true, earliest_after: 60, latest_after: Math.max(60, mid - 120) },
      { kind: 'lunch', minutes: 30, paid: false, earliest_after: mid - 60, latest_after: mid + 15 },
      { kind: 'break', minutes: 15, paid: true, earliest_after: Math.min(lengthMinutes - 75, mid + 90), latest_after: lengthMinutes - 60 }
    ];
  }
  if (lengthMinutes >= 240) {
    const mid = Math.round(lengthMinutes / 2 / 15) * 15;
    return [{ kind: 'break', minutes: 15, paid: true, earliest_after: mid - 45, latest_after: mid + 15 }];
  }
  return [];
}

/** Every start a break rule allows, on the slot grid. */
export function breakStarts(shiftStart: number, rule: BreakRule): number[] {
  const out: number[] = [];
  const first = Math.ceil((shiftStart + rule.earliest_after) / SLOT_MINUTES) * SLOT_MINUTES;
  for (let s = first; s <= shiftStart + rule.latest_after; s += SLOT_MINUTES) out.push(s);
  return out.length > 0 ? out : [shiftStart + rule.earliest_after];
}

/** Breaks at the middle of each rule's window (the editor's default placement). */
export function placeBreaks(start: number, end: number, rules: BreakRule[]): PlacedBreak[] {
  return rules
    .map((r) => {
      const starts = breakStarts(start, r);
      const at = starts[Math.floor((starts.length - 1) / 2)];
      return { kind: r.kind, start_minute: at, minutes: r.minutes, paid: r.paid };
    })
    .filter((b) => b.start_minute >= start && b.start_minute + b.minutes <= end)
    .sort((a, b) => a.start_minute - b.start_minute);
}

export function templateShift(repId: string, date: string, template: ShiftTemplate, start: number): Shift {
  const end = Math.min(1440, start + template.length_minutes);
  return { rep_id: repId, date, start_minute: start, end_minute: end, template_id: template.id, breaks: placeBreaks(start, end, template.breaks) };
}

export function paidMinutes(shift: Pick<Shift, 'start_minute' | 'end_minute' | 'breaks'>): number {
  const unpaid = shift.breaks.filter((b) => !b.paid).reduce((s, b) => s + b.minutes, 0);
  return shift.end_minute - shift.start_minute - unpaid;
}

export function onPhoneMinutes(shift: Pick<Shift, 'start_minute' | 'end_minute' | 'breaks'>): number {
  return shift.end_minute - shift.start_minute - shift.breaks.reduce((s, b) => s + b.minutes, 0);
}

/** The starts a template allows on a weekday (empty when it does not apply that day). */
export function templateStarts(template: ShiftTemplate, weekday: number): number[] {
  if (!template.active || !template.weekdays.includes(weekday)) return [];
  const out: number[] = [];
  for (let s = template.earliest_start; s <= template.latest_start; s += template.start_step_minutes) out.push(s);
  return out;
}

// ---- on the phones per slot ----------------------------------------------------------------

/** Adds +sign for the minutes [from, to) to a 96-slot day, fractionally where a slot is partly covered. */
function addSpan(slots: Float64Array, from: number, to: number, sign: number): void {
  for (let s = Math.floor(from / SLOT_MINUTES); s < Math.ceil(to / SLOT_MINUTES) && s < SLOTS_PER_DAY; s++) {
    const overlap = Math.min(to, (s + 1) * SLOT_MINUTES) - Math.max(from, s * SLOT_MINUTES);
    if (overlap > 0) slots[s] += (sign * overlap) / SLOT_MINUTES;
  }
}

/** On-phone time of one shift per slot of its day (1 = the whole slot on the phones). */
export function shiftSlots(shift: Pick<Shift, 'start_minute' | 'end_minute' | 'breaks'>): Float64Array {
  const slots = new Float64Array(SLOTS_PER_DAY);
  addSpan(slots, shift.start_minute, shift.end_minute, 1);
  for (const b of shift.breaks) {
    const from = Math.max(shift.start_minute, b.start_minute);
    const to = Math.min(shift.end_minute, b.start_minute + b.minutes);
    if (to > from) addSpan(slots, from, to, -1);
  }
  return slots;
}

/** Reps on the phones per 15-minute slot, for each date asked (breaks taken out). */
export function onPhonesBySlot(shifts: readonly Shift[], dates: readonly string[]): Map<string, Float64Array> {
  const out = new Map(dates.map((d) => [d, new Float64Array(SLOTS_PER_DAY)]));
  for (const shift of shifts) {
    const day = out.get(shift.date);
    if (!day) continue;
    const slots = shiftSlots(shift);
    for (let s = 0; s < SLOTS_PER_DAY; s++) day[s] += slots[s];
  }
  return out;
}

export interface SlotGaps {
  /** Rep-hours below the requirement, slot by slot. */
  under_hours: number;
  /** Rep-hours above it. */
  over_hours: number;
  required_hours: number;
  /** Rep-hours on the phones (breaks taken out). */
  on_phone_hours: number;
}

/**
 * The one measure of short and over hours, for every roster and every page: slot by slot (15 minutes),
 * so a quarter hour short is never hidden by the next quarter hour being over (as an interval's
 * average would: that made a page's tiles say 21.3 h short where the roster table said 24.25 h).
 */
export function slotGaps(required: ArrayLike<number>, onPhones: ArrayLike<number>): SlotGaps {
  const h = SLOT_MINUTES / 60;
  let under = 0, over = 0, req = 0, on = 0;
  for (let i = 0; i < SLOTS_PER_DAY; i++) {
    const r = required[i] ?? 0;
    const c = onPhones[i] ?? 0;
    if (c < r) under += (r - c) * h;
    else over += (c - r) * h;
    req += r * h;
    on += c * h;
  }
  return { under_hours: under, over_hours: over, required_hours: req, on_phone_hours: on };
}

/** Interval values (index = minute / intervalMinutes) spread over the slots they hold (a slot inherits its interval's value). */
export function intervalsToSlots(values: ReadonlyMap<number, number>, intervalMinutes: number): Float64Array {
  const slots = new Float64Array(SLOTS_PER_DAY);
  const per = intervalMinutes / SLOT_MINUTES;
  for (const [i, v] of values) for (let k = 0; k < per; k++) slots[i * per + k] = v;
  return slots;
}

/** Slot values averaged into intervals of `intervalMinutes` (15, 30 or 60): index = minute / intervalMinutes. */
export function slotsToIntervals(slots: Float64Array, intervalMinutes: number): number[] {
  const per = intervalMinutes / SLOT_MINUTES;
  const out: number[] = [];
  for (let i = 0; i < SLOTS_PER_DAY; i += per) {
    let sum = 0;
    for (let k = 0; k < per; k++) sum += slots[i + k];
    out.push(sum / per);
  }
  return out;
}

// ---- rules ---------------------------------------------------------------------------------

export interface RepRules {
  rep_id: string;
  contracted_minutes: number;
  tolerance_minutes: number;
  max_days: number;
  min_rest_minutes: number;
  template_ids: number[] | null;
  /** Per ISO weekday the spans the rep can work; null = whenever the center is open. */
  availability: Record<number, Array<[number, number]>> | null;
}

export interface TimeOff {
  id?: number;
  rep_id: string;
  date: string;
  /** null = the whole day. */
  from_minute: number | null;
  to_minute: number | null;
  reason?: string;
  paid: boolean;
}

/** Minutes of paid time off credited toward the contract (a whole day: contracted / max_days). */
export function timeOffCredit(rules: Pick<RepRules, 'contracted_minutes' | 'max_days'>, off: readonly TimeOff[]): number {
  let credit = 0;
  for (const t of off) {
    if (!t.paid) continue;
    credit += t.from_minute === null || t.to_minute === null ? rules.contracted_minutes / Math.max(1, rules.max_days) : t.to_minute - t.from_minute;
  }
  return Math.round(credit);
}

/** The paid minutes a rep's week must fall within, after paid time off. */
export function contractBounds(rules: RepRules, off: readonly TimeOff[]): { min: number; max: number } {
  const credit = timeOffCredit(rules, off);
  return {
    min: Math.max(0, rules.contracted_minutes - rules.tolerance_minutes - credit),
    max: Math.max(0, rules.contracted_minutes + rules.tolerance_minutes - credit)
  };
}

export function isAvailable(rules: RepRules, weekday: number, start: number, end: number): boolean {
  if (rules.availability === null) return true;
  return (rules.availability[weekday] ?? []).some(([from, to]) => from <= start && end <= to);
}

export function overlapsTimeOff(off: readonly TimeOff[], date: string, start: number, end: number): boolean {
  return off.some((t) => t.date === date && (t.from_minute === null || t.to_minute === null || (t.from_minute < end && start < t.to_minute)));
}

export interface OpenSpan {
  open: number;
  close: number;
}

/**
 * What is wrong with a rep's week (the editor shows it; the optimiser never breaks these): shifts
 * outside opening hours or availability, on time off, too little rest, too many days, paid time
 * outside the contract band.
 */
export function ruleProblems(
  rules: RepRules,
  shifts: readonly Shift[],
  off: readonly TimeOff[],
  openOn: (date: string) => OpenSpan | null
): string[] {
  const problems: string[] = [];
  const sorted = [...shifts].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.start_minute - b.start_minute));
  for (const s of sorted) {
    const when = `${s.date} ${clock(s.start_minute)}–${clock(s.end_minute)}`;
    const open = openOn(s.date);
    if (!open) problems.push(`${when}: the center is closed that day`);
    else if (s.start_minute < open.open || s.end_minute > open.close) problems.push(`${when}: outside opening hours ${clock(open.open)}–${clock(open.close)}`);
    if (!isAvailable(rules, isoWeekday(s.date), s.start_minute, s.end_minute)) problems.push(`${when}: outside the rep's availability`);
    if (overlapsTimeOff(off, s.date, s.start_minute, s.end_minute)) problems.push(`${when}: on approved time off`);
    if (rules.template_ids && s.template_id !== null && !rules.template_ids.includes(s.template_id)) problems.push(`${when}: a shift type the rep does not work`);
  }
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const next = sorted[i];
    if (prev.date === next.date) problems.push(`${next.date}: two shifts on one day`);
    else if (daysBetween(prev.date, next.date) === 1 && 1440 - prev.end_minute + next.start_minute < rules.min_rest_minutes) {
      problems.push(`${prev.date}–${next.date}: less than ${rules.min_rest_minutes / 60} h rest between shifts`);
    }
  }
  if (sorted.length > rules.max_days) problems.push(`${sorted.length} days worked, at most ${rules.max_days}`);
  const paid = sorted.reduce((s, x) => s + paidMinutes(x), 0);
  const band = contractBounds(rules, off);
  if (paid < band.min || paid > band.max) {
    problems.push(`${(paid / 60).toFixed(1)} paid hours; the contract asks ${(band.min / 60).toFixed(1)}–${(band.max / 60).toFixed(1)}`);
  }
  return problems;
}

/**
 * A week's shifts from the reps' weekly patterns: each rep's usual template and start on each
 * weekday, skipping closed days, days the pattern's template does not apply, and time off.
 */
export function shiftsFromPatterns(
  reps: ReadonlyArray<{ rep_id: string; pattern: Record<number, { template_id: number; start_minute: number }> }>,
  templates: readonly ShiftTemplate[],
  dates: readonly string[],
  off: readonly TimeOff[],
  isClosed: (date: string) => boolean
): Shift[] {
  const byId = new Map(templates.map((t) => [t.id, t]));
  const shifts: Shift[] = [];
  for (const date of dates) {
    if (isClosed(date)) continue;
    for (const rep of reps) {
      const p = rep.pattern[isoWeekday(date)];
      const template = p && byId.get(p.template_id);
      if (!template || !template.weekdays.includes(isoWeekday(date))) continue;
      const shift = templateShift(rep.rep_id, date, template, p.start_minute);
      if (overlapsTimeOff(off.filter((t) => t.rep_id === rep.rep_id), date, shift.start_minute, shift.end_minute)) continue;
      shifts.push(shift);
    }
  }
  return shifts;
}
