/**
 * /api/reasons: the call-reason catalogue (app/server/reasons.ts). Everyone who plans reads it (codes,
 * names, groups, the codes no entry names yet, the reason lines that attached to nothing); the admin
 * keeps it and says where reasons come from. Codes travel in the body or the query: a code may hold
 * a slash.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { REASON_CDR_FIELDS, REASON_CODE, REASON_GROUPS } from '../../analytics/reasons/reason-catalogue.ts';
import { reasonHistory, reasonOverview, saveReason, saveReasonSources } from '../server/reasons.ts';
import { currentUser, type AuthEnv } from './auth.ts';
import { jsonBody, noQuery, query } from './validate.ts';

const code = z.string().trim().regex(REASON_CODE, 'not a reason code');
const ReasonBody = z.strictObject({ code, name: z.string().trim().min(1).max(100), reason_group: z.enum(REASON_GROUPS) });
const SourcesBody = z.strictObject({
  events: z.array(z.string().max(40)).min(1).max(10).optional(),
  cdr_field: z.enum(REASON_CDR_FIELDS).optional()
});

export const reasons = new Hono<AuthEnv>()
  .get('/', async (c) => {
    noQuery(c);
    return c.json(await reasonOverview(c.var.ctx.db, c.var.ctx.timeZone));
  })
  .get('/history', async (c) => {
    const q = query(c, z.strictObject({ code }));
    return c.json({ code: q.code, history: await reasonHistory(c.var.ctx.db, q.code) });
  })
  .put('/codes', async (c) => {
    noQuery(c);
    return c.json(await saveReason(c.var.ctx.db, currentUser(c), await jsonBody(c, ReasonBody)));
  })
  .put('/sources', async (c) => {
    noQuery(c);
    return c.json(await saveReasonSources(c.var.ctx.db, currentUser(c), await jsonBody(c, SourcesBody)));
  });
