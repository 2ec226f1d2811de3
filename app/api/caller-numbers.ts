/**
 * Callers' numbers on the way out of the API: every JSON answer that carries one passes through
 * app/server/privacy/caller-numbers.ts (masked for roles that may not see numbers; one audit entry per
 * request for leads and admins). A cheap look at the text first: answers without a number key (most
 * of them: metrics, coverage, schedules) are not parsed again.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { callerNumbersOut } from '../server/privacy/caller-numbers.ts';
import type { AuthEnv } from './auth.ts';

const MAY_HOLD_NUMBERS = /"(caller|number|number_key|caller_number|raw|example_raw)":/;

/** The JSON text of answers shared between readers (db.answers), made once per answer. */
const sharedTexts = new WeakMap<object, string>();

/**
 * Answers `value`, an object shared between readers (sql/answer-cache.ts: 50 readers of one day get
 * the same object), as JSON made once for all of them; the gate below reads that text instead of a
 * copy of the response. It still passes the gate like every answer.
 */
export function sharedJson(c: Context<AuthEnv>, value: object): Response {
  let text = sharedTexts.get(value);
  if (text === undefined) sharedTexts.set(value, (text = JSON.stringify(value)));
  c.set('jsonText', text);
  return c.body(text, 200, { 'content-type': 'application/json' });
}

export const callerNumbersGate: MiddlewareHandler<AuthEnv> = async (c, next) => {
  await next();
  const user = c.get('user');
  if (!user || !(c.res.headers.get('content-type') ?? '').startsWith('application/json')) return;
  const text = c.get('jsonText') ?? (await c.res.clone().text());
  if (!MAY_HOLD_NUMBERS.test(text)) return;
  const body: unknown = JSON.parse(text);
  const url = new URL(c.req.url);
  const shown = await callerNumbersOut(c.var.ctx.db, user, { what: `${c.req.method} ${url.pathname}${url.search}` }, body);
  if (shown === body) return;
  const headers = new Headers(c.res.headers);
  headers.delete('content-length');
  const status = c.res.status;
  c.res = undefined;
  c.res = new Response(JSON.stringify(shown), { status, headers });
};
