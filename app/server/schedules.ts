/**
 * Every change a scheduler makes to coverage planning, each in one transaction with its audit record
 * (who, when, before, after): staffing targets, special days, forecast adjustments, shift templates,
 * the reps' planning profiles, time off, the week schedules and their shifts, the optimiser's
 * proposals (accepting one), and publishing. A week's version goes up with every change; a change
 * that names an older version than the week's is refused (409) instead of overwriting someone's work.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../sql/db.ts';
import { ConflictError, InputError, NotFoundError } from '../../sql/errors.ts';
import { readRepPlans, readTemplates, readTimeOff, readWeek, type WeekSchedule } from '../../analytics/roster/schedule.ts';
import type { PlanningSetup } from '../../analytics/roster/schedule-history.ts';
import {
  addDays,
  defaultBreakRules,
  mondayOf,
  placeBreaks,
  shiftsFromPatterns,
  templateShift,
  weekDates,
  type PlacedBreak,
  type Shift,
  type ShiftTemplate
} from '../../analytics/roster/schedule-model.ts';
import type { StaffingTarget } from '../../analytics/staffing/coverage-targets.ts';
import type { Adjustment } from '../../analytics/forecast/forecast-model.ts';
import { audit, type Actor } from './audit.ts';

const json = (v: unknown) => JSON.stringify(v);

// ---- staffing targets ----------------------------------------------------------------------

export type TargetFields = Omit<StaffingTarget, 'queue' | 'source' | 'sl_threshold_s'> & { sl_threshold_s: number | null };

export async function setTarget(db: Database, actor: Actor, queue: string, t: TargetFields): Promise<void> {
  await db.transaction(async (conn) => {
    const [before] = await db.all('SELECT * FROM staffing_targets WHERE queue = $queue', { queue }, conn);
    await db.all(
      `INSERT OR REPLACE INTO staffing_targets (queue, sl_target, sl_threshold_s, asa_target_s, max_occupancy, shrinkage, model)
       VALUES ($queue, $sl_target, $sl_threshold_s, $asa_target_s, $max_occupancy, $shrinkage, $model)`,
      { queue, ...t },
      conn
    );
    await audit(db, conn, { user: actor, action: before ? 'update' : 'create', entity: 'staffing_target', entityId: queue, before: before ?? null, after: { queue, ...t } });
  });
}

// ---- special days and forecast adjustments ----------------------------------------------

export interface SpecialDayInput {
  date: string;
  queue: string;
  kind: 'closed' | 'special';
  name: string;
  volume_factor: number;
}

export async function setSpecialDay(db: Database, actor: Actor, s: SpecialDayInput): Promise<void> {
  await db.transaction(async (conn) => {
    const key = { date: s.date, queue: s.queue };
    const [before] = await db.all(`SELECT strftime(date, '%Y-%m-%d') AS date, queue, kind, name, volume_factor FROM special_days WHERE date = CAST($date AS DATE) AND queue = $queue`, key, conn);
    await db.all(
      'INSERT OR REPLACE INTO special_days (date, queue, kind, name, volume_factor) VALUES (CAST($date AS DATE), $queue, $kind, $name, $volume_factor)',
      { ...s, volume_factor: s.kind === 'closed' ? 0 : s.volume_factor },
      conn
    );
    await audit(db, conn, { user: actor, action: before ? 'update' : 'create', entity: 'special_day', entityId: `${s.date}|${s.queue}`, before: before ?? null, after: s });
  });
}

export async function removeSpecialDay(db: Database, actor: Actor, date: string, queue: string): Promise<void> {
  await db.transaction(async (conn) => {
    const [before] = await db.all(`SELECT strftime(date, '%Y-%m-%d') AS date, queue, kind, name, volume_factor FROM special_days WHERE date = CAST($date AS DATE) AND queue = $queue`, { date, queue }, conn);
    if (!before) throw new NotFoundError(`No special day ${date} for ${queue === '*' ? 'every queue' : queue}`);
    await db.all('DELETE FROM special_days WHERE date = CAST($date AS DATE) AND queue = $queue', { date, queue }, conn);
    await audit(db, conn, { user: actor, action: 'delete', entity: 'special_day', entityId: `${date}|${queue}`, before, after: null });
  });
}

export type AdjustmentInput = Omit<Adjustment, 'id'>;

export async function addAdjustment(db: Database, actor: Actor, a: AdjustmentInput): Promise<number> {
  if (a.to_minute <= a.from_minute) throw new InputError('to_minute must be after from_minute');
  return db.transaction(async (conn) => {
    const [{ id }] = await db.all<{ id: number }>(
      `INSERT INTO forecast_adjustments (queue, date, from_minute, to_minute, factor, reason, created_by)
       VALUES ($queue, CAST($date AS DATE), $from_minute, $to_minute, $factor, $reason, $by) RETURNING id`,
      { ...a, by: actor.username },
      conn
    );
    await audit(db, conn, { user: actor, action: 'create', entity: 'forecast_adjustment', entityId: id, after: { id, ...a } });
    return id;
  });
}

export async function removeAdjustment(db: Database, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (conn) => {
    const [before] = await db.all(
      `SELECT id, queue, strftime(date, '%Y-%m-%d') AS date, from_minute, to_minute, factor, reason, created_by FROM forecast_adjustments WHERE id = $id AND deleted_at IS NULL`,
      { id },
      conn
    );
    if (!before) throw new NotFoundError(`No forecast adjustment ${id}`);
    await db.all('UPDATE forecast_adjustments SET deleted_at = now() WHERE id = $id', { id }, conn);
    await audit(db, conn, { user: actor, action: 'delete', entity: 'forecast_adjustment', entityId: id, before, after: null });
  });
}

// ---- templates -----------------------------------------------------------------------------

/** A template as created or changed: the model's own, without its id (active defaults to true). */
export type TemplateInput = Omit<ShiftTemplate, 'id' | 'active'> & { active?: boolean };

