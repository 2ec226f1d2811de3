/** /api/session: sign in (POST), who is signed in (GET), sign out (DELETE). */
import { Hono } from 'hono';
import { z } from 'zod';
import { TooManyAttemptsError, signIn, signOut, type Principal } from '../server/accounts.ts';
import { pagesFor } from './access.ts';
import { clearSessionCookie, clientAddress, currentUser, sessionToken, setSessionCookie, type AuthEnv } from './auth.ts';
import { jsonBody, noQuery } from './validate.ts';

const Credentials = z.strictObject({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(4096)
});

const shown = (u: Pick<Principal, 'username' | 'role' | 'rep_id'>) => ({ username: u.username, role: u.role, rep_id: u.rep_id });

export const session = new Hono<AuthEnv>()
  .post('/', async (c) => {
    noQuery(c);
    const { username, password } = await jsonBody(c, Credentials);
    const db = c.var.ctx.db;
    let signedIn;
    try {
      signedIn = await signIn(db, { username, password, ip: clientAddress(c), now: c.env?.now?.() });
    } catch (e) {
      if (e instanceof TooManyAttemptsError) return c.json({ error: e.message }, 429, { 'Retry-After': String(e.retryAfterS) });
      throw e; // a failed sign-in leaves the session the browser already has as it was
    }
    const { token, user } = signedIn;
    await signOut(db, sessionToken(c)); // a fresh token on every sign-in: the old one ends
    setSessionCookie(c, token);
    return c.json({ user: shown(user), pages: pagesFor(user.role) });
  })
  .get('/', (c) => {
    noQuery(c);
    const user = currentUser(c);
    return c.json({ user: shown(user), pages: pagesFor(user.role) });
  })
  .delete('/', async (c) => {
    noQuery(c);
    await signOut(c.var.ctx.db, sessionToken(c));
    clearSessionCookie(c);
    return c.json({ signed_out: true });
  });
