/**
 * /api/schedules: shift templates, the reps' planning profiles and time off, and the week schedules:
 * read one, draft it from the weekly patterns, set or remove a rep's shift, run the greedy and the
 * optimised roster and accept one, publish, export (CSV, .xlsx). Weeks are named by their Monday.
 * Changes may carry the `version` of the week they were made from (409 if it moved on).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { InputError } from '../../sql/errors.ts';
import { weekCoverage } from '../../analytics/staffing/coverage.ts';
import { compareRosters } from '../../analytics/roster/roster-optimiser-week.ts';
import { ROSTER_AIMS } from '../../analytics/roster/roster-aim.ts';
import { readRepPlans, readTemplates, readTimeOff, readWeek } from '../../analytics/roster/schedule.ts';
import { weekCsv, weekXlsx } from '../../analytics/roster/schedule-export.ts';
import { setupFromHistory } from '../../analytics/roster/schedule-history.ts';
import { mondayOf } from '../../analytics/roster/schedule-model.ts';
import { weekView } from '../server/schedule/week-view.ts';
import { localNow } from '../lib/shell/dates.ts';
import {
  acceptProposal,
  addTimeOff,
  applySetup,
  createTemplate,
  draftFromPatterns,
  publishWeek,
  removeShift,
  removeTimeOff,
  saveProposal,
  setRepPlan,
  setShift,
  updateTemplate
} from '../server/schedules.ts';
import { currentUser, type AuthEnv } from './auth.ts';
import { idParam, isoDate, jsonBody, noQuery, params, query, repId, queueName } from './validate.ts';

const minute = z.number().int().min(0).max(1440);
const weekday = z.number().int().min(1).max(7);
const version = z.number().int().min(0).optional();

const BreakRule = z.strictObject({
  kind: z.enum(['break', 'lunch']), minutes: z.number().int().min(5).max(120), paid: z.boolean(),
  earliest_after: minute, latest_after: minute
});
const templateFields = {
  name: z.string().trim().min(1).max(100),
  earliest_start: minute.max(1439),
  latest_start: minute.max(1439),
  start_step_minutes: z.union([z.literal(15), z.literal(30), z.literal(60)]),
  length_minutes: z.number().int().min(15).max(1440),
  weekdays: z.array(weekday).min(1).max(7),
  breaks: z.array(BreakRule).max(6),
  active: z.boolean()
};
const TemplateBody = z.strictObject({
  ...templateFields,
  start_step_minutes: templateFields.start_step_minutes.default(30),
  breaks: templateFields.breaks.default([]),
  active: templateFields.active.default(true)
});
// A change names only what it changes: no defaults here (zod applies a default inside .partial(),
// which would put a template's breaks back to none when it is only deactivated).
const TemplateChange = z.strictObject(templateFields).partial().refine((b) => Object.keys(b).length > 0, 'nothing to change');
const RepPlanBody = z.strictObject({
  contracted_minutes: z.number().int().min(0).max(4800),
  tolerance_minutes: z.number().int().min(0).max(2400).default(240),
  max_days: z.number().int().min(0).max(7).default(5),
  min_rest_minutes: z.number().int().min(0).max(1440).default(660),
  primary_queue: queueName.nullable().default(null),
  template_ids: z.array(z.number().int().positive()).max(50).nullable().default(null),
  active: z.boolean().default(true),
  availability: z.array(z.strictObject({ weekday, from_minute: minute.max(1439), to_minute: minute.min(1) })).max(50).default([]),
  pattern: z.array(z.strictObject({ weekday, template_id: z.number().int().positive(), start_minute: minute.max(1439) })).max(7).default([])
});
const TimeOffBody = z.strictObject({
  rep_id: repId, date: isoDate, from_minute: minute.max(1439).nullable().default(null), to_minute: minute.min(1).nullable().default(null),
  reason: z.string().trim().min(1, 'give a reason').max(200), paid: z.boolean().default(true)
});
const PlacedBreak = z.strictObject({ kind: z.enum(['break', 'lunch']), start_minute: minute, minutes: z.number().int().min(5).max(120), paid: z.boolean() });
const ShiftBody = z.strictObject({
  template_id: z.number().int().positive().nullable(),
  start_minute: minute.max(1439),
  end_minute: minute.min(1).optional(),
  breaks: z.array(PlacedBreak).max(8).optional(),
  version
});
const VersionBody = z.strictObject({ version });
/** Weeks are named by their Monday. */
const monday = isoDate.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && mondayOf(d) === d, 'a week is named by its Monday');
const WeekPath = z.strictObject({ week: monday });
const ShiftPath = z.strictObject({ week: monday, repId, date: isoDate });