function checkTemplate(t: TemplateInput): void {
  if (t.latest_start < t.earliest_start) throw new InputError('the latest start is before the earliest start');
  if (t.latest_start + t.length_minutes > 1440) throw new InputError('a shift may not run past midnight');
  for (const b of t.breaks) {
    if (b.latest_after < b.earliest_after) throw new InputError(`a ${b.kind}'s latest start is before its earliest`);
    if (b.latest_after + b.minutes > t.length_minutes) throw new InputError(`a ${b.kind} would end after the shift`);
  }
}

async function insertTemplate(db: Database, conn: DuckDBConnection, t: TemplateInput): Promise<number> {
  const [{ id }] = await db.all<{ id: number }>(
    `INSERT INTO shift_templates (name, earliest_start, latest_start, start_step_minutes, length_minutes, weekdays, breaks, active)
     VALUES ($name, $earliest_start, $latest_start, $start_step_minutes, $length_minutes, CAST(CAST($weekdays AS JSON) AS INTEGER[]),
             CAST($breaks AS JSON), $active) RETURNING id`,
    { ...t, weekdays: json(t.weekdays), breaks: json(t.breaks), active: t.active ?? true },
    conn
  );
  return id;
}

export async function createTemplate(db: Database, actor: Actor, t: TemplateInput): Promise<number> {
  checkTemplate(t);
  return db.transaction(async (conn) => {
    if (await db.one('SELECT 1 FROM shift_templates WHERE name = $name', { name: t.name }, conn)) throw new ConflictError(`a template is already called "${t.name}"`);
    const id = await insertTemplate(db, conn, t);
    await audit(db, conn, { user: actor, action: 'create', entity: 'shift_template', entityId: id, after: { id, ...t } });
    return id;
  });
}

export async function updateTemplate(db: Database, actor: Actor, id: number, change: Partial<TemplateInput>): Promise<void> {
  await db.transaction(async (conn) => {
    const before = (await readTemplates(db, { includeInactive: true })).find((t) => t.id === id);
    if (!before) throw new NotFoundError(`No shift template ${id}`);
    if (change.name !== undefined && (await db.one('SELECT 1 FROM shift_templates WHERE name = $name AND id <> $id', { name: change.name, id }, conn))) {
      throw new ConflictError(`a template is already called "${change.name}"`);
    }
    const after = { ...before, ...change };
    checkTemplate(after);
    await db.all(
      `UPDATE shift_templates SET name = $name, earliest_start = $earliest_start, latest_start = $latest_start,
         start_step_minutes = $start_step_minutes, length_minutes = $length_minutes,
         weekdays = CAST(CAST($weekdays AS JSON) AS INTEGER[]), breaks = CAST($breaks AS JSON), active = $active
       WHERE id = $id`,
      { id, name: after.name, earliest_start: after.earliest_start, latest_start: after.latest_start, start_step_minutes: after.start_step_minutes,
        length_minutes: after.length_minutes, weekdays: json(after.weekdays), breaks: json(after.breaks), active: after.active },
      conn
    );
    await audit(db, conn, { user: actor, action: 'update', entity: 'shift_template', entityId: id, before, after });
  });
}

