/**
 * The admin's settings (migration 002's tables): per queue the label, service-level threshold,
 * short-abandon threshold, service-level formula and opening hours; the roster (member interface to
 * person, team, active); the center's time zone (settings key 'timezone') and the maximum shift
 * length (key 'max_shift_s': where a log-in nobody logged off ends); the adherence threshold (key
 * 'adherence_threshold_s': out of the scheduled state this long is flagged on /live); the full-time week (key
 * 'full_time_hours': 1 FTE in the staffing plan). Every change is written
 * with its audit record (before and after) in one transaction.
 */
import { refreshCallSlices } from '../../../sql/upkeep/call-slices.ts';
import { rebuildRepCallDays } from '../../../sql/upkeep/rep-call-days.ts';
import { catchUpFactsSoon } from '../facts-catch-up.ts';
import type { Database } from '../../../sql/db.ts';
import { InputError } from '../../../sql/errors.ts';
import { checkTimeZone, type SlFormula } from '../../../analytics/metrics/metric-query.ts';
import { MAX_FULL_TIME_HOURS, MAX_MAX_SHIFT_S, MIN_FULL_TIME_HOURS, MIN_MAX_SHIFT_S, readCenterSettings } from '../../../analytics/center-settings.ts';
import { MAX_ADHERENCE_THRESHOLD_S, MIN_ADHERENCE_THRESHOLD_S } from '../../../analytics/staffing/adherence.ts';
import { audit, type Actor } from '../audit.ts';
import { forgetStoredZone, type Context } from '../context.ts';

export interface OpeningSpan {
  /** ISO weekday: 1 = Monday .. 7 = Sunday. */
  weekday: number;
  /** Local minutes from midnight; close exclusive, up to 1440. */
  open_minute: number;
  close_minute: number;
}

export interface QueueSettings {
  queue: string;
  label: string | null;
  sl_threshold_s: number | null;
  short_abandon_s: number | null;
  sl_formula: SlFormula | null;
  /** Whether the queue has a stored row (else the defaults apply). */
  configured: boolean;
  hours: OpeningSpan[];
}

export interface RosterEntry {
  interface: string;
  rep_id: string;
  name: string | null;
  team: string | null;
  active: boolean | null;
  /** False for an interface seen in the data that nobody has named yet. */
  on_roster: boolean;
}

export interface CenterSettingsView {
  timezone: string | null;
  /** The zone set by the server's operator (CALLBOARD_TZ / --timezone), which wins over the stored one. */
  timezone_override: string | null;
  /** The longest a log-in with no log-off counts, in seconds (README, "Reps: logged in, paused, on the phones"). */
  max_shift_s: number;
  /** Out of the scheduled state longer than this (seconds) is flagged on the live floor. */
  adherence_threshold_s: number;
  /** A full-time rep's weekly hours: 1 FTE in the staffing plan. */
  full_time_hours: number;
  queues: QueueSettings[];
  roster: RosterEntry[];
}

export async function readSettings({ db, operatorTimeZone }: Context): Promise<CenterSettingsView> {
  const [center, queues, roster] = await Promise.all([
    readCenterSettings(db),
    db.query<QueueSettings>('settings-queues'),
    db.query<RosterEntry>('settings-roster')
  ]);
  return { timezone: center.timezone, timezone_override: operatorTimeZone, max_shift_s: center.max_shift_s, adherence_threshold_s: center.adherence_threshold_s, full_time_hours: center.full_time_hours, queues, roster };
}

export interface QueueInput {
  label: string | null;
  sl_threshold_s: number;
  short_abandon_s: number;
  sl_formula: SlFormula;
  hours: OpeningSpan[];
}

