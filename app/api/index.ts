/**
 * The JSON API under /api: one Hono sub-app per resource, joined here. SvelteKit's hooks hand every
 * /api/* request to `api.fetch` (app/hooks.server.ts); tests call `api.request()` with no server.
 */
import { Hono } from 'hono';
import { CallboardError } from '../../sql/errors.ts';
import { imports } from './imports.ts';

export const api = new Hono().basePath('/api');

api.route('/imports', imports);

api.notFound((c) => c.json({ error: `No such API route: ${c.req.method} ${c.req.path}` }, 404));

api.onError((err, c) => {
  if (err instanceof CallboardError && err.status < 500) {
    return c.json({ error: err.message }, err.status as 400);
  }
  console.error(err);
  return c.json({ error: 'Internal error; the server log has the details.' }, 500);
});
