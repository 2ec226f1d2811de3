/**
 * /api/trends: weekly, monthly or quarterly series of the manager's figures, a per-queue breakdown and
 * the annotations in range; /comparisons: a quarter against the one before and a year earlier;
 * /staffing: rep-hours required, scheduled and on the phones per period (slower: Erlang per interval);
 * /reasons: calls, lost %, AHT and the repeat rate per reason group per period, with the share without a reason.
 */
import { Hono, type Context as HonoContext } from 'hono';
import { z } from 'zod';
import { localDateOf } from '../../analytics/reports/reports-period.ts';
import { computeTrends, quarterComparisons, staffingTrend, TREND_BUCKETS } from '../../analytics/trends/trends.ts';
import { reasonTrends } from '../../analytics/trends/trends-reasons.ts';
import { type AuthEnv } from './auth.ts';
import { query, queueName } from './validate.ts';

// Dates stay text here: analytics/metric-query.ts names the problem ("from "2026-02-30" is not a date").
const date = z.string().max(40).optional();
const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'a quarter such as 2026-Q1').optional();
const TrendQuery = z.strictObject({ by: z.enum(TREND_BUCKETS).optional(), from: date, to: date, queue: queueName.optional() });
const StaffingQuery = z.strictObject({ by: z.enum(TREND_BUCKETS).optional(), from: date, to: date });
const ComparisonQuery = z.strictObject({ quarter, queue: queueName.optional() });

/** The request's database and zone, and today in that zone. */
function center(c: HonoContext<AuthEnv>) {
  const { db, timeZone } = c.var.ctx;
  return { db, timeZone, today: localDateOf(timeZone) };
}

export const trends = new Hono<AuthEnv>()
  .get('/', async (c) => {
    const q = query(c, TrendQuery);
    const { db, timeZone, today } = center(c);
    return c.json(await computeTrends(db, { ...q, timeZone, today }));
  })
  .get('/comparisons', async (c) => {
    const q = query(c, ComparisonQuery);
    const { db, timeZone, today } = center(c);
    return c.json(await quarterComparisons(db, { ...q, timeZone, today }));
  })
  .get('/staffing', async (c) => {
    const q = query(c, StaffingQuery);
    const { db, timeZone, today } = center(c);
    return c.json(await staffingTrend(db, { ...q, timeZone, today }));
  })
  .get('/reasons', async (c) => {
    const q = query(c, TrendQuery);
    const { db, timeZone, today } = center(c);
    return c.json(await reasonTrends(db, { ...q, timeZone, today }));
  });
