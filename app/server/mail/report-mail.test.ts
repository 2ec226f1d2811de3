// Reports by mail against an SMTP server in the test's own process: a scheduled build mails its
// subscribers (summary in the body, the .xlsx attached and readable), each mail once per report version and
// recipient however often the outbox is run; a wrong password, an unreachable server and a refused mailbox
// each leave a clear reason, an audit record and a retry time, and the mail goes out once the fault is gone.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Database } from '../../../sql/db.ts';
import { fixtureDb, TZ } from '../../../analytics/test-support/fixture-db.ts';
import { figure } from '../../../analytics/reports/reports-document.ts';
import { formatCell } from '../../../analytics/reports/reports-format.ts';
import { DEFAULT_REPORT_TIMES } from '../../../analytics/reports/reports-schedule.ts';
import { auditRecords } from '../audit.ts';
import { buildAndStoreReport, runDueReports } from '../report-jobs.ts';
import { deliverDueMail, outboxEntries } from './report-outbox.ts';
import { saveSmtp } from './smtp-settings.ts';
import { subscribe } from './subscriptions.ts';
import { SMTP_PASSWORD, SMTP_USER, startTestSmtp, type TestSmtp } from './test-smtp-server.ts';

const ADMIN = { id: 1, username: 'admin1' };
const MONDAY = new Date('2026-03-09T12:00:00Z'); // 07:00 CDT: the weekly report of 2026-W10 is due

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp.close());
beforeEach(() => {
  smtp.received.length = 0;
  smtp.refuse.clear();
});

async function mailDb(password = SMTP_PASSWORD, port = smtp.port): Promise<Database> {
  const db = await fixtureDb('dst-days.queue_log');
  await saveSmtp(db, ADMIN, { host: '127.0.0.1', port, tls: 'none', username: SMTP_USER, password, from_address: 'Callboard@City.example' });
  return db;
}

const deliver = (db: Database, at: Date, log: string[] = []) => deliverDueMail({ db, smtpUrl: null, clock: () => at, log: (l) => log.push(l) });
const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

async function xlsxFigure(content: Buffer, sheet: string, label: string): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet);
  let value: unknown;
  ws?.eachRow((row) => {
    if (row.getCell(1).value === label) value = row.getCell(2).value;
  });
  return value;
}

describe('a scheduled build mails its subscribers', () => {
  let db: Database;
  beforeAll(async () => {
    db = await mailDb();
    await subscribe(db, ADMIN, { kind: 'weekly', address: 'Lead@City.example', self: false });
    await subscribe(db, { id: 7, username: 'manager1' }, { kind: 'weekly', address: 'manager1@city.example', self: true });
    await subscribe(db, ADMIN, { kind: 'quarterly', address: 'director@city.example', self: false });
  });
  afterAll(() => db.close());

  it('one mail per recipient: subject, summary in text and HTML, the .xlsx attached with the figures', async () => {
    const built = await runDueReports({ db, clock: () => MONDAY, timeZone: TZ, times: DEFAULT_REPORT_TIMES, log: () => undefined, done: new Set() });
    expect(built.map((r) => `${r.kind} ${r.period}`)).toEqual(['weekly 2026-W10', 'monthly 2026-02', 'quarterly 2025-Q4']);
    const weekly = built[0];
    const log: string[] = [];
    const results = await deliver(db, MONDAY, log);
    expect(results.map((r) => [r.recipient, r.status])).toEqual([
      ['lead@city.example', 'sent'],
      ['manager1@city.example', 'sent'],
      ['director@city.example', 'sent']
    ]);
    expect(log[0]).toBe(`mail: sent report ${weekly.id} to lead@city.example`);

    expect(smtp.received.map((r) => r.envelopeTo)).toEqual([['lead@city.example'], ['manager1@city.example'], ['director@city.example']]);
    const { mail } = smtp.received[0];
    expect(mail.subject).toBe(`Callboard: ${weekly.title}`);
    expect(mail.from?.text).toBe('callboard@city.example');
    const offered = figure(weekly, 'volume', 'offered');
    expect(offered.value).toBe(5); // report-jobs.test.ts: the week of the spring change
    expect(mail.text).toContain(`2026-W10: 2026-03-02 to 2026-03-08 (${TZ}), compared with 2026-W09.`);
    expect(mail.text).toContain(`  ${offered.label}: 5`);
    const sl = figure(weekly, 'service_level', 'service_level');
    expect(mail.text).toContain(`${sl.label}: ${formatCell(sl.value, sl.unit)}`);
    expect(mail.html).toContain(`<h1 style="font-size:18px;margin:0 0 4px">${weekly.title}</h1>`);
    expect(mail.html).toMatch(new RegExp(`${offered.label}</td><td[^>]*>5</td>`));

    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [`callboard-weekly-2026-W10-v${weekly.version}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']
    ]);
    const volumeTitle = weekly.sections.find((s) => s.key === 'volume')!.title;
    expect(await xlsxFigure(mail.attachments[0].content, volumeTitle, offered.label)).toBe(5);

    // The audit log has each mail sent, under its report.
    const audit = await auditRecords(db, { entity: 'report', entityId: String(weekly.id) });
    expect(audit.filter((a) => a.action === 'mail_sent').map((a) => (a.after as { recipient: string }).recipient).sort()).toEqual(['lead@city.example', 'manager1@city.example']);
  });

  it('nothing is mailed twice: a second run, a restarted server and a second schedule tick send nothing', async () => {
    expect(await deliver(db, minutes(MONDAY, 1))).toEqual([]);
    // A restarted server remembers nothing, asks the database, builds nothing and so queues nothing.
    expect(await runDueReports({ db, clock: () => minutes(MONDAY, 2), timeZone: TZ, times: DEFAULT_REPORT_TIMES, log: () => undefined, done: new Set() })).toEqual([]);
    expect(await deliver(db, minutes(MONDAY, 90))).toEqual([]);
    expect(smtp.received).toHaveLength(0);
    const outbox = await outboxEntries(db);
    expect(outbox.map((o) => [o.kind, o.period, o.recipient, o.status, o.attempts])).toEqual([
      ['quarterly', '2025-Q4', 'director@city.example', 'sent', 1],
      ['weekly', '2026-W10', 'manager1@city.example', 'sent', 1],
      ['weekly', '2026-W10', 'lead@city.example', 'sent', 1]
    ]);
  });

  it('a rebuild of the period is a new version, mailed again as such (and only if the schedule built it)', async () => {
    const byHand = await buildAndStoreReport(db, { kind: 'weekly', period: '2026-W10', timeZone: TZ, actor: ADMIN });
    expect(await deliver(db, minutes(MONDAY, 120))).toEqual([]); // a build from the page mails nobody
    const mailed = await buildAndStoreReport(db, { kind: 'weekly', period: '2026-W10', timeZone: TZ, actor: ADMIN, mailTo: ['someone@city.example'], clock: () => minutes(MONDAY, 121) });
    const results = await deliver(db, minutes(MONDAY, 121));
    expect(results.map((r) => [r.report_id, r.recipient, r.status])).toEqual([[mailed.id, 'someone@city.example', 'sent']]);
    expect(mailed.version).toBe(byHand.version + 1);
  });
});
