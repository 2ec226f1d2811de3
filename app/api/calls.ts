/**
 * /api/calls: search calls (caller number, local date/time range, queue, the rep who answered or a rep it rang at unanswered, outcome), one call with
 * its timeline across the queues it visited, and its caller's history. Leads, managers and admins
 * (access.ts); callers' numbers whole for leads and admins only (app/server/privacy/caller-numbers.ts). A call's id is '<file_id>-<line_no>'. Admins take a call out of
 * every figure (PUT .../exclusion with a reason) and put it back (DELETE), audited; GET /exclusions lists them.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { CALL_ID_PATTERN, CALL_OUTCOMES, MAX_PAGE, callDetail, callerHistory, searchCalls } from '../server/calls.ts';
import { excludeCall, exclusions, includeCall } from '../server/call-exclusions.ts';
import { currentUser, type AuthEnv } from './auth.ts';
import { checkCallerSearch } from '../server/privacy/caller-numbers.ts';
import { eraseNumber, eraseNumberOfCall } from '../server/privacy/erase-number.ts';
import { exportCalls } from '../server/privacy/calls-export.ts';
import { jsonBody, noQuery, params, query, repId, queueName } from './validate.ts';

/** Local date or date-time; analysed once more (calendar, ranges) in app/server/calls.ts. */
const localTime = z.string().regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$/, 'a local date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM)');
const count = (max: number) => z.string().regex(/^\d{1,7}$/, 'a whole number').transform(Number).refine((n) => n <= max, `at most ${max}`);

const SearchQuery = z.strictObject({
  caller: z.string().regex(/^[0-9+()\-. ]{1,40}$/, 'digits of a phone number').optional(),
  from: localTime.optional(),
  to: localTime.optional(),
  queue: queueName.optional(),
  rep: repId.optional(),
  rang_at: repId.optional(),
  outcome: z.enum(CALL_OUTCOMES).optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
  limit: count(MAX_PAGE).optional(),
  offset: count(1_000_000).optional()
});

export const callId = z.string().regex(CALL_ID_PATTERN, 'not a call id (file-line, e.g. 3-1520)');
const CallPath = z.strictObject({ callId });
const Exclude = z.strictObject({ reason: z.string().max(500, 'at most 500 characters') });
const EraseNumber = z.strictObject({ number: z.string().regex(/^[0-9+()\-. ]{7,40}$/, 'a caller\'s number (at least 7 digits)') });
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date (YYYY-MM-DD)');
const ExportQuery = z.strictObject({ from: localDate, to: localDate, redacted: z.enum(['true', 'false']).optional() });

export const calls = new Hono<AuthEnv>()
  // Calls as CSV for a records request: redacted (public records) or, for leads and admins, whole (audited).
  .get('/export', async (c) => {
    const q = query(c, ExportQuery);
    const redacted = q.redacted !== 'false';
    const { csv } = await exportCalls(c.var.ctx.db, currentUser(c), { from: q.from, to: q.to, timeZone: c.var.ctx.timeZone, redacted });
    const name = `calls-${q.from}-to-${q.to}${redacted ? '-redacted' : ''}.csv`;
    return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
  })
  // "Erase this number" everywhere it is kept (admins, audited; idempotent): by number, or a call's.
  .post('/erase-number', async (c) => {
    noQuery(c);
    const body = await jsonBody(c, EraseNumber);
    return c.json(await eraseNumber(c.var.ctx.db, currentUser(c), body.number));
  })
  .post('/:callId/erase-number', async (c) => {
    const { callId: id } = params(c, CallPath);
    noQuery(c);
    return c.json(await eraseNumberOfCall(c.var.ctx.db, c.var.ctx.timeZone, currentUser(c), id));
  })
  // before /:callId, which would refuse 'exclusions' as a call id
  .get('/exclusions', async (c) => {
    noQuery(c);
    return c.json({ exclusions: await exclusions(c.var.ctx.db) });
  })
  .put('/:callId/exclusion', async (c) => {
    const { callId: id } = params(c, CallPath);
    const body = await jsonBody(c, Exclude);
    return c.json({ exclusion: await excludeCall(c.var.ctx.db, currentUser(c), id, body.reason) });
  })
  .delete('/:callId/exclusion', async (c) => {
    const { callId: id } = params(c, CallPath);
    noQuery(c);
    return c.json({ included: await includeCall(c.var.ctx.db, currentUser(c), id) });
  })
  .get('/', async (c) => {
    const q = query(c, SearchQuery);
    checkCallerSearch(currentUser(c).role, q.caller);
    const db = c.var.ctx.db;
    return c.json(await searchCalls(db, c.var.ctx.timeZone, q));
  })
  .get('/:callId', async (c) => {
    const { callId: id } = params(c, CallPath);
    noQuery(c);
    const db = c.var.ctx.db;
    return c.json(await callDetail(db, c.var.ctx.timeZone, id));
  })
  .get('/:callId/history', async (c) => {
    const { callId: id } = params(c, CallPath);
    noQuery(c);
    const db = c.var.ctx.db;
    return c.json(await callerHistory(db, c.var.ctx.timeZone, id));
  });
