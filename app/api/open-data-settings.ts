/**
 * /api/settings/open-data (admin): whether the center publishes its daily and monthly metrics per
 * queue at /open-data/, the folder they are written to and the files there. Turning it on publishes
 * at once; either change is audited (app/server/open-data.ts). The published files themselves are
 * served by the page routes under app/routes/open-data, without sign-in, only while it is on.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { openDataState, setOpenData } from '../server/open-data.ts';
import { currentUser, type AuthEnv } from './auth.ts';
import { jsonBody, noQuery } from './validate.ts';

const OpenDataBody = z.strictObject({ enabled: z.boolean() });

export const openDataSettings = new Hono<AuthEnv>()
  .get('/', async (c) => {
    noQuery(c);
    return c.json(await openDataState(c.var.ctx.db));
  })
  .put('/', async (c) => {
    const body = await jsonBody(c, OpenDataBody);
    const { db, timeZone } = c.var.ctx;
    return c.json(await setOpenData(db, currentUser(c), body.enabled, timeZone));
  });
