/** Signing in and out: the cookie's flags, who is signed in, expiry, disabling, and the rate limit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Database } from '../../sql/db.ts';
import { MAX_FAILURES, createUser, updateUser } from '../server/accounts.ts';
import { PASSWORD, call, seededDatabase } from './test-support.ts';
import { api } from './index.ts';

const app = api;
let db: Database;
const CLI = { id: null, username: 'test' };

beforeAll(async () => {
  db = await seededDatabase();
  await createUser(db, CLI, { username: 'Lena', password: PASSWORD, role: 'lead' });
  await createUser(db, CLI, { username: 'ana', password: PASSWORD, role: 'rep', repInterface: 'Agent/7001' });
});

afterAll(() => closeDatabase());

const signIn = (username: string, password = PASSWORD, headers: Record<string, string> = {}, url = '') =>
  url
    ? app.request(url, { method: 'POST', headers: { 'content-type': 'application/json', origin: new URL(url).origin, ...headers }, body: JSON.stringify({ username, password }) })
    : call(app, 'POST', '/api/session', { body: { username, password }, headers });

const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0] ?? '';

describe('POST /api/session', () => {
  it('signs in, sets an HttpOnly SameSite cookie, and says who', async () => {
    const res = await signIn('lena');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: { username: 'lena', role: 'lead', rep_id: null }, pages: expect.arrayContaining(['/', '/day', '/reps']) });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^callboard_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  it('marks the cookie Secure over HTTPS, directly or behind a proxy', async () => {
    const direct = await signIn('lena', PASSWORD, {}, 'https://callboard.city.gov/api/session');
    expect(direct.headers.get('set-cookie')).toMatch(/; Secure/);
    const proxied = await signIn('lena', PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(proxied.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('asks the socket, not the URL, when the Node server says (adapter-node writes https into every URL)', async () => {
    const over = (encrypted: boolean) =>
      app.request(
        'https://callboard.local/api/session',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'https://callboard.local' },
          body: JSON.stringify({ username: 'lena', password: PASSWORD })
        },
        { incoming: { socket: { encrypted, remoteAddress: '10.1.1.1' } } }
      );
    expect((await over(false)).headers.get('set-cookie')).not.toMatch(/Secure/);
    expect((await over(true)).headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('keeps only a SHA-256 of the token', async () => {
    const token = cookieOf(await signIn('lena')).split('=')[1];
    const stored = await db.all<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
    expect(await db.one('SELECT 1 FROM sessions WHERE token_hash = sha256($t)', { t: token })).toBeTruthy();
  });

  it('gives a rep their rep id (the roster\'s, for any of their interfaces)', async () => {
    const res = await signIn('ana');
    expect((await res.json()).user).toEqual({ username: 'ana', role: 'rep', rep_id: 'ana' });
  });

  it('refuses a wrong password or an unknown user with the same 401', async () => {
    for (const [u, p] of [['lena', 'wrong password'], ['nobody', PASSWORD]]) {
      const res = await signIn(u, p, { 'x-test': u });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'Wrong username or password.' });
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it(`answers 429 after ${MAX_FAILURES} failures for a username from one address, even with the right password`, async () => {
    await createUser(db, CLI, { username: 'target', password: PASSWORD, role: 'manager' });
    // A test app has no socket: tell it the address the way the SvelteKit hook does.
    const from = (address: string, password: string) =>
      app.request(
        'http://localhost/api/session',
        { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost' }, body: JSON.stringify({ username: 'target', password }) },
        { clientAddress: address }
      );
    for (let i = 0; i < MAX_FAILURES; i++) expect((await from('10.0.0.1', 'guess ' + i)).status).toBe(401);
    const blocked = await from('10.0.0.1', PASSWORD);
    expect(blocked.status).toBe(429);
    expect((await blocked.json()).error).toMatch(/Too many failed sign-ins/);
    expect((await from('10.0.0.2', PASSWORD)).status).toBe(200); // another address is not blocked
    // Once the window has passed, the address may try again.
    await db.run(`UPDATE signin_attempts SET attempted_at = attempted_at - INTERVAL 16 MINUTE WHERE username = 'target'`);
    expect((await from('10.0.0.1', PASSWORD)).status).toBe(200);
  });
});

describe('GET and DELETE /api/session', () => {
  it('says who is signed in, and signs out', async () => {
    const cookie = cookieOf(await signIn('lena'));
    const who = await call(app, 'GET', '/api/session', { cookie });
    expect(who.status).toBe(200);
    expect((await who.json()).user).toEqual({ username: 'lena', role: 'lead', rep_id: null });

    const out = await call(app, 'DELETE', '/api/session', { cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^callboard_session=; Max-Age=0; Path=\//);
    expect((await call(app, 'GET', '/api/session', { cookie })).status).toBe(401);
  });

  it('answers 401 when nobody is signed in', async () => {
    expect((await call(app, 'GET', '/api/session')).status).toBe(401);
  });

  it('ends a session after its idle time, and never extends it past the maximum', async () => {
    const cookie = cookieOf(await signIn('lena'));
    const token = cookie.split('=')[1];
    await db.run(`UPDATE sessions SET last_seen = now() - INTERVAL 2 HOUR, created_at = now() - INTERVAL 7 DAY + INTERVAL 1 HOUR WHERE token_hash = sha256($t)`, { t: token });
    expect((await call(app, 'GET', '/api/session', { cookie })).status).toBe(200);
    const { hours } = (await db.one<{ hours: number }>(
      `SELECT round((epoch(expires_at) - epoch(now())) / 3600) AS hours FROM sessions WHERE token_hash = sha256($t)`,
      { t: token }
    ))!;
    expect(hours).toBe(1); // capped at created_at + 7 days, not now + 12 h
    await db.run(`UPDATE sessions SET expires_at = now() - INTERVAL 1 SECOND WHERE token_hash = sha256($t)`, { t: token });
    expect((await call(app, 'GET', '/api/session', { cookie })).status).toBe(401);
  });

  it('ends every session of a user who is disabled, and refuses their sign-in', async () => {
    const user = await createUser(db, CLI, { username: 'leaving', password: PASSWORD, role: 'scheduler' });
    const cookie = cookieOf(await signIn('leaving'));
    await updateUser(db, CLI, user.id, { disabled: true });
    expect((await call(app, 'GET', '/api/session', { cookie })).status).toBe(401);
    const again = await signIn('leaving');
    expect(again.status).toBe(401);
    expect((await again.json()).error).toMatch(/disabled/);
  });

  it('refuses unknown fields and query parameters', async () => {
    const res = await call(app, 'POST', '/api/session', { body: { username: 'lena', password: PASSWORD, role: 'admin' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/Unrecognized key/);
    expect((await call(app, 'POST', '/api/session?x=1', { body: { username: 'lena', password: PASSWORD } })).status).toBe(400);
  });
});
