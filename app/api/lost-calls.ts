/**
 * /api/lost-calls: a day's lost callers with their follow-up state (recovered, called back, still
 * lost) and the lead's handling marks; marking one handled with a note (PUT) and taking the mark off
 * (DELETE). Callers' numbers: leads, managers and admins only (access.ts). Every change audit-logged.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { localNow } from '../lib/shell/dates.ts';
import { lostCallers, markHandled, reopen } from '../server/day/lost-callers.ts';
import { currentUser, type AuthEnv } from './auth.ts';
import { isoDate, jsonBody, query, queueName } from './validate.ts';

// Call ids as PBXs write them (1712345678.123); queue names: validate.ts.
const callid = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}$/, 'not a call id');

const DayQuery = z.strictObject({ date: isoDate.optional() });
const Visit = z.strictObject({ callid, queue: queueName });
const Handled = z.strictObject({ callid, queue: queueName, note: z.string().trim().min(1, 'write what was done').max(2_000) });

export const lostCalls = new Hono<AuthEnv>()
  .get('/', async (c) => {
    const q = query(c, DayQuery);
    const db = c.var.ctx.db;
    const timeZone = c.var.ctx.timeZone;
    return c.json(await lostCallers(db, { date: q.date ?? localNow(timeZone).date, timeZone }));
  })
  .put('/handling', async (c) => {
    const body = await jsonBody(c, Handled);
    return c.json(await markHandled(c.var.ctx.db, currentUser(c), body));
  })
  .delete('/handling', async (c) => {
    const q = query(c, Visit);
    await reopen(c.var.ctx.db, currentUser(c), q);
    return c.json({ reopened: true });
  });
