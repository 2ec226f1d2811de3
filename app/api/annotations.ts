/**
 * /api/annotations: notes managers pin to a local date ("storm week"), shown on every trend chart and in
 * the reports. Adding and hiding one is audit-logged in the same transaction (app/server/annotations.ts).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { listAnnotations, MAX_ANNOTATION_LENGTH } from '../../analytics/trends/trends-annotations.ts';
import { addAnnotation, removeAnnotation } from '../server/annotations.ts';
import { currentUser, type AuthEnv } from './auth.ts';
import { idParam, isoDate, jsonBody, noQuery, params, query } from './validate.ts';

const RangeQuery = z.strictObject({ from: isoDate, to: isoDate });
const NewAnnotation = z.strictObject({ date: isoDate, text: z.string().trim().min(1, 'say what happened').max(MAX_ANNOTATION_LENGTH) });
const IdPath = z.strictObject({ id: idParam });

export const annotations = new Hono<AuthEnv>()
  .get('/', async (c) => {
    const q = query(c, RangeQuery);
    return c.json({ annotations: await listAnnotations(c.var.ctx.db, q.from, q.to) });
  })
  .post('/', async (c) => {
    noQuery(c);
    const body = await jsonBody(c, NewAnnotation);
    const annotation = await addAnnotation(c.var.ctx.db, currentUser(c), body);
    return c.json({ annotation }, 201);
  })
  .delete('/:id', async (c) => {
    const { id } = params(c, IdPath);
    noQuery(c);
    await removeAnnotation(c.var.ctx.db, currentUser(c), id);
    return c.body(null, 204);
  });
