/**
 * /api/coverage: the scheduler's view of demand: the forecast (with its backtest), the staff it
 * requires, the gaps a week's schedule leaves and the service it would deliver, how past days went
 * (required, scheduled, on the phones, adherence), caller patience, shrinkage measured from the reps'
 * pauses; and the inputs a scheduler sets:
 * staffing targets, special days, manual adjustments of the forecast (each with a reason, audited).
 * Who may call what: access.ts (planners read; schedulers and admins write).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { weekCoverage, plannedLoad } from '../../analytics/staffing/coverage.ts';
import { pastCoverage } from '../../analytics/staffing/coverage-past.ts';
import { estimatePatience } from '../../analytics/staffing/coverage-patience.ts';
import { readTargets } from '../../analytics/staffing/coverage-targets.ts';
import { measuredPauseShrinkage, PAUSE_SHRINKAGE_DAYS } from '../../analytics/reps/pause-shrinkage.ts';
import { forecast, readAdjustments, readSpecialDays } from '../../analytics/forecast/forecast.ts';
import { reasonForecast } from '../../analytics/forecast/forecast-by-reason.ts';
import { addAdjustment, removeAdjustment, removeSpecialDay, setSpecialDay, setTarget } from '../server/schedules.ts';
import { currentUser, type AuthEnv } from './auth.ts';
import { idParam, isoDate, jsonBody, noQuery, params, query, queueOrAll } from './validate.ts';

// Dates stay text where analytics/ checks them and names the problem; numbers arrive as text.
const date = z.string().max(40).optional();
const wholeNumber = z.string().regex(/^\d{1,3}$/, 'a whole number').optional();
const intervalMinutes = z.enum(['15', '30', '60']).optional();
/** A queue as PBXs name them, or '*' for every queue / the center as one pool. */
const minute = z.number().int().min(0).max(1440);

const ForecastQuery = z.strictObject({
  from: date, weeks: wholeNumber, queue: queueOrAll.optional(), interval_minutes: intervalMinutes,
  training_weeks: wholeNumber, half_life_weeks: wholeNumber, backtest_weeks: wholeNumber
});
const WeekQuery = z.strictObject({ week: date, queue: queueOrAll.optional(), interval_minutes: intervalMinutes });
const RangeQuery = z.strictObject({ from: date, to: date, queue: queueOrAll.optional(), interval_minutes: intervalMinutes });
const DatesQuery = z.strictObject({ from: isoDate, to: isoDate });
const PausesQuery = z.strictObject({ to: isoDate, days: z.string().regex(/^\d{1,2}$/, 'a whole number of days').optional() });

const TargetBody = z.strictObject({
  sl_target: z.number().gt(0).lt(1),
  sl_threshold_s: z.number().min(0).max(3600).nullable().default(null),
  asa_target_s: z.number().gt(0).max(3600).nullable().default(null),
  max_occupancy: z.number().gt(0).max(1).default(0.9),
  shrinkage: z.number().min(0).lt(1).default(0),
  model: z.enum(['erlang-a', 'erlang-c']).default('erlang-a')
});
const SpecialDayBody = z.strictObject({
  date: isoDate,
  queue: queueOrAll.default('*'),
  kind: z.enum(['closed', 'special']),
  name: z.string().trim().min(1, 'name the day').max(200),
  volume_factor: z.number().min(0).max(10).default(1)
});
const AdjustmentBody = z.strictObject({
  queue: queueOrAll.default('*'),
  date: isoDate,
  from_minute: minute.max(1439),
  to_minute: minute.min(1),
  factor: z.number().min(0).max(10),
  reason: z.string().trim().min(1, 'give the reason for the change').max(500)
});


const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

