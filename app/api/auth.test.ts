/**
 * The gate, walked over EVERY route the API registers (api.routes, so new routes are covered without
 * touching this file): no session -> 401, a role the access table leaves out -> 403, a rep and another
 * rep's notes -> 403, cross-site changes refused, security headers everywhere, and hostile strings in
 * every parameter -> 4xx with every table unchanged.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Database } from '../../sql/db.ts';
import { ROLES, type Role } from '../server/accounts.ts';
import { createNote } from '../server/notes.ts';
import { apiAccess, type Rule } from './access.ts';
import { guards } from './auth.ts';
import { call, fillPath, seededDatabase, sessionCookie, signedInUsers, tableChecksums } from './test-support.ts';
import { api } from './index.ts';

const app = api;
let db: Database;
let cookies: Record<Role | 'rep2', string>;
let noteId: number;
let userId: number;

interface Route {
  method: string;
  path: string;
  key: string;
  rule: Rule | undefined;
}
let routes: Route[];

/** A value for each path parameter that names something that exists. */
const validParam = (name: string) =>
  ({ id: 'ana', noteId: String(noteId), runId: '1' })[name] ?? '1';
const paramFor = (route: Route) => (name: string) =>
  route.path.startsWith('/api/users/') && name === 'id' ? String(userId) : validParam(name);

beforeAll(async () => {
  db = await seededDatabase();
  cookies = await signedInUsers(db);
  noteId = (await createNote(db, { id: null, username: 'test' }, 'ana', {
    text: 'Greets callers well',
    category: 'praise',
    call_ref: null,
    ref_date: null,
    evaluation_id: null,
    follow_up_date: null
  })).id;
  userId = (await db.one<{ id: number }>(`SELECT id FROM users WHERE username = 'rep2'`))!.id;
  const seen = new Set<string>();
  routes = app.routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => ({ method: r.method, path: r.path, key: `${r.method} ${r.path}`, rule: apiAccess[`${r.method} ${r.path}`] }))
    .filter((r) => !seen.has(r.key) && seen.add(r.key));
});

afterAll(() => closeDatabase());

const isPublic = (r: Route) => !!r.rule && 'public' in r.rule;
const rolesOf = (r: Route): readonly Role[] => (r.rule && 'roles' in r.rule ? r.rule.roles : ROLES);

describe('the access table', () => {
  it('has a rule for every route the API registers', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !r.rule).map((r) => r.key)).toEqual([]);
  });

  it('keeps issue 4\'s policy: accounts and backups for admins, notes written by leads, reps see their own', () => {
    const who = (key: string) => {
      const rule = apiAccess[key];
      return 'public' in rule ? 'public' : [...rule.roles].sort().join(',') + (rule.ownRep ? ' (own)' : '') + (rule.local ? ' +cli' : '');
    };
    expect({
      signIn: who('POST /api/session'),
      users: who('GET /api/users'),
      addUser: who('POST /api/users'),
      changeUser: who('PATCH /api/users/:id'),
      backup: who('POST /api/backup'),
      audit: who('GET /api/audit'),
      readNotes: who('GET /api/reps/:id/notes'),
      writeNote: who('POST /api/reps/:id/notes'),
      editNote: who('PATCH /api/reps/:id/notes/:noteId'),
      acknowledge: who('POST /api/reps/:id/notes/:noteId/acknowledge')
    }).toEqual({
      signIn: 'public',
      users: 'admin',
      addUser: 'admin +cli',
      changeUser: 'admin',
      backup: 'admin +cli',
      audit: 'admin,manager',
      readNotes: 'admin,lead,manager,rep (own)',
      writeNote: 'admin,lead,manager',
      editNote: 'admin,lead,manager',
      acknowledge: 'rep (own)'
    });
  });
});