// ---- reps' planning profiles ---------------------------------------------------------------

export interface RepPlanInput {
  contracted_minutes: number;
  tolerance_minutes: number;
  max_days: number;
  min_rest_minutes: number;
  primary_queue: string | null;
  template_ids: number[] | null;
  active: boolean;
  availability: Array<{ weekday: number; from_minute: number; to_minute: number }>;
  pattern: Array<{ weekday: number; template_id: number; start_minute: number }>;
}

async function writeRepPlan(db: Database, conn: DuckDBConnection, repId: string, p: RepPlanInput): Promise<void> {
  await db.all(
    `INSERT OR REPLACE INTO schedule_reps (rep_id, contracted_minutes, tolerance_minutes, max_days, min_rest_minutes, primary_queue, template_ids, active)
     VALUES ($rep_id, $contracted_minutes, $tolerance_minutes, $max_days, $min_rest_minutes, $primary_queue,
             CAST(CAST($template_ids AS JSON) AS INTEGER[]), $active)`,
    { rep_id: repId, contracted_minutes: p.contracted_minutes, tolerance_minutes: p.tolerance_minutes, max_days: p.max_days,
      min_rest_minutes: p.min_rest_minutes, primary_queue: p.primary_queue, template_ids: p.template_ids ? json(p.template_ids) : null, active: p.active },
    conn
  );
  await db.all('DELETE FROM rep_availability WHERE rep_id = $rep_id', { rep_id: repId }, conn);
  for (const a of p.availability) {
    await db.all('INSERT INTO rep_availability VALUES ($rep_id, $weekday, $from_minute, $to_minute)', { rep_id: repId, ...a }, conn);
  }
  await db.all('DELETE FROM weekly_patterns WHERE rep_id = $rep_id', { rep_id: repId }, conn);
  for (const w of p.pattern) {
    await db.all('INSERT INTO weekly_patterns VALUES ($rep_id, $weekday, $template_id, $start_minute)', { rep_id: repId, ...w }, conn);
  }
}

export async function setRepPlan(db: Database, actor: Actor, repId: string, p: RepPlanInput): Promise<void> {
  const templates = new Set((await readTemplates(db, { includeInactive: true })).map((t) => t.id));
  for (const id of [...(p.template_ids ?? []), ...p.pattern.map((w) => w.template_id)]) {
    if (!templates.has(id)) throw new InputError(`No shift template ${id}`);
  }
  for (const a of p.availability) if (a.to_minute <= a.from_minute) throw new InputError(`availability on weekday ${a.weekday} ends before it starts`);
  await db.transaction(async (conn) => {
    const before = (await readRepPlans(db, { includeInactive: true })).find((r) => r.rep_id === repId) ?? null;
    await writeRepPlan(db, conn, repId, p);
    await audit(db, conn, { user: actor, action: before ? 'update' : 'create', entity: 'rep_plan', entityId: repId, before, after: p });
  });
}

/**
 * Stores a set-up read from history (analytics/schedule-history.ts): its templates (by name: an
 * existing template of that name is kept) and every rep's profile, availability and pattern.
 * Refused when profiles exist unless `replace`.
 */
export async function applySetup(db: Database, actor: Actor, setup: PlanningSetup, opts: { replace?: boolean } = {}): Promise<{ templates: number; reps: number }> {
  return db.transaction(async (conn) => {
    const [{ n }] = await db.all<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM schedule_reps', {}, conn);
    if (n > 0 && !opts.replace) throw new ConflictError(`${n} reps already have planning profiles; set up again only with replace`);
    const ids = new Map<string, number>();
    for (const row of await db.all<{ id: number; name: string }>('SELECT id, name FROM shift_templates', {}, conn)) ids.set(row.name, row.id);
    let created = 0;
    for (const t of setup.templates) {
      if (ids.has(t.name)) continue;
      ids.set(t.name, await insertTemplate(db, conn, t));
      created++;
    }
    for (const r of setup.reps) {
      await writeRepPlan(db, conn, r.rep_id, {
        contracted_minutes: r.contracted_minutes, tolerance_minutes: r.tolerance_minutes, max_days: r.max_days, min_rest_minutes: r.min_rest_minutes,
        primary_queue: r.primary_queue, template_ids: r.template_names.map((name) => ids.get(name)!), active: true,
        availability: r.availability, pattern: r.pattern.map((p) => ({ weekday: p.weekday, template_id: ids.get(p.template_name)!, start_minute: p.start_minute }))
      });
    }
    await audit(db, conn, { user: actor, action: 'setup', entity: 'planning', entityId: `${setup.from}..${setup.to}`, after: setup });
    return { templates: created, reps: setup.reps.length };
  });
}

