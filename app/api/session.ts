/** /api/session: sign in (POST), who is signed in (GET), sign out (DELETE). */
import { Hono } from 'hono';
import { z } from 'zod';
import { getDatabase } from '../../sql/db.ts';
import { signIn, signOut, type Principal } from '../server/accounts.ts';
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
    const db = await getDatabase();
    await signOut(db, sessionToken(c)); // a fresh token on every sign-in
    const { token, user } = await signIn(db, { username, password, ip: clientAddress(c) });
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
    await signOut(await getDatabase(), sessionToken(c));
    clearSessionCookie(c);
    return c.json({ signed_out: true });
  });
