/**
 * /api/day: one day for the lead (app/lib/day/day-review.server.ts): the tiles against the same
 * weekday of the four weeks before, and per half hour the calls, service level and reps on the
 * phones. `date` is a local date in the center's zone (default: today there).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { getDatabase } from '../../sql/db.ts';
import { serverTimeZone } from '../server/config.ts';
import { dayReview } from '../lib/day/day-review.server.ts';
import type { AuthEnv } from './auth.ts';
import { isoDate, query } from './validate.ts';

const DayQuery = z.strictObject({ date: isoDate.optional() });

export const day = new Hono<AuthEnv>().get('/', async (c) => {
  const q = query(c, DayQuery);
  const db = await getDatabase();
  return c.json(await dayReview(db, { date: q.date, timeZone: await serverTimeZone(db) }));
});