// ---- time off ------------------------------------------------------------------------------

export interface TimeOffInput {
  rep_id: string;
  date: string;
  from_minute: number | null;
  to_minute: number | null;
  reason: string;
  paid: boolean;
}

export async function addTimeOff(db: Database, actor: Actor, t: TimeOffInput): Promise<number> {
  if ((t.from_minute === null) !== (t.to_minute === null)) throw new InputError('give both from_minute and to_minute, or neither (the whole day)');
  if (t.from_minute !== null && t.to_minute !== null && t.to_minute <= t.from_minute) throw new InputError('time off ends before it starts');
  return db.transaction(async (conn) => {
    const [{ id }] = await db.all<{ id: number }>(
      `INSERT INTO time_off (rep_id, date, from_minute, to_minute, reason, paid, created_by)
       VALUES ($rep_id, CAST($date AS DATE), $from_minute, $to_minute, $reason, $paid, $by) RETURNING id`,
      { ...t, by: actor.username },
      conn
    );
    await audit(db, conn, { user: actor, action: 'create', entity: 'time_off', entityId: id, after: { id, ...t } });
    return id;
  });
}

export async function removeTimeOff(db: Database, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (conn) => {
    const [before] = await db.all(`SELECT id, rep_id, strftime(date, '%Y-%m-%d') AS date, from_minute, to_minute, reason, paid FROM time_off WHERE id = $id`, { id }, conn);
    if (!before) throw new NotFoundError(`No time off ${id}`);
    await db.all('DELETE FROM time_off WHERE id = $id', { id }, conn);
    await audit(db, conn, { user: actor, action: 'delete', entity: 'time_off', entityId: id, before, after: null });
  });
}

// ---- week schedules ------------------------------------------------------------------------

function checkMonday(week: string): string {
  if (mondayOf(week) !== week) throw new InputError(`week ${week} is not a Monday (weeks are named by their Monday, e.g. ${mondayOf(week)})`);
  return week;
}

/** Moves a week to a new version (creating its row), refusing a stale expected version. */
async function bumpWeek(db: Database, conn: DuckDBConnection, actor: Actor, week: string, source: string, expected?: number): Promise<WeekSchedule> {
  const before = await readWeekOn(db, conn, week);
  if (expected !== undefined && expected !== before.version) {
    throw new ConflictError(`the schedule of ${week} changed since you loaded it (version ${before.version}, yours ${expected}); reload it`);
  }
  if (before.status === 'none') {
    await db.all('INSERT INTO schedule_weeks (week_start, status, version, source, updated_by) VALUES (CAST($w AS DATE), $s, 1, $src, $by)', { w: week, s: 'draft', src: source, by: actor.username }, conn);
  } else {
    await db.all(
      `UPDATE schedule_weeks SET status = 'draft', version = version + 1, source = $src, updated_at = now(), updated_by = $by WHERE week_start = CAST($w AS DATE)`,
      { w: week, src: source, by: actor.username },
      conn
    );
  }
  return before;
}

async function readWeekOn(db: Database, conn: DuckDBConnection, week: string): Promise<WeekSchedule> {
  // readWeek runs on its own connections; inside a transaction read through the transaction's one.
  const [row] = await db.all<{ status: 'draft' | 'published'; version: number; source: string }>(
    'SELECT status, version, source FROM schedule_weeks WHERE week_start = CAST($w AS DATE)',
    { w: week },
    conn
  );
  const shifts = await db.all<Shift & { breaks: string }>(
    `SELECT rep_id, strftime(date, '%Y-%m-%d') AS date, start_minute, end_minute, template_id, CAST(breaks AS VARCHAR) AS breaks
     FROM schedule_shifts WHERE week_start = CAST($w AS DATE) ORDER BY date, rep_id`,
    { w: week },
    conn
  );
  return {
    week_start: week, status: row?.status ?? 'none', version: row?.version ?? 0, source: row?.source ?? null, updated_at: null, updated_by: null,
    published_at: null, published_by: null, shifts: shifts.map((s) => ({ ...s, breaks: JSON.parse(s.breaks) as PlacedBreak[] }))
  };
}

