/**
 * The JSON API under /api: one Hono sub-app per resource, joined here behind one gate (security
 * headers, cross-site refusal, body limits, and the access table in access.ts for every route), then
 * callers' numbers masked or audited on the way out (caller-numbers.ts).
 * SvelteKit's hooks hand every /api/* request to `api.fetch` (app/hooks.server.ts); tests call
 * `api.request()` with no server.
 */
import { Hono } from 'hono';
import { CallboardError, UpstreamError } from '../../sql/errors.ts';
import { auditLog } from './audit.ts';
import { guards, type AuthEnv } from './auth.ts';
import { backup } from './backup.ts';
import { day } from './day.ts';
import { lostCalls } from './lost-calls.ts';
import { settings } from './settings.ts';
import { retention } from './retention.ts';
import { calls } from './calls.ts';
import { imports } from './imports.ts';
import { reasons } from './reasons.ts';
import { metrics } from './metrics.ts';
import { quality } from './quality.ts';
import { coverage } from './coverage.ts';
import { schedules } from './schedules.ts';
import { reps } from './reps.ts';
import { reports } from './reports.ts';
import { trends } from './trends.ts';
import { plan } from './plan.ts';
import { annotations } from './annotations.ts';
import { session } from './session.ts';
import { users } from './users.ts';
import { live } from './live.ts';
import { mail } from './mail.ts';
import { openDataSettings } from './open-data-settings.ts';
import { callerNumbersGate } from './caller-numbers.ts';

export const api = new Hono<AuthEnv>().basePath('/api');

api.use('*', ...guards());
api.use('*', callerNumbersGate);
api.route('/session', session);
api.route('/reps', reps);
api.route('/users', users);
api.route('/audit', auditLog);
api.route('/backup', backup);
api.route('/metrics', metrics);
api.route('/reasons', reasons);
api.route('/imports', imports);
api.route('/day', day);
api.route('/lost-calls', lostCalls);
api.route('/settings', settings);
api.route('/retention', retention);
api.route('/settings/open-data', openDataSettings);
api.route('/calls', calls);
api.route('/quality', quality);
api.route('/coverage', coverage);
api.route('/schedules', schedules);
api.route('/trends', trends);
api.route('/plan', plan);
api.route('/annotations', annotations);
api.route('/reports', reports);
api.route('/live', live);
api.route('/mail', mail);

api.notFound((c) => c.json({ error: `No such API route: ${c.req.method} ${c.req.path}` }, 404));

api.onError((err, c) => {
  if (err instanceof CallboardError && (err.status < 500 || err instanceof UpstreamError)) {
    return c.json({ error: err.message }, err.status as 400);
  }
  console.error(err);
  return c.json({ error: 'Internal error; the server log has the details.' }, 500);
});
