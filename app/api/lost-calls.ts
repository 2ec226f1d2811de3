/**
 * /api/lost-calls: a day's lost callers with their follow-up state (recovered, called back, still
 * lost) and the lead's handling marks; marking one handled with a note (PUT) and taking the mark off
 * (DELETE). Callers' numbers: leads, managers and admins only (access.ts). Every change audit-logged.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { getDatabase } from '../../sql/db.ts';
import { serverTimeZone } from '../server/config.ts';
import { localNow } from '../lib/shell/dates.ts';
import { lostCallers, markHandled, reopen } from '../lib/day/lost-callers.server.ts';
import { currentUser, type AuthEnv } from './auth.ts';
import { isoDate, jsonBody, query } from './validate.ts';

// Call ids and queue names as PBXs write them (1712345678.123, billing, 6001, support@east).
const callid = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}$/, 'not a call id');
const queue = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.@+ -]{0,99}$/, 'not a queue name');

const DayQuery = z.strictObject({ date: isoDate.optional() });
const Visit = z.strictObject({ callid, queue });
const Handled = z.strictObject({ callid, queue, note: z.string().trim().min(1, 'write what was done').max(2_000) });

export const lostCalls = new Hono<AuthEnv>()
  .get('/', async (c) => {
    const q = query(c, DayQuery);
    const db = await getDatabase();
    const timeZone = await serverTimeZone(db);
    return c.json(await lostCallers(db, { date: q.date ?? localNow(timeZone).date, timeZone }));
  })
  .put('/handling', async (c) => {
    const body = await jsonBody(c, Handled);
    return c.json(await markHandled(await getDatabase(), currentUser(c), body));
  })
  .delete('/handling', async (c) => {
    const q = query(c, Visit);
    await reopen(await getDatabase(), currentUser(c), q);
    return c.json({ reopened: true });
  });