/** A body that may be empty (a POST with nothing to say). */
async function optionalBody<S extends z.ZodType>(c: Parameters<typeof jsonBody>[0], schema: S): Promise<z.output<S>> {
  const text = await c.req.raw.clone().text();
  return text.trim() === '' ? (schema.parse({}) as z.output<S>) : jsonBody(c, schema);
}

export const schedules = new Hono<AuthEnv>()
  .get('/templates', async (c) => {
    noQuery(c);
    return c.json({ templates: await readTemplates(c.var.ctx.db, { includeInactive: true }) });
  })
  .post('/templates', async (c) => {
    noQuery(c);
    const body = await jsonBody(c, TemplateBody);
    const id = await createTemplate(c.var.ctx.db, currentUser(c), body);
    return c.json({ template: { id, ...body } }, 201);
  })
  .patch('/templates/:id', async (c) => {
    const { id } = params(c, z.strictObject({ id: idParam }));
    noQuery(c);
    const body = await jsonBody(c, TemplateChange);
    const db = c.var.ctx.db;
    await updateTemplate(db, currentUser(c), id, body);
    return c.json({ template: (await readTemplates(db, { includeInactive: true })).find((t) => t.id === id) });
  })
  .get('/reps', async (c) => {
    noQuery(c);
    return c.json({ reps: await readRepPlans(c.var.ctx.db, { includeInactive: true }) });
  })
  .put('/reps/:id', async (c) => {
    const { id } = params(c, z.strictObject({ id: repId }));
    noQuery(c);
    const body = await jsonBody(c, RepPlanBody);
    const db = c.var.ctx.db;
    await setRepPlan(db, currentUser(c), id, body);
    return c.json({ rep: (await readRepPlans(db, { includeInactive: true })).find((r) => r.rep_id === id) });
  })
  .get('/time-off', async (c) => {
    const q = query(c, z.strictObject({ from: isoDate, to: isoDate }));
    return c.json({ time_off: await readTimeOff(c.var.ctx.db, q.from, q.to) });
  })
  .post('/time-off', async (c) => {
    noQuery(c);
    const body = await jsonBody(c, TimeOffBody);
    const id = await addTimeOff(c.var.ctx.db, currentUser(c), body);
    return c.json({ time_off: { id, ...body } }, 201);
  })
  .delete('/time-off/:id', async (c) => {
    const { id } = params(c, z.strictObject({ id: idParam }));
    noQuery(c);
    await removeTimeOff(c.var.ctx.db, currentUser(c), id);
    return c.json({ removed: id });
  })
  .post('/setup', async (c) => {
    noQuery(c);
    const body = await optionalBody(c, z.strictObject({ replace: z.boolean().default(false), weeks: z.number().int().min(1).max(26).default(8) }));
    const { db, timeZone } = c.var.ctx;
    const setup = await setupFromHistory(db, { before: localNow(timeZone).date, weeks: body.weeks, timeZone });
    if (setup.reps.length === 0) throw new InputError(`No rep worked in the ${body.weeks} weeks before today: load the phone system's exports first`);
    return c.json({ applied: await applySetup(db, currentUser(c), setup, { replace: body.replace }), setup });
  })
  .get('/weeks/:week', async (c) => {
    const { week } = params(c, WeekPath);
    noQuery(c);
    return c.json(await weekView(c.var.ctx.db, week));
  })
  .post('/weeks/:week/draft', async (c) => {
    const { week } = params(c, WeekPath);
    noQuery(c);
    const body = await optionalBody(c, VersionBody);
    const db = c.var.ctx.db;
    await draftFromPatterns(db, currentUser(c), week, body.version);
    return c.json(await weekView(db, week));
  })
  .put('/weeks/:week/shifts/:repId/:date', async (c) => {
    const { week, repId: rep, date } = params(c, ShiftPath);
    noQuery(c);
    const { version: expected, ...shift } = await jsonBody(c, ShiftBody);
    const db = c.var.ctx.db;
    await setShift(db, currentUser(c), week, rep, date, shift, expected);
    return c.json(await weekView(db, week));
  })
  .delete('/weeks/:week/shifts/:repId/:date', async (c) => {
    const { week, repId: rep, date } = params(c, ShiftPath);
    const q = query(c, z.strictObject({ version: z.string().regex(/^\d+$/).transform(Number).optional() }));
    const db = c.var.ctx.db;
    await removeShift(db, currentUser(c), week, rep, date, q.version);
    return c.json(await weekView(db, week));
  })
  .post('/weeks/:week/optimise', async (c) => {
    const { week } = params(c, WeekPath);
    noQuery(c);
    const body = await optionalBody(c, z.strictObject({
      time_limit_s: z.number().min(1).max(300).default(20), mip_rel_gap: z.number().min(0).max(0.5).default(0.01), aim: z.enum(ROSTER_AIMS).default('fewest_paid_hours')
    }));
    const { db, timeZone } = c.var.ctx;
    const result = await compareRosters(db, { week, timeZone, timeLimitS: body.time_limit_s, mipRelGap: body.mip_rel_gap, aim: body.aim });
    const user = currentUser(c);
    const summary = (r: typeof result.greedy) => ({ status: r.status, solve_s: r.solve_s, mip_gap: r.mip_gap, score: r.score, projected: r.projected, warnings: r.warnings });
    const greedyId = await saveProposal(db, user, result.week_start, 'greedy', summary(result.greedy), result.greedy.shifts);
    const optimisedId = await saveProposal(db, user, result.week_start, 'optimised', summary(result.optimised), result.optimised.shifts);
    return c.json({ ...result, greedy: { ...result.greedy, proposal_id: greedyId }, optimised: { ...result.optimised, proposal_id: optimisedId } });
  })
  .post('/weeks/:week/proposals/:id/accept', async (c) => {
    const { week, id } = params(c, z.strictObject({ week: monday, id: idParam }));
    noQuery(c);
    const body = await optionalBody(c, VersionBody);
    const db = c.var.ctx.db;
    await acceptProposal(db, currentUser(c), week, id, body.version);
    return c.json(await weekView(db, week));
  })
  .post('/weeks/:week/publish', async (c) => {
    const { week } = params(c, WeekPath);
    noQuery(c);
    const body = await optionalBody(c, VersionBody);
    const db = c.var.ctx.db;
    await publishWeek(db, currentUser(c), week, body.version);
    return c.json(await weekView(db, week));
  })
  .get('/weeks/:week/export', async (c) => {
    const { week } = params(c, WeekPath);
    const { format } = query(c, z.strictObject({ format: z.enum(['csv', 'xlsx']).default('csv') }));
    const { db, timeZone } = c.var.ctx;
    const [schedule, reps, templates, coverage] = await Promise.all([
      readWeek(db, week), readRepPlans(db, { includeInactive: true }), readTemplates(db, { includeInactive: true }), weekCoverage(db, { week, timeZone })
    ]);
    const input = { week: schedule, reps, templates, coverage };
    const name = `schedule-${week}.${format}`;
    if (format === 'csv') {
      return c.body(weekCsv(input), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
    }
    const bytes = await weekXlsx(input);
    return c.body(bytes.slice().buffer as ArrayBuffer, 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${name}"`
    });
  });
