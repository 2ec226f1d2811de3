/**
 * /api/metrics: the call metric rows (docs/reference.md), as JSON or, when the client accepts
 * `application/vnd.apache.arrow.stream`, as an Arrow IPC stream of the same rows; and the follow-up,
 * repeat-caller, rep-activity and data-quality answers. Query strings are shape-checked here (zod,
 * unknown keys refused); the values themselves are checked once, in analytics/metric-query.ts.
 * Days are cut in the request's center zone (app/server/context.ts).
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { CallboardError } from '../../sql/errors.ts';
import { dataQuality } from '../../analytics/metrics/data-quality.ts';
import { lostCallFollowUp } from '../../analytics/callers/follow-up.ts';
import { GLOSSARY } from '../../analytics/glossary.ts';
import { ARROW_STREAM_TYPE, metricRowsToIpc } from '../../analytics/metrics/metric-arrow.ts';
import { GROUPS, PERIODS, SL_FORMULAS } from '../../analytics/metrics/metric-query.ts';
import { computeMetrics, metricKeys } from '../../analytics/metrics/metrics.ts';
import { repActivity } from '../../analytics/reps/rep-activity.ts';
import { repeatCallers } from '../../analytics/callers/repeat-callers.ts';
import { flag, noQuery, query, queueName } from './validate.ts';
import type { AuthEnv } from './auth.ts';

// Dates stay text here: analytics/metric-query.ts names the problem ("from "2026-02-30" is not a date").
const date = z.string().max(40).optional();
const seconds = z.string().regex(/^\d+(\.\d+)?$/, 'a number of seconds').optional();
const intervalMinutes = z.enum(['15', '30', '60']).optional();
// Queue names as PBXs write them (billing, 6001, Sales-EN, support@east): nothing that reads as SQL or a path.

const MetricsQuery = z.strictObject({
  from: date,
  to: date,
  by: z.enum(PERIODS).optional(),
  group: z.enum(GROUPS).optional(),
  queue: queueName.optional(),
  /** Only the calls with this reason code. */
  reason: z.string().regex(/^[\w .:/-]{1,100}$/, 'a reason code').optional(),
  interval_minutes: intervalMinutes,
  sl_threshold_s: seconds,
  short_abandon_s: seconds,
  sl_formula: z.enum(SL_FORMULAS).optional(),
  /** Also answer the settings and definitions that produced the rows. */
  explain: flag.optional()
});
const FollowUpQuery = z.strictObject({ from: date, to: date, queue: queueName.optional(), window_s: seconds, short_abandon_s: seconds });
const RepeatQuery = z.strictObject({ from: date, to: date, queue: queueName.optional(), window_s: seconds });
const IntervalQuery = z.strictObject({ from: date, to: date, interval_minutes: intervalMinutes });


const wantsArrow = (c: Context) => (c.req.header('accept') ?? '').toLowerCase().includes(ARROW_STREAM_TYPE);

export const metrics = new Hono<AuthEnv>()
  .get('/', async (c) => {
    const q = query(c, MetricsQuery);
    const { db, timeZone } = c.var.ctx;
    const result = await computeMetrics(db, {
      from: q.from ?? '',
      to: q.to ?? '',
      by: q.by,
      group: q.group,
      queue: q.queue,
      reason: q.reason,
      intervalMinutes: q.interval_minutes,
      slThresholdS: q.sl_threshold_s,
      shortAbandonS: q.short_abandon_s,
      slFormula: q.sl_formula,
      timeZone
    });
    if (wantsArrow(c)) {
      const ipc = await metricRowsToIpc(result.rows, metricKeys(result.settings.group));
      return c.body(ipc.slice().buffer as ArrayBuffer, 200, { 'content-type': ARROW_STREAM_TYPE });
    }
    if (q.explain) return c.json(result);
    return c.json(result.reason_coverage ? { rows: result.rows, reason_coverage: result.reason_coverage } : { rows: result.rows });
  })
  .get('/follow-up', async (c) => {
    const q = query(c, FollowUpQuery);
    const { db, timeZone } = c.var.ctx;
    return c.json(
      await lostCallFollowUp(db, { from: q.from ?? '', to: q.to ?? '', timeZone, queue: q.queue, windowS: q.window_s, shortAbandonS: q.short_abandon_s })
    );
  })
  .get('/repeat-callers', async (c) => {
    const q = query(c, RepeatQuery);
    const { db, timeZone } = c.var.ctx;
    return c.json(await repeatCallers(db, { from: q.from ?? '', to: q.to ?? '', timeZone, queue: q.queue, windowS: q.window_s }));
  })
  .get('/rep-activity', async (c) => {
    const q = query(c, IntervalQuery);
    const { db, timeZone } = c.var.ctx;
    return c.json(await repActivity(db, { from: q.from ?? '', to: q.to ?? '', timeZone, intervalMinutes: q.interval_minutes }));
  })
  .get('/data-quality', async (c) => {
    const q = query(c, IntervalQuery);
    const { db, timeZone } = c.var.ctx;
    return c.json(await dataQuality(db, { from: q.from ?? '', to: q.to ?? '', timeZone, intervalMinutes: q.interval_minutes }));
  })
  .get('/glossary', (c) => {
    noQuery(c);
    return c.json({ sections: GLOSSARY });
  });

// The same answer as app/api/index.ts gives, so the sub-app also stands alone (tests, other mounts).
metrics.onError((err, c) => {
  if (err instanceof CallboardError && err.status < 500) return c.json({ error: err.message }, err.status as 400);
  console.error(err);
  return c.json({ error: 'Internal error; the server log has the details.' }, 500);
});