describe('every route', () => {
  it('answers 401 without a session (except signing in)', async () => {
    for (const route of routes.filter((r) => !isPublic(r))) {
      const res = await call(app, route.method, fillPath(route.path, paramFor(route)), { body: {} });
      expect.soft(res.status, route.key).toBe(401);
      expect.soft(await res.json(), route.key).toEqual({ error: expect.any(String) });
    }
  });

  it('answers 401 for a made-up or expired session', async () => {
    const expired = await sessionCookie(db, 'lead1');
    await db.run(`UPDATE sessions SET expires_at = now() - INTERVAL 1 MINUTE WHERE token_hash = sha256($t)`, {
      t: expired.split('=')[1]
    });
    for (const cookie of ['callboard_session=' + 'A'.repeat(43), 'callboard_session=%27%20OR%201%3D1%20--', expired]) {
      const res = await call(app, 'GET', '/api/reps', { cookie });
      expect(res.status, cookie).toBe(401);
    }
  });

  it('answers 403 to every role the access table leaves out', async () => {
    let checked = 0;
    for (const route of routes.filter((r) => !isPublic(r))) {
      for (const role of ROLES.filter((r) => !rolesOf(route).includes(r))) {
        const res = await call(app, route.method, fillPath(route.path, paramFor(route)), { cookie: cookies[role], body: {} });
        expect.soft(res.status, `${role} ${route.key}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('lets every role the access table names through the gate', async () => {
    // One session per role, signed in again whenever it no longer answers (DELETE /api/session ends
    // the one it is sent with): a sign-in costs more than most routes' work.
    const sessions = new Map<Role, string>();
    const liveSession = async (role: Role) => {
      const kept = sessions.get(role);
      if (kept) {
        const res = await call(app, 'GET', '/api/session', { cookie: kept });
        await res.body?.cancel();
        if (res.status === 200) return kept;
      }
      const cookie = await sessionCookie(db, `${role}1`);
      sessions.set(role, cookie);
      return cookie;
    };
    for (const route of routes.filter((r) => !isPublic(r))) {
      for (const role of rolesOf(route)) {
        const cookie = await liveSession(role);
        const res = await call(app, route.method, fillPath(route.path, paramFor(route)), { cookie, body: {} });
        await res.body?.cancel();
        expect.soft([401, 403], `${role} ${route.key} answered ${res.status}`).not.toContain(res.status);
      }
    }
  }, 300_000); // every route's real work once per role it allows (an optimiser run, report builds...): minutes on a busy machine

  it('carries the security headers on every answer', async () => {
    const answers = [
      await call(app, 'GET', '/api/reps'), // 401
      await call(app, 'GET', '/api/users', { cookie: cookies.lead }), // 403
      await call(app, 'GET', '/api/reps', { cookie: cookies.lead }), // 200
      await call(app, 'GET', '/api/no-such-thing', { cookie: cookies.lead }), // 404
      await call(app, 'POST', '/api/reps/ana/notes', { cookie: cookies.lead, body: {}, origin: 'https://evil.example' }) // 403
    ];
    expect(answers.map((r) => r.status)).toEqual([401, 403, 200, 404, 403]);
    for (const res of answers) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });
});

describe('reps and their notes', () => {
  it('a rep asking for another rep\'s notes gets 403', async () => {
    const own = await call(app, 'GET', '/api/reps/ana/notes', { cookie: cookies.rep });
    expect(own.status).toBe(200);
    for (const [method, path] of [
      ['GET', '/api/reps/ben/notes'],
      ['GET', `/api/reps/ben/notes/${noteId}/versions`],
      ['POST', `/api/reps/ben/notes/${noteId}/acknowledge`],
      ['GET', '/api/reps/pjsip-7009/notes']
    ]) {
      const res = await call(app, method, path, { cookie: cookies.rep });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect((await res.json()).error).toMatch(/only their own/);
    }
    const other = await call(app, 'GET', '/api/reps/ana/notes', { cookie: cookies.rep2 });
    expect(other.status).toBe(403);
  });
});

describe('cross-site requests', () => {
  const note = { text: 'Cross-site note' };
  const attempt = (headers: Record<string, string>, origin: string | null = null) =>
    call(app, 'POST', '/api/reps/ana/notes', { cookie: cookies.lead, body: note, origin, headers });

  it('refuses a change without a matching Origin or Referer, and changes nothing', async () => {
    const before = await tableChecksums(db);
    const attempts: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'http://localhost.evil.example' },
      { origin: 'null' },
      { referer: 'https://evil.example/page' },
      {}
    ];
    for (const headers of attempts) {
      const res = await attempt(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toEqual({ error: 'cross-site request refused' });
    }
    const signIn = await call(app, 'POST', '/api/session', {
      body: { username: 'lead1', password: 'x' },
      origin: 'https://evil.example'
    });
    expect(signIn.status).toBe(403);
    expect(await tableChecksums(db)).toEqual(before);
  });

  it('accepts the same change from this site (Origin, or Referer when Origin is absent)', async () => {
    expect((await attempt({ origin: 'http://localhost' })).status).toBe(201);
    expect((await attempt({ referer: 'http://localhost/reps/ana' })).status).toBe(201);
    expect((await attempt({ origin: 'https://callboard.city.gov', 'x-forwarded-host': 'callboard.city.gov' })).status).toBe(201);
  });
});

describe('body size', () => {
  it('refuses a JSON body over 1 MB with 413', async () => {
    const res = await call(app, 'POST', '/api/reps/ana/notes', { cookie: cookies.lead, body: { text: 'x'.repeat(1_100_000) } });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/larger than 1 MB/);
  });

  it('lets uploads be larger, up to CALLBOARD_UPLOAD_LIMIT_MB', async () => {
    const saved = process.env.CALLBOARD_UPLOAD_LIMIT_MB;
    process.env.CALLBOARD_UPLOAD_LIMIT_MB = '2';
    try {
      const small = new Hono().basePath('/api');
      small.use('*', ...guards());
      small.post('/imports', async (c) => c.json({ bytes: ((await c.req.parseBody()).file as File).size }));
      const upload = (bytes: number) => {
        const form = new FormData();
        form.set('file', new File([new Uint8Array(bytes)], 'queue_log'));
        return small.request('http://localhost/api/imports', { method: 'POST', body: form, headers: { cookie: cookies.lead, origin: 'http://localhost' } });
      };
      const fits = await upload(1_500_000);
      expect(fits.status).toBe(200);
      expect(await fits.json()).toEqual({ bytes: 1_500_000 });
      const tooBig = await upload(2_200_000);
      expect(tooBig.status).toBe(413);
      expect((await tooBig.json()).error).toMatch(/larger than 2 MB/);
    } finally {
      if (saved === undefined) delete process.env.CALLBOARD_UPLOAD_LIMIT_MB;
      else process.env.CALLBOARD_UPLOAD_LIMIT_MB = saved;
    }
  });
});

describe('other methods', () => {
  it('HEAD follows GET\'s rule; OPTIONS and unknown routes need a session', async () => {
    expect((await call(app, 'HEAD', '/api/reps/ben/notes', { cookie: cookies.rep })).status).toBe(403);
    expect((await call(app, 'HEAD', '/api/reps/ana/notes', { cookie: cookies.rep })).status).toBe(200);
    expect((await call(app, 'OPTIONS', '/api/reps')).status).toBe(401);
    expect((await call(app, 'GET', '/api/secret-admin-thing')).status).toBe(401);
    expect((await call(app, 'GET', '/api/secret-admin-thing', { cookie: cookies.rep })).status).toBe(404);
  });
});

describe('hostile strings in every parameter', () => {
  const HOSTILE = [`' OR 1=1 --`, '../../etc/passwd', '%2e%2e%2f', `"; DROP TABLE calls; --`];
  /** Each string as a path segment: percent-encoded, and as written (the URL parser may resolve dots). */
  const asSegments = (s: string) => [...new Set([encodeURIComponent(s), s])];
  /**
   * The query parameters each route reads, with valid values for the rest while one is hostile
   * (issue 4's routes also refuse unknown ones: reps.test.ts).
   */
  const DAY = { from: '2026-03-02', to: '2026-03-02' };
  const QUERY: Record<string, { valid: Record<string, string>; params: string[] }> = {
    'GET /api/reps/:id/notes': { valid: {}, params: ['include_deleted'] },
    'GET /api/audit': { valid: {}, params: ['entity', 'entity_id', 'limit'] },
    'GET /api/metrics': {
      valid: DAY,
      params: ['from', 'to', 'by', 'group', 'queue', 'interval_minutes', 'sl_threshold_s', 'short_abandon_s', 'sl_formula', 'explain']
    },
    'GET /api/metrics/follow-up': { valid: DAY, params: ['from', 'to', 'queue', 'window_s', 'short_abandon_s'] },
    'GET /api/metrics/repeat-callers': { valid: DAY, params: ['from', 'to', 'queue', 'window_s'] },
    'GET /api/metrics/rep-activity': { valid: DAY, params: ['from', 'to', 'interval_minutes'] },
    'GET /api/metrics/data-quality': { valid: DAY, params: ['from', 'to', 'interval_minutes'] }
  };

  /** The JSON fields with a format (free text such as a note's text is stored verbatim: see reps.test.ts). */
  const BODY: Record<string, Record<string, unknown>> = {
    'POST /api/reps/:id/notes': { text: 'ok', category: 'x', call_ref: 'x', ref_date: 'x', follow_up_date: 'x', evaluation_id: 'x' },
    'PATCH /api/reps/:id/notes/:noteId': { category: 'x', call_ref: 'x', ref_date: 'x', follow_up_date: 'x', state: 'x', version: 'x' },
    'POST /api/users': { username: 'x', password: 'long enough password', role: 'x', rep_interface: 'x' },
    'PATCH /api/users/:id': { role: 'x', rep_interface: 'x', disabled: 'x' }
  };
  const roleFor = (route: Route): Role => {
    const roles = rolesOf(route);
    return roles.includes('admin') ? 'admin' : roles.includes('lead') ? 'lead' : roles[0];
  };

  it('answers 4xx and leaves every table as it was', async () => {
    const before = await tableChecksums(db);
    const refused: string[] = [];
    const expect4xx = async (label: string, res: Response) => {
      if (res.status < 400 || res.status >= 500) refused.push(`${label} -> ${res.status}`);
    };
    for (const route of routes.filter((r) => !isPublic(r))) {
      const cookie = cookies[roleFor(route)];
      const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      for (const evil of HOSTILE) {
        for (const name of names) {
          for (const segment of asSegments(evil)) {
            const path = fillPath(route.path, (n) => (n === name ? segment : paramFor(route)(n)));
            await expect4xx(`${route.key} :${name}=${segment}`, await call(app, route.method, path, { cookie, body: {} }));
          }
        }
        const base = fillPath(route.path, paramFor(route));
        const { valid, params } = QUERY[route.key] ?? { valid: {}, params: [] };
        for (const name of params) {
          const path = `${base}?${new URLSearchParams({ ...valid, [name]: evil })}`;
          await expect4xx(`${route.key} ?${name}`, await call(app, route.method, path, { cookie, body: route.method === 'GET' ? undefined : {} }));
        }
        for (const field of Object.keys(BODY[route.key] ?? {})) {
          const body = { ...BODY[route.key], [field]: evil };
          await expect4xx(`${route.key} body.${field}`, await call(app, route.method, base, { cookie, body }));
        }
        if (BODY[route.key]) {
          await expect4xx(`${route.key} raw body`, await call(app, route.method, base, { cookie, body: evil }));
        }
      }
    }
    expect(refused).toEqual([]);
    expect(await tableChecksums(db)).toEqual(before);
  });

  it('signing in with them is refused and records only the failed attempts', async () => {
    const before = await tableChecksums(db);
    for (const evil of HOSTILE) {
      for (const body of [{ username: evil, password: 'whatever1' }, { username: 'admin1', password: evil }, evil]) {
        const res = await call(app, 'POST', '/api/session', { body });
        expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
    }
    const after = await tableChecksums(db);
    delete before.signin_attempts;
    delete after.signin_attempts;
    expect(after).toEqual(before);
  });
});
