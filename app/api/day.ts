/**
 * /api/day: one day for the lead (app/server/day/day-review.ts): the tiles against the same
 * weekday of the four weeks before, and per half hour the calls, service level and reps on the
 * phones. `date` is a local date in the center's zone (default: today there).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { dayReview } from '../server/day/day-review.ts';
import type { AuthEnv } from './auth.ts';
import { isoDate, query } from './validate.ts';

const DayQuery = z.strictObject({ date: isoDate.optional() });

export const day = new Hono<AuthEnv>().get('/', async (c) => {
  const q = query(c, DayQuery);
  const db = c.var.ctx.db;
  return c.json(await dayReview(db, { date: q.date, timeZone: c.var.ctx.timeZone }));
});
