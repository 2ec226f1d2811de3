/**
 * The gate every /api request passes before any handler: security headers, refusal of cross-site
 * changes, body size limits, then sign-in and role checks against the access table (access.ts).
 * Mounted once, first, in app/api/index.ts: `api.use('*', ...guards)`.
 *
 * - Session: cookie `callboard_session` (HttpOnly, SameSite=Lax, Path=/, Secure when the request came
 *   over HTTPS, directly or through a proxy saying so in X-Forwarded-Proto). No Max-Age: the cookie ends
 *   with the browser, the session on the server after its idle time (app/server/accounts.ts).
 * - The SvelteKit hook passes what only the Node server knows: `api.fetch(request, { incoming:
 *   event.platform?.req })`, the socket (for the sign-in limits' address and Secure).
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
import type { Database } from '../../sql/db.ts';
import { AuthError, ForbiddenError } from '../../sql/errors.ts';
import { sessionUser, type Principal } from '../server/accounts.ts';
import { requestContext, type Context as RequestContext } from '../server/context.ts';
import { serverConfig } from '../server/config.ts';
import { isLocalToken } from '../server/local-control.ts';
import { clientAddressOf, configuredProxies } from '../server/client-address.ts';
import { allows, apiAccess, pageVerdict, patternParams, type MatchedRoute, type PageVerdict } from './access.ts';

export const SESSION_COOKIE = 'callboard_session';
export const JSON_LIMIT_BYTES = 1024 * 1024;

/**
 * The Hono environment of every API sub-app: the request's context (database, center zone), set first
 * by `provideContext`, and the signed-in principal, set by `authorize`.
 */
export interface AuthEnv {
  Variables: {
    ctx: RequestContext;
    user: Principal;
    /** The JSON text of the answer, when the handler made it once for many readers (caller-numbers.ts sharedJson). */
    jsonText?: string;
  };
  Bindings: {
    /** The context the SvelteKit hook already made for this request (locals.ctx). */
    ctx?: RequestContext;
    /** The peer's address where there is no socket to ask (tests; SvelteKit's dev server). */
    clientAddress?: string;
    /** The clock of the sign-in limits (tests move it; default now). */
    now?: () => Date;
    /** The Node request: set by @hono/node-server, and by the SvelteKit hook (event.platform.req). */
    incoming?: { socket?: { remoteAddress?: string; encrypted?: boolean } };
  };
}

/** The principal the gate let through (handlers of non-public routes only). */
export const currentUser = (c: Context<AuthEnv>): Principal => c.get('user');

/**
 * The client's address for the sign-in limits: the socket's peer (else the address the hook passed),
 * or, when that peer is one of CALLBOARD_TRUSTED_PROXIES, the address X-Forwarded-For gives for it
 * (app/server/client-address.ts).
 */
export function clientAddress(c: Context<AuthEnv>): string {
  const peer = c.env?.incoming?.socket?.remoteAddress ?? c.env?.clientAddress;
  return clientAddressOf(peer, c.req.header('x-forwarded-for'), configuredProxies());
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

/**
 * What every answer carries, the API's and the pages' alike (the page gate sets them on pages): never
 * framed, never cached (callers' numbers and coaching notes must not stay in a shared cache or a
 * browser's back-forward store), no content sniffing, no referrer sent to other sites.
 */
export const SHARED_SECURITY_HEADERS = {
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store'
} as const;

/** The API's CSP: a JSON answer may run nothing. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";
/** The pages' CSP: they run the app's own scripts, so it forbids framing, plugins and foreign bases and forms. */
export const PAGE_CSP = "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

/** JSON only, never framed, never cached, no referrer; a CSP that lets an API response run nothing. */
const securityHeaders = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], sandbox: [] },
  xFrameOptions: SHARED_SECURITY_HEADERS['X-Frame-Options'],
  referrerPolicy: SHARED_SECURITY_HEADERS['Referrer-Policy'],
  xContentTypeOptions: SHARED_SECURITY_HEADERS['X-Content-Type-Options'],
  strictTransportSecurity: false // HTTPS is the proxy's business; HSTS there, once, for the whole site
});

const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('Cache-Control', SHARED_SECURITY_HEADERS['Cache-Control']);
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
  const user = local ? LOCAL_CLI : await sessionUser(c.var.ctx.db, sessionToken(c));
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

/** The request's context: the one the SvelteKit hook made, else one made here (tests, `api.request()`). */
const provideContext: MiddlewareHandler<AuthEnv> = async (c, next) => {
  c.set('ctx', c.env?.ctx ?? (await requestContext(c.env?.incoming)));
  return next();
};

/** Everything the API runs before its handlers, in order. */
export const guards = (): MiddlewareHandler<AuthEnv>[] => [securityHeaders, noStore, refuseCrossSite, limitBodies(), provideContext, authorize];

/**
 * The page gate's answer (app/lib/shell/page-gate.server.ts): the signed-in user, if any (public pages
 * too, so /login can say who is signed in), and the page table's verdict for the route SvelteKit matched.
 */
export async function decidePage(
  db: Database,
  route: MatchedRoute,
  cookieToken: string | undefined,
  shown?: string
): Promise<{ user: Principal | null; verdict: PageVerdict }> {
  const user = route.id === null ? null : await sessionUser(db, cookieToken);
  return { user, verdict: pageVerdict(route, user, shown) };
}
