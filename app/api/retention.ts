/**
 * /api/retention (admin): how long each kind of record is kept, the legal holds, and a purge run by
 * hand (app/server/retention.ts; the server also purges each night). Every change is audit-logged;
 * a setting that would purge inside an open report period is refused with the reason (400).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { RETENTION_KINDS, RETENTION_UNITS } from '../../analytics/retention/retention-rules.ts';
import { addLegalHold, purgeRecords, removeLegalHold, retentionState, saveRetention } from '../server/retention.ts';
import { currentUser, type AuthEnv } from './auth.ts';
import { idParam, isoDate, jsonBody, noQuery, params, repId } from './validate.ts';

const RetentionBody = z.strictObject({
  amount: z.number().int().min(1).max(36_525).nullable(),
  unit: z.enum(RETENTION_UNITS).optional()
});

const HoldBody = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('dates'), from_date: isoDate, to_date: isoDate, reason: z.string().max(500) }),
  z.strictObject({ scope: z.literal('rep'), rep_id: repId, reason: z.string().max(500) }),
  z.strictObject({ scope: z.literal('caller'), caller: z.string().max(40), reason: z.string().max(500) })
]);

const PurgeBody = z.strictObject({ dry_run: z.boolean().optional() });

export const retention = new Hono<AuthEnv>()
  .get('/', async (c) => {
    noQuery(c);
    return c.json(await retentionState(c.var.ctx.db, c.var.ctx));
  })
  .put('/kinds/:kind', async (c) => {
    const { kind } = params(c, z.strictObject({ kind: z.enum(RETENTION_KINDS) }));
    const body = await jsonBody(c, RetentionBody);
    return c.json(await saveRetention(c.var.ctx.db, currentUser(c), { kind, amount: body.amount, unit: body.unit }, c.var.ctx));
  })
  .post('/holds', async (c) => {
    const body = await jsonBody(c, HoldBody);
    return c.json(await addLegalHold(c.var.ctx.db, currentUser(c), body), 201);
  })
  .delete('/holds/:id', async (c) => {
    const { id } = params(c, z.strictObject({ id: idParam }));
    return c.json(await removeLegalHold(c.var.ctx.db, currentUser(c), id));
  })
  .post('/purge', async (c) => {
    const body = await jsonBody(c, PurgeBody);
    return c.json(await purgeRecords(c.var.ctx.db, { ...c.var.ctx, actor: currentUser(c), dryRun: body.dry_run }));
  });