async function insertShift(db: Database, conn: DuckDBConnection, week: string, s: Shift): Promise<void> {
  await db.all(
    `INSERT INTO schedule_shifts (week_start, rep_id, date, start_minute, end_minute, template_id, breaks)
     VALUES (CAST($w AS DATE), $rep_id, CAST($date AS DATE), $start_minute, $end_minute, $template_id, CAST($breaks AS JSON))`,
    { w: week, rep_id: s.rep_id, date: s.date, start_minute: s.start_minute, end_minute: s.end_minute, template_id: s.template_id, breaks: json(s.breaks) },
    conn
  );
}

function checkShiftsInWeek(week: string, shifts: readonly Shift[]): void {
  const dates = new Set(weekDates(week));
  const seen = new Set<string>();
  for (const s of shifts) {
    if (!dates.has(s.date)) throw new InputError(`${s.rep_id}'s shift on ${s.date} is not in the week of ${week}`);
    if (seen.has(`${s.rep_id}|${s.date}`)) throw new InputError(`${s.rep_id} has two shifts on ${s.date}`);
    seen.add(`${s.rep_id}|${s.date}`);
    if (!(s.start_minute >= 0 && s.end_minute <= 1440 && s.end_minute > s.start_minute)) throw new InputError(`${s.rep_id}'s shift on ${s.date} must start before it ends, within the day`);
  }
}

/** Replaces a week's shifts with a whole roster (from patterns, a proposal, an import). */
export async function replaceWeek(db: Database, actor: Actor, week: string, shifts: readonly Shift[], source: string, expected?: number): Promise<WeekSchedule> {
  checkMonday(week);
  checkShiftsInWeek(week, shifts);
  await db.transaction(async (conn) => {
    const before = await bumpWeek(db, conn, actor, week, source, expected);
    await db.all('DELETE FROM schedule_shifts WHERE week_start = CAST($w AS DATE)', { w: week }, conn);
    for (const s of shifts) await insertShift(db, conn, week, s);
    await audit(db, conn, { user: actor, action: 'replace', entity: 'schedule', entityId: week, before: { version: before.version, shifts: before.shifts }, after: { source, shifts } });
  });
  return readWeek(db, week);
}

/** A draft of the week from every rep's weekly pattern (skipping closed days and time off). */
export async function draftFromPatterns(db: Database, actor: Actor, week: string, expected?: number): Promise<WeekSchedule> {
  checkMonday(week);
  const dates = weekDates(week);
  const [reps, templates, off, closed] = await Promise.all([
    readRepPlans(db),
    readTemplates(db),
    readTimeOff(db, week, addDays(week, 6)),
    db.all<{ date: string }>(`SELECT strftime(date, '%Y-%m-%d') AS date FROM special_days WHERE kind = 'closed' AND queue = '*' AND date BETWEEN CAST($a AS DATE) AND CAST($b AS DATE)`, { a: week, b: addDays(week, 6) })
  ]);
  if (reps.length === 0) throw new ConflictError('No rep has a planning profile yet: set the reps up first (from history, or one by one)');
  const closedDates = new Set(closed.map((c) => c.date));
  return replaceWeek(db, actor, week, shiftsFromPatterns(reps, templates, dates, off, (d) => closedDates.has(d)), 'patterns', expected);
}

export interface ShiftInput {
  /** A template to take the length and break rules from (null: a custom shift, breaks by its length). */
  template_id: number | null;
  start_minute: number;
  /** Default: start + the template's length. */
  end_minute?: number;
  /** Default: placed by the template's (or the default) rules. */
  breaks?: PlacedBreak[];
}