export const coverage = new Hono<AuthEnv>()
  .get('/forecast', async (c) => {
    const q = query(c, ForecastQuery);
    const { db, timeZone } = c.var.ctx;
    return c.json(
      await forecast(db, {
        from: q.from ?? '', weeks: num(q.weeks), queue: q.queue, intervalMinutes: q.interval_minutes, timeZone,
        trainingWeeks: num(q.training_weeks), halfLifeWeeks: num(q.half_life_weeks), backtestWeeks: num(q.backtest_weeks)
      })
    );
  })
  .get('/required', async (c) => {
    const q = query(c, WeekQuery);
    const { db, timeZone } = c.var.ctx;
    return c.json(await plannedLoad(db, { week: q.week ?? '', queue: q.queue, intervalMinutes: q.interval_minutes, timeZone }));
  })
  .get('/reasons', async (c) => {
    const q = query(c, WeekQuery);
    const { db, timeZone } = c.var.ctx;
    return c.json(await reasonForecast(db, { week: q.week ?? '', queue: q.queue, intervalMinutes: q.interval_minutes, timeZone }));
  })
  .get('/gaps', async (c) => {
    const q = query(c, WeekQuery);
    const { db, timeZone } = c.var.ctx;
    return c.json(await weekCoverage(db, { week: q.week ?? '', queue: q.queue, intervalMinutes: q.interval_minutes, timeZone }));
  })
  .get('/past', async (c) => {
    const q = query(c, RangeQuery);
    const { db, timeZone } = c.var.ctx;
    return c.json(await pastCoverage(db, { from: q.from ?? '', to: q.to ?? '', queue: q.queue, intervalMinutes: q.interval_minutes, timeZone }));
  })
  .get('/patience', async (c) => {
    const q = query(c, DatesQuery);
    const { db, timeZone } = c.var.ctx;
    return c.json({ queues: await estimatePatience(db, { from: q.from, to: q.to, timeZone }) });
  })
  .get('/pause-shrinkage', async (c) => {
    const q = query(c, PausesQuery);
    const { db, timeZone } = c.var.ctx;
    const days = Math.min(90, Math.max(1, num(q.days) ?? PAUSE_SHRINKAGE_DAYS));
    return c.json(await measuredPauseShrinkage(db, { to: q.to, days, timeZone }));
  })
  .get('/targets', async (c) => {
    noQuery(c);
    return c.json({ targets: [...(await readTargets(c.var.ctx.db)).values()] });
  })
  .put('/targets/:queue', async (c) => {
    const { queue } = params(c, z.strictObject({ queue: queueOrAll }));
    noQuery(c);
    const body = await jsonBody(c, TargetBody);
    const db = c.var.ctx.db;
    await setTarget(db, currentUser(c), queue, body);
    return c.json({ targets: [...(await readTargets(db)).values()] });
  })
  .get('/special-days', async (c) => {
    const q = query(c, DatesQuery);
    return c.json({ special_days: await readSpecialDays(c.var.ctx.db, q.from, q.to) });
  })
  .put('/special-days', async (c) => {
    noQuery(c);
    const body = await jsonBody(c, SpecialDayBody);
    await setSpecialDay(c.var.ctx.db, currentUser(c), body);
    return c.json({ special_day: body });
  })
  .delete('/special-days/:date', async (c) => {
    const { date: day } = params(c, z.strictObject({ date: isoDate }));
    const { queue } = query(c, z.strictObject({ queue: queueOrAll.default('*') }));
    await removeSpecialDay(c.var.ctx.db, currentUser(c), day, queue);
    return c.json({ removed: { date: day, queue } });
  })
  .get('/adjustments', async (c) => {
    const q = query(c, DatesQuery);
    return c.json({ adjustments: await readAdjustments(c.var.ctx.db, q.from, q.to) });
  })
  .post('/adjustments', async (c) => {
    noQuery(c);
    const body = await jsonBody(c, AdjustmentBody);
    const id = await addAdjustment(c.var.ctx.db, currentUser(c), body);
    return c.json({ adjustment: { id, ...body } }, 201);
  })
  .delete('/adjustments/:id', async (c) => {
    const { id } = params(c, z.strictObject({ id: idParam }));
    noQuery(c);
    await removeAdjustment(c.var.ctx.db, currentUser(c), id);
    return c.json({ removed: id });
  });
