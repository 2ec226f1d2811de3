import type { Handle, ServerInit } from '@sveltejs/kit';
import { dev } from '$app/environment';
import type { IncomingMessage } from 'node:http';
import { api } from './api/index.ts';
import { startJobs } from './server/jobs.ts';
import { requestContext } from './server/context.ts';
import { gatePage, withPageHeaders } from './lib/shell/page-gate.server.ts';

/**
 * Under `vite dev`, starts the scheduled jobs (inbox pick-up, reports). The built dashboard runs inside
 * `callboard serve`, which starts them itself with the database and zone it was given.
 */
export const init: ServerInit = async () => {
  if (dev && process.env.CALLBOARD_NO_JOBS !== '1') startJobs();
};

export const handle: Handle = async ({ event, resolve }) => {
  const incoming = (event.platform as { req?: IncomingMessage } | undefined)?.req;
  // The request's context (database, center zone), made once: from what `serve` put on the Node
  // request, else the process's (app/server/context.ts). Pages read locals.ctx; the API gets it too.
  const ctx = (event.locals.ctx = await requestContext(incoming));
  if (event.url.pathname.startsWith('/api/') || event.url.pathname === '/api') {
    // The socket (the sign-in limits' address, Secure cookies) is known only to the Node server. Not
    // getClientAddress(): with adapter-node's ADDRESS_HEADER it believes a header from anyone.
    return api.fetch(event.request, incoming ? { incoming, ctx } : { clientAddress: event.getClientAddress(), ctx });
  }
  // The page table in api/access.ts, judged on the route SvelteKit matched: a refusal is answered
  // before any load runs.
  const refused = await gatePage(event);
  return withPageHeaders(refused ?? (await resolve(event)));
};
