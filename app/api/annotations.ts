/**
 * /api/annotations: notes managers pin to a local date ("storm week"), shown on every trend chart and in
 * the reports. Adding and hiding one is audit-logged in the same transaction; nothing is deleted.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { getDatabase } from '../../sql/db.ts';
import { hideAnnotation, insertAnnotation, listAnnotations, MAX_ANNOTATION_LENGTH } from '../../analytics/trends/trends-annotations.ts';
import { audit } from '../server/audit.ts';
import { currentUser, type AuthEnv } from './auth.ts';
import { idParam, isoDate, jsonBody, noQuery, params, query } from './validate.ts';

const RangeQuery = z.strictObject({ from: isoDate, to: isoDate });
const NewAnnotation = z.strictObject({ date: isoDate, text: z.string().trim().min(1, 'say what happened').max(MAX_ANNOTATION_LENGTH) });
const IdPath = z.strictObject({ id: idParam });

export const annotations = new Hono<AuthEnv>()
  .get('/', async (c) => {
    const q = query(c, RangeQuery);
    return c.json({ annotations: await listAnnotations(await getDatabase(), q.from, q.to) });
  })
  .post('/', async (c) => {
    noQuery(c);
    const body = await jsonBody(c, NewAnnotation);
    const db = await getDatabase();
    const user = currentUser(c);
    const actor = { id: user.id, username: user.username };
    const annotation = await db.transaction(async (conn) => {
      const created = await insertAnnotation(db, conn, { date: body.date, text: body.text, author: actor });
      await audit(db, conn, { user: actor, action: 'create', entity: 'annotation', entityId: created.id, after: created });
      return created;
    });
    return c.json({ annotation }, 201);
  })
  .delete('/:id', async (c) => {
    const { id } = params(c, IdPath);
    noQuery(c);
    const db = await getDatabase();
    const user = currentUser(c);
    const actor = { id: user.id, username: user.username };
    await db.transaction(async (conn) => {
      const before = await hideAnnotation(db, conn, id);
      await audit(db, conn, { user: actor, action: 'delete', entity: 'annotation', entityId: id, before });
    });
    return c.body(null, 204);
  });
