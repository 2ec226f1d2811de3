/**
 * The pages' gate (app/hooks.server.ts calls it for everything that is not /api): the page table in
 * app/api/access.ts decides through `decidePage`. Not signed in: 303 to /login?next=<where they were
 * going>. Signed in with a role that may not open the page: 403, answered by SvelteKit's static error
 * page (app/error.html) before any load runs, so a refused page computes and sends nothing.
 * Client-side navigations ask for `__data.json`; SvelteKit strips that from `event.url`, so they are
 * gated as the page itself (the root layout's load reads the path, so every navigation asks).
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { decidePage, SESSION_COOKIE } from '../../api/auth.ts';

export function loginUrl(url: URL): string {
  const back = url.pathname + url.search;
  return back === '/' ? '/login' : `/login?next=${encodeURIComponent(back)}`;
}

/** Sets `event.locals.user`, or throws the redirect or the 403 that SvelteKit answers with. */
export async function gatePage(event: RequestEvent): Promise<void> {
  const decision = await decidePage(event.url.pathname, event.cookies.get(SESSION_COOKIE));
  event.locals.user = decision.user;
  if (decision.allow) return;
  if (decision.status === 401) redirect(303, loginUrl(event.url));
  error(403, `The ${decision.user?.role ?? 'current'} role may not open ${event.url.pathname}.`);
}
