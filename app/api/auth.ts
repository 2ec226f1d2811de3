/**
 * The gate every /api request passes before any handler: security headers, refusal of cross-site
 * changes, body size limits, then sign-in and role checks against the access table (access.ts).
 * Mounted once, first, in app/api/index.ts: `api.use('*', ...guards)`.
 *
 * - Session: cookie `callboard_session` (HttpOnly, SameSite=Lax, Path=/, Secure when the request came
 *   over HTTPS, directly or through a proxy saying so in X-Forwarded-Proto). No Max-Age: the cookie ends
 *   with the browser, the session on the server after its idle time (app/server/accounts.ts).
 * - The SvelteKit hook passes what only the Node server knows: `api.fetch(request, { clientAddress:
 *   event.getClientAddress(), incoming: event.platform?.req })` (for rate limiting and Secure).
 * - CSRF: a request that may change something (not GET/HEAD/OPTIONS) must carry an Origin header (or,
 *   failing that, a Referer) naming this host; otherwise 403. SameSite=Lax already keeps the cookie off
 *   cross-site POSTs in current browsers; the Origin check covers older ones and same-site subdomains.
 * - Bodies: uploads (multipart or octet-stream) up to CALLBOARD_UPLOAD_LIMIT_MB (200 MB), anything else
 *   up to 1 MB; larger is 413.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { matchedRoutes } from 'hono/route';
import { secureHeaders } from 'hono/secure-headers';
import { getDatabase } from '../../sql/db.ts';
import { AuthError, ForbiddenError } from '../../sql/errors.ts';
import { sessionUser, type Principal } from '../server/accounts.ts';
import { serverConfig } from '../server/config.ts';
import { isLocalToken } from '../server/local-control.ts';
import { allows, apiAccess, pageRule, patternParams } from './access.ts';

export const SESSION_COOKIE = 'callboard_session';
export const JSON_LIMIT_BYTES = 1024 * 1024;

/** The Hono environment of every API sub-app: the signed-in principal, set by `authorize`. */
export interface AuthEnv {
  Variables: { user: Principal };
  Bindings: {
    /** Set by the SvelteKit hook: event.getClientAddress(). */
    clientAddress?: string;
    /** The Node request: set by @hono/node-server, and by the SvelteKit hook (event.platform.req). */
    incoming?: { socket?: { remoteAddress?: string; encrypted?: boolean } };
  };
}

/** The principal the gate let through (handlers of non-public routes only). */
export const currentUser = (c: Context<AuthEnv>): Principal => c.get('user');

/** The client's address for rate limiting, as the server that accepted the connection saw it. */
export function clientAddress(c: Context<AuthEnv>): string {
  return c.env?.clientAddress ?? c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * Whether the browser reached us over HTTPS: a proxy says so in X-Forwarded-Proto; else the socket
 * tells; else the URL. (adapter-node writes https into every request URL unless told the origin, so
 * the socket is asked before the URL.)
 */
function isHttps(c: Context<AuthEnv>): boolean {
  const proxied = c.req.header('x-forwarded-proto')?.split(',')[0].trim().toLowerCase();
  if (proxied) return proxied === 'https';
  const socket = c.env?.incoming?.socket;
  if (socket) return socket.encrypted === true;
  return new URL(c.req.url).protocol === 'https:';
}

export function setSessionCookie(c: Context<AuthEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isHttps(c) });
}

export function clearSessionCookie(c: Context<AuthEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
}

export const sessionToken = (c: Context) => getCookie(c, SESSION_COOKIE);

/** JSON only, never framed, never cached, no referrer; a CSP that lets an API response run nothing. */
const securityHeaders = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], sandbox: [] },
  xFrameOptions: 'DENY',
  referrerPolicy: 'same-origin',
  xContentTypeOptions: 'nosniff',
  strictTransportSecurity: false // HTTPS is the proxy's business; HSTS there, once, for the whole site
});

