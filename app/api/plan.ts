/**
 * /api/plan (manager, admin): the year-ahead staffing plan with its what-ifs (analytics/plan/plan.ts),
 * /api/plan/xlsx: the same plan as the workbook a budget request takes; /api/plan/accuracy: how
 * well the plan's forecast did on the 8 weeks before the data's end, against last week and the floor. The plan starts the
 * Monday after today (or `from`); attrition is measured unless given; Erlang runs per interval for
 * every week and what-if, so an answer takes a few seconds.
 */
import { Hono, type Context as HonoContext } from 'hono';
import { z } from 'zod';
import { localDateOf } from '../../analytics/reports/reports-period.ts';
import { staffingPlan } from '../../analytics/plan/plan.ts';
import { planXlsx } from '../../analytics/plan/plan-xlsx.ts';
import { planForecastAccuracy } from '../../analytics/plan/plan-accuracy.ts';
import { addDays, mondayOf } from '../../analytics/roster/schedule-model.ts';
import { type AuthEnv } from './auth.ts';
import { noQuery, query } from './validate.ts';

// Numbers stay text here: analytics/plan/plan.ts names the problem ("weeks "0" must be ...").
const PlanQuery = z.strictObject({
  weeks: z.string().max(10).optional(),
  from: z.string().max(40).optional(),
  attrition: z.string().max(10).optional(),
  ramp_weeks: z.string().max(10).optional(),
  new_calls: z.string().max(10).optional(),
  new_aht_s: z.string().max(10).optional(),
  new_from: z.string().max(40).optional()
});

async function planOf(c: HonoContext<AuthEnv>) {
  const q = query(c, PlanQuery);
  const { db, timeZone } = c.var.ctx;
  const from = q.from ?? addDays(mondayOf(localDateOf(timeZone)), 7);
  return staffingPlan(db, { from, weeks: q.weeks, timeZone, attrition: q.attrition, rampWeeks: q.ramp_weeks, newService: { calls: q.new_calls, aht_s: q.new_aht_s, from: q.new_from } });
}

export const plan = new Hono<AuthEnv>()
  .get('/', async (c) => c.json(await planOf(c)))
  .get('/accuracy', async (c) => {
    noQuery(c);
    return c.json({ accuracy: await planForecastAccuracy(c.var.ctx.db, c.var.ctx.timeZone) });
  })
  .get('/xlsx', async (c) => {
    const p = await planOf(c);
    const body = await planXlsx(p);
    return c.body(body.slice().buffer as ArrayBuffer, 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="staffing-plan-${p.rows[0]?.week ?? p.settings.from}.xlsx"`
    });
  });
