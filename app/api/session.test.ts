/** Signing in and out: the cookie's flags, who is signed in, expiry, disabling, and the rate limit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Database } from '../../sql/db.ts';
import { createUser, updateUser } from '../server/accounts.ts';
import { SIGN_IN_LIMITS } from '../server/sign-in-limits.ts';
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

  it('keeps the session a browser has when a sign-in sent from it fails', async () => {
    const cookie = cookieOf(await signIn('lena'));
    for (const [u, p] of [['lena', 'wrong password'], ['nobody', PASSWORD]]) {
      const res = await call(app, 'POST', '/api/session', { cookie, body: { username: u, password: p } });
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    expect((await call(app, 'GET', '/api/session', { cookie })).status).toBe(200);
    // A successful one replaces it.
    const switched = await call(app, 'POST', '/api/session', { cookie, body: { username: 'ana', password: PASSWORD } });
    expect(switched.status).toBe(200);
    expect((await call(app, 'GET', '/api/session', { cookie })).status).toBe(401);
  });
});

describe('sign-in limits', () => {
  /** The test's clock: every attempt says when it happens (a day ahead, clear of the real sign-ins above). */
  let clock = Date.now() + 86_400_000;
  const attempt = (username: string, password: string, peer: string, headers: Record<string, string> = {}) =>
    app.request(
      'http://localhost/api/session',
      { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost', ...headers }, body: JSON.stringify({ username, password }) },
      { clientAddress: peer, now: () => new Date(clock) }
    );
  const recorded = async () => (await db.one<{ n: number }>('SELECT count(*) AS n FROM signin_attempts'))!.n;

  it('slows guesses at one account from many addresses with a growing delay, answering 429 with Retry-After unchecked', async () => {
    await createUser(db, CLI, { username: 'target', password: PASSWORD, role: 'manager' });
    const start = clock;
    const statuses: number[] = [];
    const waits: string[] = [];
    for (let i = 0; i < 40; i++) {
      const before = await recorded();
      const res = await attempt('target', `guess ${i}`, `10.0.${i % 8}.1`);
      statuses.push(res.status);
      if (res.status === 429) {
        waits.push(res.headers.get('retry-after')!);
        expect(await recorded(), 'a held-back attempt is not checked nor kept').toBe(before);
      }
      clock += 1000;
    }
    // One guess a second: checked at 0, 1, 2 s (free), then after 1, 2, 4, 8, 16 s waits: 3, 5, 9, 17, 33 s.
    const checked = statuses.flatMap((s, t) => (s === 401 ? [t] : []));
    expect(checked).toEqual([0, 1, 2, 3, 5, 9, 17, 33]);
    expect(statuses.filter((s) => s === 429)).toHaveLength(32);
    expect(waits.slice(0, 3)).toEqual(['1', '3', '2']); // at 4 s: 2 s after 3 s = 1; at 6 s: 4 s after 5 s = 3; at 7 s: 2
    // The owner with the right password during a wait: 429 too; once it has passed, in.
    const held = await attempt('target', PASSWORD, '10.1.1.1');
    expect(held.status).toBe(429);
    expect((await held.json()).error).toMatch(/Too many failed sign-ins; try again in \d+ seconds/);
    clock = start + 33_000 + 32_000;
    expect((await attempt('target', PASSWORD, '10.1.1.1')).status).toBe(200);
  });

  it(`never keeps the owner out longer than ${SIGN_IN_LIMITS.maxDelayS} s, however many guesses came before`, async () => {
    await createUser(db, CLI, { username: 'popular', password: PASSWORD, role: 'lead' });
    for (let i = 0; i < 30; i++) {
      expect((await attempt('popular', `guess ${i}`, `172.16.${i}.9`)).status).toBe(401);
      clock += SIGN_IN_LIMITS.maxDelayS * 1000;
    }
    clock -= 1000; // the last guess was maxDelayS - 1 s ago
    const res = await attempt('popular', PASSWORD, '192.168.7.7');
    expect([res.status, res.headers.get('retry-after')]).toEqual([429, '1']);
    clock += 1000;
    expect((await attempt('popular', PASSWORD, '192.168.7.7')).status).toBe(200);
  });

  it('holds an address back only on the accounts it failed on: a colleague behind it still signs in', async () => {
    clock += 3600_000;
    await createUser(db, CLI, { username: 'colleague', password: PASSWORD, role: 'lead' });
    await createUser(db, CLI, { username: 'typo', password: PASSWORD, role: 'lead' });
    const office = '203.0.113.10';
    expect((await attempt('typo', 'wrong', office)).status).toBe(401);
    for (let i = 1; i < SIGN_IN_LIMITS.addressFailures; i++) {
      expect((await attempt(`nobody${i}`, 'wrong', office)).status).toBe(401);
      clock += 1000;
    }
    expect((await attempt('colleague', PASSWORD, office)).status).toBe(200); // a different account: checked, in
    const held = await attempt('typo', PASSWORD, office); // an account that failed there: held back
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect((await attempt('typo', PASSWORD, '198.51.100.20')).status).toBe(200); // from elsewhere: in
    clock += SIGN_IN_LIMITS.windowMinutes * 60_000;
    expect((await attempt('typo', PASSWORD, office)).status).toBe(200);
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    clock += 3600_000;
    await createUser(db, CLI, { username: 'viaproxy', password: PASSWORD, role: 'lead' });
    const burst = async (peer: string, forwarded: (i: number) => string) => {
      await attempt('viaproxy', 'wrong', peer, { 'x-forwarded-for': forwarded(0) });
      for (let i = 1; i < SIGN_IN_LIMITS.addressFailures; i++) await attempt(`someone${i}`, 'wrong', peer, { 'x-forwarded-for': forwarded(i) });
    };
    // Not trusted: a client naming a new address in each request is still one address.
    await burst('198.18.0.1', (i) => `10.20.30.${i}`);
    expect((await attempt('viaproxy', PASSWORD, '198.18.0.1', { 'x-forwarded-for': '10.99.99.99' })).status).toBe(429);

    clock += 3600_000;
    const saved = process.env.CALLBOARD_TRUSTED_PROXIES;
    process.env.CALLBOARD_TRUSTED_PROXIES = '198.18.0.0/24, 2001:db8::1';
    try {
      // Through the trusted proxy, each browser is its own address: one guessing office does not hold back another.
      await burst('198.18.0.1', () => '10.20.30.40');
      const other = await attempt('viaproxy', PASSWORD, '::ffff:198.18.0.2', { 'x-forwarded-for': '10.20.30.41, 198.18.0.7' });
      expect(other.status).toBe(200);
      clock += 1000;
      const same = await attempt('viaproxy', PASSWORD, '2001:db8::1', { 'x-forwarded-for': '10.20.30.40' });
      expect(same.status).toBe(429);
    } finally {
      if (saved === undefined) delete process.env.CALLBOARD_TRUSTED_PROXIES;
      else process.env.CALLBOARD_TRUSTED_PROXIES = saved;
    }
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