/** Spans of one weekday must not overlap (two spans make a lunch break). */
export function checkHours(hours: OpeningSpan[]): OpeningSpan[] {
  const sorted = [...hours].sort((a, b) => a.weekday - b.weekday || a.open_minute - b.open_minute);
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i];
    if (s.close_minute <= s.open_minute) throw new InputError(`opening hours: weekday ${s.weekday} closes before it opens`);
    const prev = sorted[i - 1];
    if (prev && prev.weekday === s.weekday && prev.close_minute > s.open_minute) {
      throw new InputError(`opening hours: weekday ${s.weekday} has overlapping spans`);
    }
  }
  return sorted;
}

async function queueRow(db: Database, queue: string, conn: Parameters<Database['all']>[2]) {
  const [row] = await db.all<Omit<QueueSettings, 'configured'>>(
    `SELECT queue, label, sl_threshold_s, short_abandon_s, sl_formula,
            COALESCE((SELECT list({'weekday': weekday, 'open_minute': open_minute, 'close_minute': close_minute} ORDER BY weekday, open_minute)
                      FROM queue_opening_hours WHERE queue = $queue), []) AS hours
     FROM queue_settings WHERE queue = $queue`,
    { queue },
    conn
  );
  return row ?? null;
}

export async function saveQueue(db: Database, user: Actor, queue: string, input: QueueInput): Promise<QueueSettings> {
  const hours = checkHours(input.hours);
  return db.transaction(async (conn) => {
    const before = await queueRow(db, queue, conn);
    await db.run(
      `INSERT INTO queue_settings (queue, label, sl_threshold_s, short_abandon_s, sl_formula)
       VALUES ($queue, $label, $sl, $short, $formula)
       ON CONFLICT (queue) DO UPDATE SET label = excluded.label, sl_threshold_s = excluded.sl_threshold_s,
         short_abandon_s = excluded.short_abandon_s, sl_formula = excluded.sl_formula`,
      { queue, label: input.label, sl: input.sl_threshold_s, short: input.short_abandon_s, formula: input.sl_formula },
      conn
    );
    await db.run('DELETE FROM queue_opening_hours WHERE queue = $queue', { queue }, conn);
    for (const h of hours) {
      await db.run('INSERT INTO queue_opening_hours VALUES ($queue, $weekday, $open, $close)', { queue, weekday: h.weekday, open: h.open_minute, close: h.close_minute }, conn);
    }
    const after = (await queueRow(db, queue, conn))!;
    const judgedAlike = before && (['sl_threshold_s', 'short_abandon_s', 'sl_formula'] as const).every((k) => before[k] === after[k]);
    if (!judgedAlike) await refreshCallSlices(db, conn); // the metrics summary judges calls by these
    await audit(db, conn, { user, action: before ? 'update' : 'create', entity: 'queue_settings', entityId: queue, before, after });
    return { ...after, configured: true };
  });
}

export interface RosterInput {
  interface: string;
  /** Only for an interface not on the roster yet: join an existing person (default: derived from the interface). */
  rep_id?: string | null;
  name: string;
  team: string | null;
  active: boolean;
}

const rosterRow = (db: Database, iface: string, conn: Parameters<Database['all']>[2]) =>
  db.one<Omit<RosterEntry, 'on_roster'>>('SELECT interface, rep_id, name, team, active FROM roster WHERE interface = $iface', { iface }, conn);

export async function saveRosterEntry(db: Database, user: Actor, input: RosterInput): Promise<RosterEntry> {
  return db.transaction(async (conn) => {
    const before = (await rosterRow(db, input.interface, conn)) ?? null;
    if (before && input.rep_id && input.rep_id !== before.rep_id) {
      throw new InputError(`${input.interface} is already ${before.rep_id}; a rep id never changes (notes and evaluations are filed under it)`);
    }
    await db.run(
      `INSERT INTO roster (interface, rep_id, name, team, active)
       VALUES ($iface, COALESCE($rep_id, rep_id_of($iface)), $name, $team, $active)
       ON CONFLICT (interface) DO UPDATE SET name = excluded.name, team = excluded.team, active = excluded.active`,
      { iface: input.interface, rep_id: input.rep_id ?? null, name: input.name, team: input.team, active: input.active },
      conn
    );
    const after = (await rosterRow(db, input.interface, conn))!;
    await audit(db, conn, { user, action: before ? 'update' : 'create', entity: 'roster', entityId: input.interface, before, after });
    return { ...after, on_roster: true };
  });
}

