// What goes wrong with mail, against an SMTP server in the test's own process: a wrong password, a server
// that cannot be reached, a mailbox the server refuses and no server set at all each give one clear
// sentence on the outbox row, an audit record and a retry time on the back-off; the mail goes out once
// the fault is fixed, and a mail still failing a day later is given up, never retried forever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type AddressInfo } from 'node:net';
import type { Database } from '../../../sql/db.ts';
import { fixtureDb, TZ } from '../../../analytics/test-support/fixture-db.ts';
import { nextAttempt } from '../../../analytics/reports/reports-mail.ts';
import { auditRecords } from '../audit.ts';
import { buildAndStoreReport } from '../report-jobs.ts';
import { deliverDueMail, outboxEntries } from './report-outbox.ts';
import { mailNotice } from './notice.ts';
import { readSmtp, saveSmtp, smtpFromUrl } from './smtp-settings.ts';
import { SMTP_PASSWORD, SMTP_USER, startTestSmtp, type TestSmtp } from './test-smtp-server.ts';

const ADMIN = { id: 1, username: 'admin1' };
const T0 = new Date('2026-03-09T12:00:00Z');
const at = (m: number) => new Date(T0.getTime() + m * 60_000);

let smtp: TestSmtp;
let db: Database;
beforeAll(async () => {
  smtp = await startTestSmtp();
  db = await fixtureDb('dst-days.queue_log');
});
afterAll(async () => {
  await smtp.close();
  db.close();
});

const server = (password: string, port = smtp.port) =>
  saveSmtp(db, ADMIN, { host: '127.0.0.1', port, tls: 'none', username: SMTP_USER, password, from_address: 'callboard@city.example' });
const mailReport = (to: string[], minute: number) =>
  buildAndStoreReport(db, { kind: 'weekly', period: '2026-W10', timeZone: TZ, actor: ADMIN, mailTo: to, clock: () => at(minute) });
const deliver = (minute: number, log: string[] = []) => deliverDueMail({ db, smtpUrl: null, clock: () => at(minute), log: (l) => log.push(l) });

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('a failed mail', () => {
  it('no server set: says what to do, keeps the mail and retries it', async () => {
    const report = await mailReport(['lead@city.example'], 0);
    const [r] = await deliver(0);
    expect(r).toMatchObject({ report_id: report.id, status: 'queued', next_attempt_at: at(1).toISOString() });
    expect(r.error).toBe('no mail server is set: an admin sets one in Settings, Mail (or the operator sets CALLBOARD_SMTP_URL)');
  });

  it('a wrong password: the server refused the user name or password, tried again after 1 then 5 minutes, sent once fixed', async () => {
    await server('wrong-password');
    expect(await deliver(0.5)).toEqual([]); // not due before its retry time
    const log: string[] = [];
    const [r] = await deliver(1, log);
    expect(r.error).toMatch(/^the mail server 127\.0\.0\.1:\d+ refused the user name or password: 535 Invalid username or password; check them in Settings, Mail$/);
    expect(r).toMatchObject({ status: 'queued', next_attempt_at: at(1 + 5).toISOString() }); // the 2nd failure waits 5 minutes
    expect(log[0]).toContain('failed (attempt 2)');
    const audit = await auditRecords(db, { entity: 'report', entityId: String(r.report_id) });
    expect(audit.filter((a) => a.action === 'mail_failed').map((a) => (a.after as { attempt: number }).attempt)).toEqual([2, 1]);
    expect(JSON.stringify(audit)).not.toContain('wrong-password');

    await server(SMTP_PASSWORD);
    expect(await deliver(5)).toEqual([]);
    expect((await deliver(6)).map((x) => [x.recipient, x.status])).toEqual([['lead@city.example', 'sent']]);
    expect(smtp.received.map((m) => m.envelopeTo)).toEqual([['lead@city.example']]);
    expect(await deliver(60)).toEqual([]); // and never again
    const [row] = await outboxEntries(db);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, last_error: null, next_attempt_at: null });
  });

  it('a mailbox the server refuses: named with the server\'s answer; the other recipients still get theirs', async () => {
    smtp.received.length = 0;
    smtp.refuse.add('gone@city.example');
    await mailReport(['gone@city.example', 'lead@city.example'], 100);
    const results = await deliver(100);
    expect(results.map((r) => [r.recipient, r.status])).toEqual([['gone@city.example', 'queued'], ['lead@city.example', 'sent']]);
    expect(results[0].error).toMatch(/^the mail server 127\.0\.0\.1:\d+ refused the mailbox gone@city\.example: 550 Mailbox gone@city\.example unavailable$/);
    expect(smtp.received.map((m) => m.envelopeTo)).toEqual([['lead@city.example']]);
  });

  it('an unreachable server: connection refused, with what to check; the job carries on', async () => {
    await server(SMTP_PASSWORD, await closedPort());
    await mailReport(['lead@city.example'], 200);
    const [r] = await deliver(200);
    expect(r.error).toMatch(/^could not reach the mail server 127\.0\.0\.1:\d+ \(connection refused\); check the host and port$/);
    expect(r.status).toBe('queued');
    await server(SMTP_PASSWORD);
  });

  it('a mail claimed by a sender that stopped mid-send is sent again after 10 minutes, with the same Message-ID', async () => {
    smtp.received.length = 0;
    smtp.refuse.clear();
    const report = await mailReport(['crash@city.example'], 300);
    await db.run(`UPDATE mail_outbox SET status = 'sending', attempts = 1, last_attempt_at = $t::TIMESTAMPTZ WHERE recipient = 'crash@city.example'`, { t: at(300).toISOString() });
    const mine = (results: Awaited<ReturnType<typeof deliver>>) => results.filter((r) => r.recipient === 'crash@city.example');
    expect(mine(await deliver(305))).toEqual([]);
    expect(mine(await deliver(311)).map((r) => [r.recipient, r.status])).toEqual([['crash@city.example', 'sent']]);
    expect(smtp.received.find((m) => m.envelopeTo[0] === 'crash@city.example')!.mail.messageId).toMatch(new RegExp(`^<report-${report.id}-[0-9a-f]{16}@callboard>$`));
  });
});

