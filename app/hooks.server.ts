import type { Handle, ServerInit } from '@sveltejs/kit';
import type { IncomingMessage } from 'node:http';
import { api } from './api/index.ts';
import { startJobs } from './server/jobs.ts';
import { gatePage } from './lib/shell/page-gate.server.ts';

/** Starts the scheduled jobs (inbox pick-up, reports) once the server is up. */
export const init: ServerInit = async () => {
  if (process.env.CALLBOARD_NO_JOBS !== '1') startJobs();
};

export const handle: Handle = async ({ event, resolve }) => {
  if (event.url.pathname.startsWith('/api/') || event.url.pathname === '/api') {
    // The client address (rate limiting) and the socket (Secure cookies) are known only to the Node server.
    const incoming = (event.platform as { req?: IncomingMessage } | undefined)?.req;
    return api.fetch(event.request, { clientAddress: event.getClientAddress(), incoming });
  }
  await gatePage(event); // the page table in api/access.ts: sign-in redirect or 403
  return resolve(event);
};