/** Stores one center-wide setting (a JSON value under its key) with its audit record, in one transaction. */
export async function saveSetting<T>(db: Database, user: Actor, key: string, value: T): Promise<void> {
  await db.transaction(async (conn) => {
    const before = await db.one<{ value: string | null }>(`SELECT CAST(value AS VARCHAR) AS value FROM settings WHERE key = $key`, { key }, conn);
    await db.run(
      `INSERT INTO settings (key, value) VALUES ($key, CAST($json AS JSON))
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      { key, json: JSON.stringify(value) },
      conn
    );
    await audit(db, conn, {
      user,
      action: before ? 'update' : 'create',
      entity: 'setting',
      entityId: key,
      before: before?.value ? { [key]: JSON.parse(before.value) } : null,
      after: { [key]: value }
    });
  });
}

export async function saveTimeZone(db: Database, user: Actor, timeZone: string): Promise<{ timezone: string }> {
  const zone = checkTimeZone(timeZone);
  await saveSetting(db, user, 'timezone', zone).finally(() => forgetStoredZone(db)); // the next request's context reads the new zone
  // The trends' per-day summaries are kept in the center's zone: the quality one is built again in the
  // new zone here (seconds at 10M calls), the repeat one with the facts' next catch-up, in the
  // background (the calls answer until then).
  if (await db.transaction((conn) => rebuildRepCallDays(db, conn, zone))) void catchUpFactsSoon(db, (l) => console.error(l), { reportDone: false });
  return { timezone: zone };
}

/** Stores the maximum shift length (whole minutes, 1 to 24 hours); the rep-state figures read it at once. */
export async function saveMaxShift(db: Database, user: Actor, seconds: number): Promise<{ max_shift_s: number }> {
  if (!Number.isInteger(seconds) || seconds % 60 !== 0 || seconds < MIN_MAX_SHIFT_S || seconds > MAX_MAX_SHIFT_S) {
    throw new InputError(`max_shift_s: give whole minutes from ${MIN_MAX_SHIFT_S / 3600} to ${MAX_MAX_SHIFT_S / 3600} hours, in seconds (got ${seconds})`);
  }
  await saveSetting(db, user, 'max_shift_s', seconds);
  return { max_shift_s: seconds };
}

/** Stores the adherence threshold (whole minutes, 1 to 60); the live floor flags by it at once. */
export async function saveAdherenceThreshold(db: Database, user: Actor, seconds: number): Promise<{ adherence_threshold_s: number }> {
  if (!Number.isInteger(seconds) || seconds % 60 !== 0 || seconds < MIN_ADHERENCE_THRESHOLD_S || seconds > MAX_ADHERENCE_THRESHOLD_S) {
    throw new InputError(`adherence_threshold_s: give whole minutes from ${MIN_ADHERENCE_THRESHOLD_S / 60} to ${MAX_ADHERENCE_THRESHOLD_S / 60}, in seconds (got ${seconds})`);
  }
  await saveSetting(db, user, 'adherence_threshold_s', seconds);
  return { adherence_threshold_s: seconds };
}

/** Stores a full-time rep's weekly hours (1 FTE in the staffing plan; 10 to 60, in quarter hours). */
export async function saveFullTimeHours(db: Database, user: Actor, hours: number): Promise<{ full_time_hours: number }> {
  if (!Number.isFinite(hours) || Math.round(hours * 4) !== hours * 4 || hours < MIN_FULL_TIME_HOURS || hours > MAX_FULL_TIME_HOURS) {
    throw new InputError(`full_time_hours: give hours from ${MIN_FULL_TIME_HOURS} to ${MAX_FULL_TIME_HOURS} in quarter hours (got ${hours})`);
  }
  await saveSetting(db, user, 'full_time_hours', hours);
  return { full_time_hours: hours };
}
