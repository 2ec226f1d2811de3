/** /api/users: admins list, add, change and disable accounts; every change is in the audit log. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Database } from '../../sql/db.ts';
import type { Role } from '../server/accounts.ts';
import { PASSWORD, call, seededDatabase, signedInUsers } from './test-support.ts';
import { api } from './index.ts';

const app = api;
let db: Database;
let cookies: Record<Role | 'rep2', string>;

beforeAll(async () => {
  db = await seededDatabase();
  cookies = await signedInUsers(db);
});

afterAll(() => closeDatabase());

describe('/api/users', () => {
  it('lists users without their password hashes', async () => {
    const res = await call(app, 'GET', '/api/users', { cookie: cookies.admin });
    expect(res.status).toBe(200);
    const { users } = await res.json();
    expect(users.map((u: { username: string }) => u.username)).toEqual(['admin1', 'lead1', 'manager1', 'rep1', 'rep2', 'scheduler1', 'wallboard1']);
    expect(JSON.stringify(users)).not.toMatch(/argon2|password/);
    expect(users.find((u: { username: string }) => u.username === 'rep2')).toMatchObject({ role: 'rep', rep_interface: 'PJSIP/7002', rep_id: 'ben' });
  });

  it('adds a user (audit-logged, no password in the log) and refuses a taken name', async () => {
    const body = { username: 'Carla.Diaz', password: PASSWORD, role: 'rep', rep_interface: 'PJSIP/7009' };
    const res = await call(app, 'POST', '/api/users', { cookie: cookies.admin, body });
    expect(res.status).toBe(201);
    const { user } = await res.json();
    expect(user).toMatchObject({ username: 'carla.diaz', role: 'rep', rep_id: 'pjsip-7009', disabled: false });
    const log = await db.one<{ username: string; after: string }>(
      `SELECT username, CAST(after AS VARCHAR) AS after FROM audit_log WHERE entity = 'user' AND entity_id = $id`,
      { id: String(user.id) }
    );
    expect(log?.username).toBe('admin1');
    expect(log?.after).not.toMatch(/argon2|password/);
    expect((await call(app, 'POST', '/api/users', { cookie: cookies.admin, body })).status).toBe(409);
  });

  it('refuses a rep without an interface, a short password, an unknown role', async () => {
    for (const body of [
      { username: 'x1', password: PASSWORD, role: 'rep' },
      { username: 'x2', password: 'short', role: 'lead' },
      { username: 'x3', password: PASSWORD, role: 'owner' }
    ]) {
      expect((await call(app, 'POST', '/api/users', { cookie: cookies.admin, body })).status, JSON.stringify(body)).toBe(400);
    }
  });

  it('disables a user: their sessions end, before and after are logged; an admin cannot disable themself', async () => {
    const id = (await db.one<{ id: number }>(`SELECT id FROM users WHERE username = 'scheduler1'`))!.id;
    const res = await call(app, 'PATCH', `/api/users/${id}`, { cookie: cookies.admin, body: { disabled: true } });
    expect(res.status).toBe(200);
    expect((await res.json()).user.disabled).toBe(true);
    expect((await call(app, 'GET', '/api/session', { cookie: cookies.scheduler })).status).toBe(401);
    const log = await db.one<{ action: string; before: string; after: string }>(
      `SELECT action, CAST(before AS VARCHAR) AS before, CAST(after AS VARCHAR) AS after FROM audit_log
       WHERE entity = 'user' AND entity_id = $id AND action = 'disable'`,
      { id: String(id) }
    );
    expect(JSON.parse(log!.before).disabled).toBe(false);
    expect(JSON.parse(log!.after).disabled).toBe(true);

    const self = (await db.one<{ id: number }>(`SELECT id FROM users WHERE username = 'admin1'`))!.id;
    expect((await call(app, 'PATCH', `/api/users/${self}`, { cookie: cookies.admin, body: { disabled: true } })).status).toBe(409);
    expect((await call(app, 'PATCH', '/api/users/99999', { cookie: cookies.admin, body: { disabled: true } })).status).toBe(404);
  });
});