describe('the back-off', () => {
  it('waits 1, 5 and 30 minutes, then an hour, and gives up a day after the mail was queued', () => {
    const queued = T0;
    const waits: number[] = [];
    let failedAt = queued;
    for (let attempt = 1; ; attempt++) {
      const next = nextAttempt(attempt, failedAt, queued);
      if (!next) break;
      waits.push((next.getTime() - failedAt.getTime()) / 60_000);
      failedAt = next;
    }
    expect(waits.slice(0, 5)).toEqual([1, 5, 30, 60, 60]);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(24 * 60);
    expect(waits).toHaveLength(3 + 23);
  });

  it('a mail that keeps failing for a day is given up: status failed, no next try, and said in the audit log', async () => {
    await mailReport(['later@city.example'], 1000);
    await db.run(`UPDATE mail_outbox SET attempts = 25, next_attempt_at = $t::TIMESTAMPTZ WHERE recipient = 'later@city.example'`, { t: at(1000 + 23 * 60 + 36).toISOString() });
    smtp.refuse.add('later@city.example');
    const r = (await deliver(1000 + 23 * 60 + 36)).find((x) => x.recipient === 'later@city.example')!;
    expect(r).toMatchObject({ status: 'failed', next_attempt_at: null });
    const audit = await auditRecords(db, { entity: 'report', entityId: String(r.report_id) });
    expect(audit.find((a) => a.action === 'mail_given_up')?.after).toMatchObject({ recipient: 'later@city.example', attempt: 26 });
  });
});

describe('the SMTP settings', () => {
  it('never give the password back, and CALLBOARD_SMTP_URL wins over the stored server', async () => {
    const view = await readSmtp(db, null);
    expect(view).toEqual({ host: '127.0.0.1', port: smtp.port, tls: 'none', username: SMTP_USER, from_address: 'callboard@city.example', has_password: true, source: 'settings', env_server: null });
    expect(JSON.stringify(view)).not.toContain(SMTP_PASSWORD);
    const env = await readSmtp(db, 'smtps://ops%40city.example:s3cret@mail.city.example');
    expect(env).toMatchObject({ source: 'env', env_server: 'ops@city.example@mail.city.example:465 (tls)' });
    expect(JSON.stringify(env)).not.toContain('s3cret');
    const audit = await auditRecords(db, { entity: 'mail_server' });
    expect(audit[0].after).toMatchObject({ has_password: true, password_changed: true });
    expect(JSON.stringify(audit)).not.toContain(SMTP_PASSWORD);
  });

  it('read smtp:// and smtps:// URLs, and refuse anything else with the reason', () => {
    expect(smtpFromUrl('smtp://reports:pw@127.0.0.1:2525')).toEqual({ host: '127.0.0.1', port: 2525, tls: 'auto', username: 'reports', password: 'pw', from_address: 'callboard@localhost' });
    expect(smtpFromUrl('smtps://a%40b.org:p%3Aw@mail.b.org')).toMatchObject({ port: 465, tls: 'tls', username: 'a@b.org', password: 'p:w', from_address: 'a@b.org' });
    expect(() => smtpFromUrl('http://mail.b.org')).toThrow('CALLBOARD_SMTP_URL: the scheme must be smtp:// or smtps:// (got http://)');
    expect(() => smtpFromUrl('mail.b.org')).toThrow(/not a URL/);
  });
});

describe('a notice mailed at once (the hook a live alert may use)', () => {
  it('goes out through the same server, and a failure comes back as its reason, never thrown', async () => {
    await server(SMTP_PASSWORD);
    smtp.received.length = 0;
    smtp.refuse.clear();
    expect(await mailNotice(db, null, { to: ['Lead@City.example'], subject: 'Billing: 9 waiting', text: 'Billing has 9 callers waiting <longest 4:10>.' })).toEqual({ sent: true, error: null });
    expect(smtp.received.map((m) => [m.envelopeTo, m.mail.subject, m.mail.text?.trim()])).toEqual([[['lead@city.example'], 'Callboard: Billing: 9 waiting', 'Billing has 9 callers waiting <longest 4:10>.']]);
    expect(smtp.received[0].mail.html).toContain('&#60;longest 4:10&#62;');
    await server('wrong');
    const failed = await mailNotice(db, null, { to: ['lead@city.example'], subject: 'x', text: 'y' });
    expect(failed.sent).toBe(false);
    expect(failed.error).toMatch(/refused the user name or password/);
    await server(SMTP_PASSWORD);
  });
});