const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('Cache-Control', 'no-store');
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The hosts a same-site request may name: the URL's, and a proxy's X-Forwarded-Host. */
function requestHosts(c: Context): string[] {
  const hosts = [new URL(c.req.url).host, c.req.header('host'), c.req.header('x-forwarded-host')?.split(',')[0].trim()];
  return hosts.filter((h): h is string => !!h).map((h) => h.toLowerCase());
}

function senderHost(c: Context): string | null {
  const source = c.req.header('origin') ?? c.req.header('referer');
  if (!source || source === 'null') return null;
  try {
    return new URL(source).host.toLowerCase();
  } catch {
    return null;
  }
}

const refuseCrossSite: MiddlewareHandler = async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const sender = senderHost(c);
  if (!sender || !requestHosts(c).includes(sender)) return c.json({ error: 'cross-site request refused' }, 403);
  return next();
};

const tooLarge = (limit: number) => (c: Context) =>
  c.json({ error: `The request body is larger than ${Math.round(limit / 1024 / 1024)} MB.` }, 413);

const limitBodies = (): MiddlewareHandler => {
  const uploads = serverConfig().uploadLimitBytes;
  const forUploads = bodyLimit({ maxSize: uploads, onError: tooLarge(uploads) });
  const forJson = bodyLimit({ maxSize: JSON_LIMIT_BYTES, onError: tooLarge(JSON_LIMIT_BYTES) });
  return (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const type = c.req.header('content-type') ?? '';
    return /^(multipart\/form-data|application\/octet-stream)/i.test(type) ? forUploads(c, next) : forJson(c, next);
  };
};

/** The route that will answer: the first matched one that is not middleware (`use` registers method ALL). */
function answeringRoute(c: Context): { method: string; path: string } | undefined {
  return matchedRoutes(c).find((r) => r.method !== 'ALL');
}

const bearer = (c: Context) => /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];

const LOCAL_CLI: Principal = { id: null, username: 'local command line', role: 'admin', rep_id: null };

const authorize: MiddlewareHandler<AuthEnv> = async (c, next) => {
  const route = answeringRoute(c);
  const rule = route ? apiAccess[`${route.method} ${route.path}`] : undefined;
  if (rule && 'public' in rule) return next();

  const local = rule && 'local' in rule && rule.local && isLocalToken(bearer(c));
  const user = local ? LOCAL_CLI : await sessionUser(await getDatabase(), sessionToken(c));
  if (!user) throw new AuthError();
  c.set('user', user);
  if (!route) return next(); // no such route: the API's 404, for signed-in users only
  if (!rule) throw new ForbiddenError(`No access rule for ${route.method} ${route.path} (add one in app/api/access.ts)`);
  if (!allows(rule, user, patternParams(route.path, c.req.path))) {
    throw new ForbiddenError(
      'ownRep' in rule && rule.ownRep && user.role === 'rep' && rule.roles.includes('rep')
        ? 'A rep may see only their own notes and figures.'
        : `The ${user.role} role may not do this.`
    );
  }
  return next();
};

/** Everything the API runs before its handlers, in order. */
export const guards = (): MiddlewareHandler<AuthEnv>[] => [securityHeaders, noStore, refuseCrossSite, limitBodies(), authorize];

export type PageDecision = { allow: true; user: Principal | null } | { allow: false; status: 401 | 403; user: Principal | null };

/** The page table's answer for a request (SvelteKit's hook turns 401 into a redirect to /login). */
export async function decidePage(pathname: string, cookieToken: string | undefined): Promise<PageDecision> {
  const asset = pathname.startsWith('/_app/') || /\.[a-z0-9]+$/i.test(pathname);
  const match = pageRule(pathname);
  if (asset && !match) return { allow: true, user: null };
  if (match && 'public' in match.rule) return { allow: true, user: null };
  const user = await sessionUser(await getDatabase(), cookieToken);
  if (!user) return { allow: false, status: 401, user: null };
  if (match && !allows(match.rule, user, match.params)) return { allow: false, status: 403, user };
  return { allow: true, user };
}
