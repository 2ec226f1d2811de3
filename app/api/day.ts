/**
 * /api/day: one day for the lead (app/server/day/day-review.ts): the tiles against the same
 * weekday of the four weeks before, and per half hour the calls, service level and reps on the
 * phones. `date` is a local date in the center's zone (default: today there). /api/day/adherence:
 * each scheduled rep's adherence that day against the published schedule (so far, for today).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { dayReview } from '../server/day/day-review.ts';
import { dayAdherence } from '../server/day/day-adherence.ts';
import type { AuthEnv } from './auth.ts';
import { sharedJson } from './caller-numbers.ts';
import { isoDate, query } from './validate.ts';

const DayQuery = z.strictObject({ date: isoDate.optional() });

export const day = new Hono<AuthEnv>()
  .get('/', async (c) => {
    const q = query(c, DayQuery);
    const db = c.var.ctx.db;
    return sharedJson(c, await dayReview(db, { date: q.date, timeZone: c.var.ctx.timeZone }));
  })
  .get('/adherence', async (c) => {
    const q = query(c, DayQuery);
    return c.json(await dayAdherence(c.var.ctx.db, { date: q.date, timeZone: c.var.ctx.timeZone }));
  });
