/** /api/audit: the audit log, newest first (admins and managers, access.ts). */
import { Hono } from 'hono';
import { z } from 'zod';
import { auditRecords } from '../server/audit.ts';
import type { AuthEnv } from './auth.ts';
import { query } from './validate.ts';

const AuditQuery = z.strictObject({
  entity: z.string().regex(/^[a-z_]{1,40}$/, 'an entity name such as note or user').optional(),
  entity_id: z.string().regex(/^[A-Za-z0-9._~:-]{1,100}$/, 'an id').optional(),
  limit: z.string().regex(/^\d{1,4}$/, 'a number up to 1000').transform(Number).refine((n) => n >= 1 && n <= 1000, 'a number from 1 to 1000').optional()
});

export const auditLog = new Hono<AuthEnv>().get('/', async (c) => {
  const q = query(c, AuditQuery);
  return c.json({ records: await auditRecords(c.var.ctx.db, { entity: q.entity, entityId: q.entity_id, limit: q.limit }) });
});
