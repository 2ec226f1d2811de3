/**
 * Center-wide settings from the `settings` table (key → JSON value), with the documented defaults.
 * The time zone order is: an explicit option (CLI --timezone, env CALLBOARD_TZ), then the stored
 * `timezone`, then America/Chicago (the README's Configuration).
 */
import type { Database } from '../sql/db.ts';
import { DEFAULT_ADHERENCE_THRESHOLD_S } from './staffing/adherence.ts';

export const DEFAULT_TIME_ZONE = 'America/Chicago';
/** Lost-call follow-up window: a day (issue 3). */
export const DEFAULT_FOLLOW_UP_WINDOW_S = 24 * 3600;
/** Repeat-caller look-back: three days (issue 3). */
export const DEFAULT_REPEAT_WINDOW_S = 72 * 3600;
/**
 * Maximum shift length (issue 13): the longest a log-in no log-off closed can count
 * (sql/migrations/018-rep-state-ends.sql reads the stored value; this is its default).
 */
export const DEFAULT_MAX_SHIFT_S = 12 * 3600;
export const MIN_MAX_SHIFT_S = 3600;
export const MAX_MAX_SHIFT_S = 24 * 3600;
/** A full-time rep's weekly hours: 1 FTE in the staffing plan (issue 15). */
export const DEFAULT_FULL_TIME_HOURS = 40;
export const MIN_FULL_TIME_HOURS = 10;
export const MAX_FULL_TIME_HOURS = 60;

export interface CenterSettings {
  timezone: string | null;
  follow_up_window_s: number;
  repeat_window_s: number;
  max_shift_s: number;
  /** Out of the scheduled state longer than this is flagged on the live floor (analytics/staffing/adherence.ts). */
  adherence_threshold_s: number;
  /** Weekly hours of a full-time rep: 1 FTE in the staffing plan (analytics/plan/). */
  full_time_hours: number;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const positive = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback);

/** Each queue's display name (settings), else its name: read once while nothing is written (db.lookups). */
export function queueLabels(db: Database): Promise<Array<{ queue: string; label: string }>> {
  return db.lookups.get('queue-labels', () => db.query<{ queue: string; label: string }>('queue-labels'));
}

/**
 * Every queue Callboard knows of (sql/known-queues.sql), read once while nothing is written
 * (db.lookups): it reads every call (0.1-0.5 s at 10M calls), and the calls, live and metrics answers ask.
 * Nothing of it moves with the clock, so it is kept until the next write (no refresh every few seconds).
 */
export async function knownQueues(db: Database): Promise<string[]> {
  return [...(await db.lookups.get('known-queues', async () => (await db.query<{ queue: string }>('known-queues')).map((r) => r.queue), Infinity))];
}

/** The settings, read once while nothing is written (db.lookups): every request and many queries ask. */
export function readCenterSettings(db: Database): Promise<CenterSettings> {
  return db.lookups.get('center-settings', () => readSettingsRows(db));
}

async function readSettingsRows(db: Database): Promise<CenterSettings> {
  const rows = await db.query<{ key: string; value: string | null }>('center-settings');
  const value = (key: string) => parseJson(rows.find((r) => r.key === key)?.value ?? null);
  const tz = value('timezone');
  return {
    timezone: typeof tz === 'string' && tz !== '' ? tz : null,
    follow_up_window_s: positive(value('follow_up_window_s'), DEFAULT_FOLLOW_UP_WINDOW_S),
    repeat_window_s: positive(value('repeat_window_s'), DEFAULT_REPEAT_WINDOW_S),
    max_shift_s: positive(value('max_shift_s'), DEFAULT_MAX_SHIFT_S),
    adherence_threshold_s: positive(value('adherence_threshold_s'), DEFAULT_ADHERENCE_THRESHOLD_S),
    full_time_hours: positive(value('full_time_hours'), DEFAULT_FULL_TIME_HOURS)
  };
}

/** The zone to cut days in: the caller's explicit choice, else the stored one, else the default. */
export async function centerTimeZone(db: Database, explicit?: string | null): Promise<string> {
  if (explicit) return explicit;
  return (await readCenterSettings(db)).timezone ?? DEFAULT_TIME_ZONE;
}
