/**
 * Reading the planning data: shift templates, the reps' profiles (contract, availability, weekly
 * pattern), time off, opening hours, and the week schedules with their shifts (migration 006).
 * Writing it is app/server/schedules.ts's job (every change audited).
 */
import type { Database } from '../../sql/db.ts';
import { addDays, type OpenSpan, type PlacedBreak, type RepRules, type Shift, type ShiftTemplate, type TimeOff } from './schedule-model.ts';

export interface RepPlan extends RepRules {
  name: string;
  team: string | null;
  primary_queue: string | null;
  active: boolean;
  /** ISO weekday → the usual shift that day. */
  pattern: Record<number, { template_id: number; start_minute: number }>;
}

export interface WeekSchedule {
  week_start: string;
  status: 'draft' | 'published' | 'none';
  version: number;
  source: string | null;
  updated_at: string | null;
  updated_by: string | null;
  published_at: string | null;
  published_by: string | null;
  shifts: Shift[];
}

const parse = <T>(text: unknown, fallback: T): T => {
  if (typeof text !== 'string') return (text as T) ?? fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

export async function readTemplates(db: Database, opts: { includeInactive?: boolean } = {}): Promise<ShiftTemplate[]> {
  const rows = await db.all<Omit<ShiftTemplate, 'breaks'> & { breaks: string }>(
    `SELECT id, name, earliest_start, latest_start, start_step_minutes, length_minutes, weekdays,
            CAST(breaks AS VARCHAR) AS breaks, active
     FROM shift_templates WHERE active OR $all ORDER BY earliest_start, length_minutes DESC, id`,
    { all: !!opts.includeInactive }
  );
  return rows.map((r) => ({ ...r, weekdays: [...r.weekdays], breaks: parse(r.breaks, []) }));
}

export async function readRepPlans(db: Database, opts: { includeInactive?: boolean } = {}): Promise<RepPlan[]> {
  const [profiles, availability, patterns, names] = await Promise.all([
    db.all<{
      rep_id: string; contracted_minutes: number; tolerance_minutes: number; max_days: number; min_rest_minutes: number;
      primary_queue: string | null; template_ids: number[] | null; active: boolean;
    }>(`SELECT * FROM schedule_reps WHERE active OR $all ORDER BY rep_id`, { all: !!opts.includeInactive }),
    db.all<{ rep_id: string; weekday: number; from_minute: number; to_minute: number }>(
      'SELECT rep_id, weekday, from_minute, to_minute FROM rep_availability ORDER BY rep_id, weekday, from_minute'
    ),
    db.all<{ rep_id: string; weekday: number; template_id: number; start_minute: number }>('SELECT * FROM weekly_patterns'),
    db.all<{ rep_id: string; name: string; team: string | null }>('SELECT rep_id, min(name) AS name, min(team) AS team FROM roster GROUP BY rep_id')
  ]);
  const nameOf = new Map(names.map((n) => [n.rep_id, n]));
  return profiles
    .map((p) => {
      const spans = availability.filter((a) => a.rep_id === p.rep_id);
      const avail: Record<number, Array<[number, number]>> = {};
      for (const a of spans) (avail[a.weekday] ??= []).push([a.from_minute, a.to_minute]);
      const pattern: RepPlan['pattern'] = {};
      for (const w of patterns.filter((x) => x.rep_id === p.rep_id)) pattern[w.weekday] = { template_id: w.template_id, start_minute: w.start_minute };
      return {
        ...p,
        template_ids: p.template_ids ? [...p.template_ids] : null,
        name: nameOf.get(p.rep_id)?.name ?? p.rep_id,
        team: nameOf.get(p.rep_id)?.team ?? null,
        availability: spans.length > 0 ? avail : null,
        pattern
      };
    })
    .sort((a, b) => (a.team ?? '').localeCompare(b.team ?? '') || a.name.localeCompare(b.name));
}

export async function readTimeOff(db: Database, from: string, to: string): Promise<Array<TimeOff & { id: number; reason: string }>> {
  return db.all(
    `SELECT id, rep_id, strftime(date, '%Y-%m-%d') AS date, from_minute, to_minute, reason, paid FROM time_off
     WHERE date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) ORDER BY date, rep_id, id`,
    { from, to }
  );
}

/**
 * When the center is open on each ISO weekday: the span from the earliest opening to the latest
 * closing over all queues (queue_opening_hours). Empty when no hours are configured.
 */
export async function readOpeningHours(db: Database): Promise<Map<number, OpenSpan>> {
  const rows = await db.all<{ weekday: number; open: number; close: number }>(
    'SELECT weekday, min(open_minute) AS open, max(close_minute) AS close FROM queue_opening_hours GROUP BY weekday'
  );
  return new Map(rows.map((r) => [r.weekday, { open: r.open, close: r.close }]));
}

interface ShiftRow extends Omit<Shift, 'breaks'> {
  breaks: string;
}

const SHIFT_COLUMNS = `rep_id, strftime(date, '%Y-%m-%d') AS date, start_minute, end_minute, template_id, CAST(breaks AS VARCHAR) AS breaks`;
const shiftOf = (r: ShiftRow): Shift => ({ ...r, breaks: parse<PlacedBreak[]>(r.breaks, []) });

export async function readShifts(db: Database, from: string, to: string): Promise<Shift[]> {
  const rows = await db.all<ShiftRow>(
    `SELECT ${SHIFT_COLUMNS} FROM schedule_shifts WHERE date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE) ORDER BY date, rep_id`,
    { from, to }
  );
  return rows.map(shiftOf);
}

export async function readWeek(db: Database, monday: string): Promise<WeekSchedule> {
  const [week] = await db.all<Omit<WeekSchedule, 'shifts' | 'week_start'>>(
    `SELECT status, version, source,
            strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') AS updated_at, updated_by,
            strftime(published_at, '%Y-%m-%dT%H:%M:%SZ') AS published_at, published_by
     FROM schedule_weeks WHERE week_start = CAST($w AS DATE)`,
    { w: monday }
  );
  const shifts = await readShifts(db, monday, addDays(monday, 6));
  return week
    ? { week_start: monday, ...week, shifts }
    : { week_start: monday, status: 'none', version: 0, source: null, updated_at: null, updated_by: null, published_at: null, published_by: null, shifts };
}
