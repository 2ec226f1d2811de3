/**
 * Adherence in plain words for the live floor and the day view: "Maria Gonzalez — scheduled on the
 * phones, logged out since 10:02". Pure; times in the center's zone, 24-hour like the schedule.
 */
import type { ScheduledActivity } from '../../../analytics/staffing/adherence.ts';
import type { AdherenceFlag } from '../../server/live/live-adherence.ts';

export const SCHEDULED_WORDS: Record<ScheduledActivity, string> = {
  phones: 'on the phones',
  break: 'on a break',
  lunch: 'at lunch',
  off: 'off'
};

const DOING_WORDS: Record<string, string> = {
  available: 'on the phones (available)',
  ringing: 'on the phones (ringing)',
  on_call: 'on the phones (on a call)',
  wrap_up: 'on the phones (wrap-up)',
  paused: 'paused',
  logged_out: 'logged out'
};

/** What the rep is doing, in words: "paused (Lunch)", "logged out". */
export function doingWords(state: string, reason: string | null): string {
  const words = DOING_WORDS[state] ?? state;
  return state === 'paused' && reason ? `${words} (${reason})` : words;
}

/** HH:MM of an instant in the zone. */
export function timeOfDay(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** "scheduled on the phones, logged out since 10:02" (the name goes before it). */
export function flagWords(f: Pick<AdherenceFlag, 'scheduled' | 'state' | 'reason' | 'since'>, timeZone: string): string {
  return `scheduled ${SCHEDULED_WORDS[f.scheduled]}, ${doingWords(f.state, f.reason)} since ${timeOfDay(f.since, timeZone)}`;
}
