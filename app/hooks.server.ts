import type { Handle, ServerInit } from '@sveltejs/kit';
import type { IncomingMessage } from 'node:http';
import { api } from './api/index.ts';
import { startJobs } from './server/jobs.ts';
import { gatePage, withPageHeaders } from './lib/shell/page-gate.server.ts';

/** Starts the scheduled jobs (inbox pick-up, reports) once the server is up. */
export const init: ServerInit = async () => {
  if (process.env.CALLBOARD_NO_JOBS !== '1') startJobs();
};

export const handle: Handle = async ({ event, resolve }) => {
  if (event.url.pathname.startsWith('/api/') || event.url.pathname === '/api') {
    // The socket (the sign-in limits' address, Secure cookies) is known only to the Node server. Not
    // getClientAddress(): with adapter-node's ADDRESS_HEADER it believes a header from anyone.
    const incoming = (event.platform as { req?: IncomingMessage } | undefined)?.req;
    return api.fetch(event.request, incoming ? { incoming } : { clientAddress: event.getClientAddress() });
  }
  // The page table in api/access.ts, judged on the route SvelteKit matched: a refusal is answered
  // before any load runs.
  const refused = await gatePage(event);
  return withPageHeaders(refused ?? (await resolve(event)));
};
