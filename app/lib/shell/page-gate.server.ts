/**
 * The pages' gate (app/hooks.server.ts calls it for everything that is not /api), run before any load.
 *
 * Why it judges `event.route` and not the path: SvelteKit has already matched the request to a route
 * when the hook runs, on the path it decodes itself (`decodeURI` except `%25`, `__data.json` stripped,
 * a trailing `/` redirected away before the hook; `//`, `;x`, another case or an encoded `/` match no
 * route). Judging that match is judging exactly what will be served, however the path was spelt; a
 * second decoder here could only disagree with it. The page table (app/api/access.ts) answers:
 * - no route, or a route the table does not name: 404 (deny by default);
 * - not signed in: 303 to /login?next=<where they were going> (a data request gets SvelteKit's JSON
 *   redirect, so client-side navigation follows it);
 * - signed in with a role that may not open it: 403.
 * A refusal is answered here, with app/error.html (or JSON for `__data.json`), so no load runs and no
 * data is sent. Static files never get here: adapter-node serves the build's files (/_app/immutable/...)
 * before SvelteKit, and SvelteKit answers a missing /_app/ file with 404 before the hook.
 * Every answer from here carries the API's framing and caching headers (auth.ts SHARED_SECURITY_HEADERS).
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Principal } from '../../server/accounts.ts';
import { decidePage, PAGE_CSP, SESSION_COOKIE, SHARED_SECURITY_HEADERS } from '../../api/auth.ts';
import type { PageVerdict } from '../../api/access.ts';
import errorTemplate from '../../error.html?raw';

export function loginUrl(url: URL): string {
  const back = url.pathname + url.search;
  return back === '/' ? '/login' : `/login?next=${encodeURIComponent(back)}`;
}

/** What the gate let through, kept in `locals` for the root layout's second look (+layout.server.ts). */
export interface GatePass {
  /** The route id the gate judged (event.route.id). */
  route: string;
  user: Principal | null;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The path as SvelteKit reads it, for messages (the raw one where it cannot be decoded). */
function shownPath(url: URL): string {
  try {
    return decodeURI(url.pathname);
  } catch {
    return url.pathname;
  }
}

function refusal(event: RequestEvent, verdict: Exclude<PageVerdict, { allow: true }>): Response {
  const json = (body: unknown, status: number) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  if (verdict.status === 401) {
    const location = loginUrl(event.url);
    return event.isDataRequest ? json({ type: 'redirect', location }, 200) : new Response(null, { status: 303, headers: { location } });
  }
  if (event.isDataRequest || /^application\/json\b/.test(event.request.headers.get('accept') ?? '')) {
    return json({ message: verdict.message }, verdict.status);
  }
  const html = errorTemplate
    .replaceAll('%sveltekit.status%', String(verdict.status))
    .replaceAll('%sveltekit.error.message%', escapeHtml(verdict.message));
  return new Response(html, { status: verdict.status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/**
 * Judges a page request: sets `locals.user` and `locals.gate` and answers null when it may go on, or
 * answers the refusal (redirect, 403, 404) itself.
 */
export async function gatePage(event: RequestEvent): Promise<Response | null> {
  const route = { id: event.route.id, params: event.params as Record<string, string> };
  const { user, verdict } = await decidePage(event.locals.ctx.db, route, event.cookies.get(SESSION_COOKIE), shownPath(event.url));
  event.locals.user = verdict.allow ? user : null;
  event.locals.gate = verdict.allow && route.id !== null ? { route: route.id, user } : null;
  return verdict.allow ? null : refusal(event, verdict);
}

/** The framing, caching and sniffing headers on a page answer (a copy where its headers are frozen). */
export function withPageHeaders(response: Response): Response {
  const headers: Record<string, string> = { ...SHARED_SECURITY_HEADERS, 'Content-Security-Policy': PAGE_CSP };
  try {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
    return copy;
  }
}
