/**
 * Schedule adherence: is each scheduled rep doing what the published schedule says, and how much of
 * their scheduled time so far did they spend that way. One definition, for a past day (the Coverage
 * page), the day view and the live floor (docs/definitions.md, "Adherence"):
 *
 *   In the scheduled state = on the phones (logged in and not paused: available, ringing, on a call or
 *   in wrap-up) while scheduled on the phones, and not on the phones (paused, logged out) while
 *   scheduled on a break or lunch. Adherence = time in the scheduled state / scheduled shift time
 *   (breaks included), so far. Time outside every shift counts neither way: a rep who logs in on a
 *   day off, or before their shift, is never held to it.
 *
 * The actual side is measured per 15-minute slot (available seconds, sql/coverage-rep-slices.sql):
 * within one slot the rep is given the best alignment of the two (`inStateSeconds`), so a break
 * taken a few minutes off its scheduled start within the same slot costs nothing. Live, what the rep
 * does this instant is judged against the schedule at this instant (`adherenceNow`), and a rep out of
 * the scheduled state for longer than the center's threshold is flagged.
 * Pure: shifts, slots and rep states in; figures out. Times of day are local wall-clock minutes.
 */
import type { LiveState } from '../reps/live-rep-state.ts';
import { SLOT_MINUTES, type BreakKind, type Shift } from '../roster/schedule-model.ts';

/** The default of the center setting `adherence_threshold_s`: out of adherence this long is flagged. */
export const DEFAULT_ADHERENCE_THRESHOLD_S = 300;
export const MIN_ADHERENCE_THRESHOLD_S = 60;
export const MAX_ADHERENCE_THRESHOLD_S = 3600;

export interface Adherence {
  rep_id: string;
  name: string;
  /** Scheduled shift time (breaks included) in the range, so far. */
  scheduled_s: number;
  /** Of it, time in the scheduled state. */
  in_state_s: number;
  adherence: number | null;
  /** Scheduled on-phone time, and the available time the rep actually had within their shifts. */
  scheduled_on_phone_s: number;
  on_phone_in_shift_s: number;
}

/** What the schedule has a rep doing at a minute: on the phones, on a break or lunch, or off (no shift). */
export type ScheduledActivity = 'phones' | BreakKind | 'off';

/** The live states that are "on the phones": logged in and not paused. */
export const ON_THE_PHONES: readonly LiveState[] = ['available', 'ringing', 'on_call', 'wrap_up'];
export const isOnThePhones = (state: LiveState): boolean => ON_THE_PHONES.includes(state);

/**
 * Seconds in the scheduled state within one slot, from the scheduled on-phone and break seconds there
 * and the rep's available seconds (at best alignment: available time fills the on-phone time first).
 */
export function inStateSeconds(scheduledOnS: number, scheduledBreakS: number, availableS: number): number {
  return Math.min(availableS, scheduledOnS) + Math.max(0, scheduledBreakS - Math.max(0, availableS - scheduledOnS));
}

/** A local instant: a date and the minute of its day (fractional for seconds). */
export interface LocalInstant {
  date: string;
  minute: number;
}

/**
 * Adherence of each scheduled rep from their shifts and their available seconds per 15-minute slot
 * (`available` keyed `rep_id|date|slot start minute`). With `until`, only the scheduled time before
 * that local instant counts (today so far); shifts of later dates count nothing.
 */
export function adherenceOf(shifts: readonly Shift[], available: ReadonlyMap<string, number>, names: ReadonlyMap<string, string>, until?: LocalInstant): Adherence[] {
  const byRep = new Map<string, Adherence>();
  for (const s of shifts) {
    const a = byRep.get(s.rep_id) ?? { rep_id: s.rep_id, name: names.get(s.rep_id) ?? s.rep_id, scheduled_s: 0, in_state_s: 0, adherence: null, scheduled_on_phone_s: 0, on_phone_in_shift_s: 0 };
    byRep.set(s.rep_id, a);
    const end = !until || s.date < until.date ? s.end_minute : s.date === until.date ? Math.min(s.end_minute, until.minute) : s.start_minute;
    if (end <= s.start_minute) continue;
    for (let slot = Math.floor(s.start_minute / SLOT_MINUTES); slot < Math.ceil(end / SLOT_MINUTES); slot++) {
      const from = Math.max(s.start_minute, slot * SLOT_MINUTES);
      const to = Math.min(end, (slot + 1) * SLOT_MINUTES);
      const inShift = (to - from) * 60;
      if (inShift <= 0) continue;
      const sOn = onPhoneSecondsBetween(s, from, to);
      const sBreak = inShift - sOn;
      const avail = Math.min(inShift, available.get(`${s.rep_id}|${s.date}|${slot * SLOT_MINUTES}`) ?? 0);
      a.scheduled_s += inShift;
      a.scheduled_on_phone_s += sOn;
      a.on_phone_in_shift_s += avail;
      a.in_state_s += inStateSeconds(sOn, sBreak, avail);
    }
  }
  return [...byRep.values()]
    .map((a) => ({ ...a, adherence: a.scheduled_s > 0 ? a.in_state_s / a.scheduled_s : null }))
    .sort((x, y) => (x.adherence ?? 2) - (y.adherence ?? 2) || x.name.localeCompare(y.name));
}

/** Seconds a shift has its rep scheduled on the phones between two minutes of its day. */
function onPhoneSecondsBetween(s: Shift, from: number, to: number): number {
  const lo = Math.max(from, s.start_minute);
  const hi = Math.min(to, s.end_minute);
  if (hi <= lo) return 0;
  const onBreak = s.breaks.reduce((sum, b) => sum + Math.max(0, Math.min(hi, b.start_minute + b.minutes) - Math.max(lo, b.start_minute)), 0);
  return (hi - lo - onBreak) * 60;
}

/** What the shift has its rep doing at a minute, and the minute that activity began. */
export function scheduledAt(shift: Shift | undefined, minute: number): { activity: ScheduledActivity; from_minute: number | null } {
  if (!shift || minute < shift.start_minute || minute >= shift.end_minute) return { activity: 'off', from_minute: null };
  const breaks = [...shift.breaks].sort((a, b) => a.start_minute - b.start_minute);
  const onBreak = breaks.find((b) => b.start_minute <= minute && minute < b.start_minute + b.minutes);
  if (onBreak) return { activity: onBreak.kind, from_minute: onBreak.start_minute };
  const lastBreakEnd = breaks.map((b) => b.start_minute + b.minutes).filter((e) => e <= minute);
  return { activity: 'phones', from_minute: Math.max(shift.start_minute, ...lastBreakEnd) };
}