/** Sets (adds or changes) one rep's shift on one date. */
export async function setShift(db: Database, actor: Actor, week: string, repId: string, date: string, input: ShiftInput, expected?: number): Promise<WeekSchedule> {
  checkMonday(week);
  let shift: Shift;
  if (input.template_id !== null) {
    const template = (await readTemplates(db, { includeInactive: true })).find((t) => t.id === input.template_id);
    if (!template) throw new InputError(`No shift template ${input.template_id}`);
    shift = templateShift(repId, date, template, input.start_minute);
    if (input.end_minute !== undefined && input.end_minute !== shift.end_minute) {
      shift = { ...shift, end_minute: input.end_minute, breaks: placeBreaks(input.start_minute, input.end_minute, template.breaks) };
    }
  } else {
    const end = input.end_minute ?? input.start_minute + 480;
    shift = { rep_id: repId, date, start_minute: input.start_minute, end_minute: end, template_id: null, breaks: placeBreaks(input.start_minute, end, defaultBreakRules(end - input.start_minute)) };
  }
  if (input.breaks) shift = { ...shift, breaks: [...input.breaks].sort((a, b) => a.start_minute - b.start_minute) };
  checkShiftsInWeek(week, [shift]);
  for (const b of shift.breaks) {
    if (b.start_minute < shift.start_minute || b.start_minute + b.minutes > shift.end_minute) throw new InputError(`a ${b.kind} at minute ${b.start_minute} is outside the shift`);
  }
  await db.transaction(async (conn) => {
    const before = await bumpWeek(db, conn, actor, week, 'manual', expected);
    const old = before.shifts.find((s) => s.rep_id === repId && s.date === date) ?? null;
    await db.all('DELETE FROM schedule_shifts WHERE rep_id = $rep_id AND date = CAST($date AS DATE)', { rep_id: repId, date }, conn);
    await insertShift(db, conn, week, shift);
    await audit(db, conn, { user: actor, action: old ? 'update' : 'create', entity: 'shift', entityId: `${repId}|${date}`, before: old, after: shift });
  });
  return readWeek(db, week);
}

export async function removeShift(db: Database, actor: Actor, week: string, repId: string, date: string, expected?: number): Promise<WeekSchedule> {
  checkMonday(week);
  await db.transaction(async (conn) => {
    const before = await bumpWeek(db, conn, actor, week, 'manual', expected);
    const old = before.shifts.find((s) => s.rep_id === repId && s.date === date);
    if (!old) throw new NotFoundError(`${repId} has no shift on ${date}`);
    await db.all('DELETE FROM schedule_shifts WHERE rep_id = $rep_id AND date = CAST($date AS DATE)', { rep_id: repId, date }, conn);
    await audit(db, conn, { user: actor, action: 'delete', entity: 'shift', entityId: `${repId}|${date}`, before: old, after: null });
  });
  return readWeek(db, week);
}

export async function publishWeek(db: Database, actor: Actor, week: string, expected?: number): Promise<WeekSchedule> {
  checkMonday(week);
  await db.transaction(async (conn) => {
    const before = await readWeekOn(db, conn, week);
    if (before.status === 'none') throw new NotFoundError(`No schedule for the week of ${week} to publish`);
    if (expected !== undefined && expected !== before.version) throw new ConflictError(`the schedule of ${week} changed since you loaded it (version ${before.version}); reload it`);
    await db.all(
      `UPDATE schedule_weeks SET status = 'published', published_at = now(), published_by = $by WHERE week_start = CAST($w AS DATE)`,
      { w: week, by: actor.username },
      conn
    );
    await audit(db, conn, { user: actor, action: 'publish', entity: 'schedule', entityId: week, before: { status: before.status, version: before.version }, after: { status: 'published', version: before.version, shifts: before.shifts } });
  });
  return readWeek(db, week);
}

// ---- proposals -----------------------------------------------------------------------------

export async function saveProposal(db: Database, actor: Actor, week: string, method: 'greedy' | 'optimised', summary: unknown, shifts: readonly Shift[]): Promise<number> {
  checkMonday(week);
  return db.transaction(async (conn) => {
    await db.all('DELETE FROM roster_proposals WHERE week_start = CAST($w AS DATE) AND method = $m AND accepted_at IS NULL', { w: week, m: method }, conn);
    const [{ id }] = await db.all<{ id: number }>(
      `INSERT INTO roster_proposals (week_start, method, created_by, summary, shifts)
       VALUES (CAST($w AS DATE), $m, $by, CAST($summary AS JSON), CAST($shifts AS JSON)) RETURNING id`,
      { w: week, m: method, by: actor.username, summary: json(summary), shifts: json(shifts) },
      conn
    );
    return id;
  });
}

export async function acceptProposal(db: Database, actor: Actor, week: string, id: number, expected?: number): Promise<WeekSchedule> {
  const [p] = await db.all<{ method: 'greedy' | 'optimised'; shifts: string; week: string }>(
    `SELECT method, CAST(shifts AS VARCHAR) AS shifts, strftime(week_start, '%Y-%m-%d') AS week FROM roster_proposals WHERE id = $id`,
    { id }
  );
  if (!p || p.week !== week) throw new NotFoundError(`No roster proposal ${id} for the week of ${week}`);
  const result = await replaceWeek(db, actor, week, JSON.parse(p.shifts) as Shift[], p.method, expected);
  await db.all('UPDATE roster_proposals SET accepted_at = now() WHERE id = $id', { id });
  return result;
}
