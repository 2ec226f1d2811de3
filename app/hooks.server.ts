import type { Handle, ServerInit } from '@sveltejs/kit';
import { api } from './api/index.ts';
import { startJobs } from './server/jobs.ts';

/** Starts the scheduled jobs (inbox pick-up, reports) once the server is up. */
export const init: ServerInit = async () => {
  if (process.env.CALLBOARD_NO_JOBS !== '1') startJobs();
};

export const handle: Handle = async ({ event, resolve }) => {
  if (event.url.pathname.startsWith('/api/') || event.url.pathname === '/api') {
    return api.fetch(event.request);
  }
  return resolve(event);
};
