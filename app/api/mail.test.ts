/**
 * /api/mail over HTTP (app.request) against an SMTP server in the test's own process: the SMTP password
 * is written and never read back, the test mail reaches the server or says why not, a manager subscribes
 * and unsubscribes themself only, and every change is in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Database } from '../../sql/db.ts';
import type { Role } from '../server/accounts.ts';
import { auditRecords } from '../server/audit.ts';
import { SMTP_PASSWORD, SMTP_USER, startTestSmtp, type TestSmtp } from '../server/mail/test-smtp-server.ts';
import { api } from './index.ts';
import { call, seededDatabase, signedInUsers } from './test-support.ts';

let db: Database;
let cookies: Record<Role | 'rep2', string>;
let smtp: TestSmtp;

beforeAll(async () => {
  delete process.env.CALLBOARD_SMTP_URL;
  db = await seededDatabase();
  cookies = await signedInUsers(db);
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.close();
  await closeDatabase();
});

const send = async (method: string, path: string, body?: unknown, role: Role = 'admin') => {
  const res = await call(api, method, path, { cookie: cookies[role], body });
  return { status: res.status, body: await res.json() };
};
const serverBody = (password?: string | null) => ({ host: '127.0.0.1', port: smtp.port, tls: 'none', username: SMTP_USER, ...(password === undefined ? {} : { password }), from_address: 'callboard@city.example' });

describe('the SMTP server setting', () => {
  it('is saved with its password, which no answer holds again; leaving the password out keeps it', async () => {
    expect((await send('GET', '/api/mail/server')).body).toMatchObject({ host: null, has_password: false, source: null });
    const saved = await send('PUT', '/api/mail/server', serverBody(SMTP_PASSWORD));
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ host: '127.0.0.1', port: smtp.port, tls: 'none', username: SMTP_USER, from_address: 'callboard@city.example', has_password: true, source: 'settings', env_server: null });
    const again = await send('PUT', '/api/mail/server', { ...serverBody(), port: smtp.port });
    expect(again.body.has_password).toBe(true);
    const read = await send('GET', '/api/mail/server');
    expect(JSON.stringify(read.body)).not.toContain(SMTP_PASSWORD);
    const audit = await auditRecords(db, { entity: 'mail_server' });
    expect(audit.map((a) => [a.action, (a.after as { password_changed: boolean }).password_changed])).toEqual([['update', false], ['create', true]]);
    expect(JSON.stringify(audit)).not.toContain(SMTP_PASSWORD);
  });

  it('refuses a bad host, port or sender with the field named', async () => {
    expect((await send('PUT', '/api/mail/server', { ...serverBody(), host: 'mail server' })).body.error).toBe('host: "mail server" is not a host name or address');
    expect((await send('PUT', '/api/mail/server', { ...serverBody(), from_address: 'nobody' })).body.error).toBe('from_address: "nobody" is not a mail address (name@example.org)');
    expect((await send('PUT', '/api/mail/server', { ...serverBody(), port: 0 })).status).toBe(400);
  });

  it('sends a test mail, and says why when the server refuses the password', async () => {
    const ok = await send('POST', '/api/mail/server/test', { to: 'Admin@City.example' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ to: 'admin@city.example', server: `127.0.0.1:${smtp.port}` });
    expect(smtp.received.map((m) => [m.envelopeTo, m.mail.subject])).toEqual([[['admin@city.example'], 'Callboard: test mail']]);

    await send('PUT', '/api/mail/server', serverBody('wrong'));
    const refused = await send('POST', '/api/mail/server/test', { to: 'admin@city.example' });
    expect(refused.status).toBe(502);
    expect(refused.body.error).toBe(`the mail server 127.0.0.1:${smtp.port} refused the user name or password: 535 Invalid username or password; check them in Settings, Mail`);
    await send('PUT', '/api/mail/server', serverBody(SMTP_PASSWORD));
  });

  it('is for admins only', async () => {
    for (const role of ['manager', 'lead', 'scheduler', 'rep'] as const) {
      expect((await send('GET', '/api/mail/server', undefined, role)).status, role).toBe(403);
      expect((await send('PUT', '/api/mail/server', serverBody('x'), role)).status, role).toBe(403);
      expect((await send('POST', '/api/mail/server/test', { to: 'a@b.org' }, role)).status, role).toBe(403);
    }
  });
});

describe('subscriptions', () => {
  it('an admin subscribes anyone; a manager subscribes themself and sees and removes only their own', async () => {
    const byAdmin = await send('POST', '/api/mail/subscriptions', { kind: 'weekly', address: 'Director@City.example' });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.subscription).toMatchObject({ kind: 'weekly', address: 'director@city.example', user_id: null, created_by: 'admin1' });
    const mine = await send('POST', '/api/mail/subscriptions', { kind: 'monthly', address: 'manager1@city.example' }, 'manager');
    expect(mine.status).toBe(201);
    expect(mine.body.subscription.user_id).not.toBeNull();

    expect((await send('GET', '/api/mail/subscriptions', undefined, 'manager')).body.subscriptions.map((s: { address: string }) => s.address)).toEqual(['manager1@city.example']);
    expect((await send('GET', '/api/mail/subscriptions')).body.subscriptions.map((s: { kind: string }) => s.kind)).toEqual(['weekly', 'monthly']);

    const theirs = await send('DELETE', `/api/mail/subscriptions/${byAdmin.body.subscription.id}`, undefined, 'manager');
    expect(theirs).toEqual({ status: 403, body: { error: 'you may remove only your own subscriptions; an admin removes the others' } });
    expect((await send('POST', '/api/mail/subscriptions', { kind: 'monthly', address: 'manager1@city.example' }, 'manager')).body.error).toBe('manager1@city.example gets the monthly report already');
    expect((await send('DELETE', `/api/mail/subscriptions/${mine.body.subscription.id}`, undefined, 'manager')).status).toBe(200);
    const audit = await auditRecords(db, { entity: 'mail_subscription' });
    expect(audit.map((a) => [a.username, a.action])).toEqual([['manager1', 'delete'], ['manager1', 'create'], ['admin1', 'create']]);
  });

  it('leads, schedulers and reps may not subscribe; readers see the outbox', async () => {
    for (const role of ['lead', 'scheduler', 'rep'] as const) expect((await send('POST', '/api/mail/subscriptions', { kind: 'weekly', address: 'x@city.example' }, role)).status, role).toBe(403);
    for (const role of ['admin', 'manager', 'lead'] as const) expect((await send('GET', '/api/mail/outbox', undefined, role)).body, role).toEqual({ outbox: [] });
    expect((await send('GET', '/api/mail/outbox', undefined, 'rep')).status).toBe(403);
  });

  it('only an admin mails a report by hand', async () => {
    const lead = await send('POST', '/api/reports', { kind: 'weekly', period: '2026-W10', mail: ['x@city.example'] }, 'lead');
    expect(lead).toEqual({ status: 403, body: { error: 'only an admin mails a report by hand; subscribe to the periodic reports instead' } });
    smtp.received.length = 0;
    const admin = await send('POST', '/api/reports', { kind: 'weekly', period: '2026-W10', mail: ['x@city.example'] });
    expect(admin.status).toBe(201);
    expect(admin.body.mail).toMatchObject([{ recipient: 'x@city.example', status: 'sent', error: null }]);
    expect(smtp.received.map((m) => m.envelopeTo)).toEqual([['x@city.example']]);
    expect((await send('GET', '/api/mail/outbox', undefined, 'manager')).body.outbox).toMatchObject([{ kind: 'weekly', period: '2026-W10', recipient: 'x@city.example', status: 'sent', queued_by: 'admin1' }]);
  });
});
