// `callboard report` as a real child process on a copy of the demo center (17 weeks to 2026-06-05), set
// beside `callboard metrics` for the same period and the same stored settings: the .xlsx read back
// (exceljs) holds the very numbers `metrics --json` prints (its computeMetrics, read in this process),
// as number cells; the .csv and the summary agree; mistakes are one line and a non-zero exit; while a
// server holds the file, the server builds it.
import { Command } from 'commander';
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, setDatabase } from '../../../sql/db.ts';
import { demoDatabase } from '../../../analytics/test-support/coverage-demo-db.ts';
import { formatCell } from '../../../analytics/reports/reports-format.ts';
import { listReports } from '../../../analytics/reports/reports-store.ts';
import { computeMetrics } from '../../../analytics/metrics/metrics.ts';
import { runCli, serveLikeCallboard } from '../test-support.ts';
import { report as register } from './index.ts';
import { SMTP_PASSWORD, SMTP_USER, startTestSmtp, type TestSmtp } from '../../server/mail/test-smtp-server.ts';

type Row = Record<string, number | string | null>;

let dir: string;
let dbPath: string;
let dispose: () => void;

/** The command in this process (for mistakes caught before the database is opened). */
async function inProcess(...args: string[]): Promise<void> {
  const program = new Command('callboard').exitOverride().configureOutput({ writeErr: () => undefined });
  register(program);
  await program.parseAsync(['node', 'callboard', 'report', ...args, '--db', join(dir, 'never-opened.duckdb')]);
}

/**
 * The rows `callboard metrics --json --from --to --by` prints: its computeMetrics on the same file
 * and zone, read in this process between the spawned commands (the command's own printing:
 * metrics.test.ts), through JSON as it prints them.
 */
async function metricsJson(from: string, to: string, by: 'total' | 'day'): Promise<Row[]> {
  const db = await openDatabase(dbPath);
  try {
    const { rows } = await computeMetrics(db, { from, to, by, timeZone: 'America/Chicago' });
    return JSON.parse(JSON.stringify(rows)) as Row[];
  } finally {
    db.close();
  }
}

/** A sheet's cells as [label, value cell] pairs of its first two columns, and its rows. */
function cells(ws: ExcelJS.Worksheet): ExcelJS.Cell[][] {
  const rows: ExcelJS.Cell[][] = [];
  ws.eachRow((row, n) => (rows[n - 1] = Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1))));
  return Array.from(rows, (r) => r ?? []);
}

beforeAll(async () => {
  delete process.env.CALLBOARD_TZ;
  const demo = await demoDatabase();
  dispose = demo.dispose;
  // The stored settings both commands read: billing judged at 30 s by the ICMI formula.
  await demo.db.run(`UPDATE queue_settings SET sl_threshold_s = 30, sl_formula = 'icmi' WHERE queue = 'billing'`);
  await demo.db.run('CHECKPOINT');
  dbPath = demo.db.path;
  demo.db.close();
  dir = mkdtempSync(join(tmpdir(), 'callboard-report-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  try {
    dispose();
  } catch {
    // closed already above; dispose also removes the copy
  }
});

describe('callboard report', () => {
  it('writes a weekly .xlsx whose numbers are `callboard metrics` for the same week, as number cells', async () => {
    const out = join(dir, 'w10.xlsx');
    const r = await runCli(['report', 'weekly', '--period', '2026-W10', '--db', dbPath, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Wrote ${out}: Weekly report: Week 10, 2026 (2 Mar – 8 Mar 2026), version 1\n`);

    const [total] = await metricsJson('2026-03-02', '2026-03-08', 'total');
    const days = await metricsJson('2026-03-02', '2026-03-08', 'day');
    expect(total.offered).toBeGreaterThan(1000);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const volume = cells(wb.getWorksheet('Volume and lost calls')!);
    const sl = cells(wb.getWorksheet('Service level and waits')!);
    const value = (rows: ExcelJS.Cell[][], label: string) => {
      const c = rows.find((row) => row[0]?.value === label)![1];
      expect(c.type, label).toBe(ExcelJS.ValueType.Number);
      return c.value;
    };
    const LABELS: Array<[ExcelJS.Cell[][], string, string]> = [
      [volume, 'Offered', 'offered'],
      [volume, 'Answered', 'answered'],
      [volume, 'Abandoned', 'abandoned'],
      [volume, 'Short abandons', 'short_abandoned'],
      [volume, 'Lost', 'lost'],
      [volume, 'Lost rate', 'lost_rate'],
      [sl, 'Service level', 'service_level'],
      [sl, 'Answered within SL', 'answered_within_sl'],
      [sl, 'ASA (s)', 'asa_s'],
      [sl, 'AHT (s)', 'aht_s'],
      [sl, 'Longest wait (s)', 'max_wait_s']
    ];
    for (const [rows, label, key] of LABELS) expect(value(rows, label), key).toBe(total[key]);

    // Day by day, and queue by queue with the settings each was judged by.
    const head = volume.findIndex((row) => row[0]?.value === 'Day');
    expect(days).toHaveLength(7);
    days.forEach((d, i) => {
      const row = volume[head + 1 + i];
      expect(row[0].value).toEqual(new Date(`${d.period_start}T00:00:00Z`));
      expect(row.slice(1).map((c) => c.value)).toEqual(['offered', 'answered', 'abandoned', 'short_abandoned', 'timed_out', 'blocked', 'lost', 'lost_rate'].map((k) => d[k]));
    });
    const db = await openDatabase(dbPath);
    const byQueue = await computeMetrics(db, { from: '2026-03-02', to: '2026-03-08', by: 'total', group: 'queue', timeZone: 'America/Chicago' }).finally(() => db.close());
    const qHead = sl.findIndex((row) => row[0]?.value === 'Queue');
    expect(sl[qHead].map((c) => c.value).slice(0, 4)).toEqual(['Queue', 'SL threshold (s)', 'SL formula', 'Service level']);
    byQueue.rows.forEach((q, i) => {
      const row = sl[qHead + 1 + i];
      expect(row.slice(0, 4).map((c) => c.value)).toEqual([q.queue, q.queue === 'billing' ? 30 : 20, q.queue === 'billing' ? 'icmi' : 'offered', q.service_level]);
    });
  });

  it('prints a summary without --out, with the figures of computeMetrics', async () => {
    const text = await runCli(['report', 'monthly', '--period', '2026-05', '--db', dbPath]);
    expect(text.code).toBe(0);
    const db = await openDatabase(dbPath);
    const [may] = (await computeMetrics(db, { from: '2026-05-01', to: '2026-05-31', by: 'total', timeZone: 'America/Chicago' }).finally(() => db.close())).rows;
    expect(text.stdout.split('\n')[0]).toBe('Monthly report: May 2026');
    expect(text.stdout).toMatch(new RegExp(`\\n  Offered +${formatCell(may.offered, 'count')} `));
    expect(text.stdout).toMatch(new RegExp(`\\n  Service level +${formatCell(may.service_level, 'rate').replace('.', '\\.')} `));

    // Each build is kept: the file now holds both reports, each version 1.
    const again = await openDatabase(dbPath);
    try {
      expect((await listReports(again)).map((x) => `${x.kind} ${x.period} v${x.version} ${x.built_by}`).sort()).toEqual(['monthly 2026-05 v1 cli', 'weekly 2026-W10 v1 cli']);
    } finally {
      again.close();
    }
  });

  it('refuses mistakes with one line and a non-zero exit', async () => {
    const r = await runCli(['report', 'weekly', '--period', '2025-W53', '--db', dbPath]);
    expect([r.code, r.stderr, r.stdout]).toEqual([2, 'callboard: period "2025-W53": 2025 has ISO weeks 01 to 52\n', '']);
    const cases: Array<[string[], RegExp]> = [
      [['monthly', '--period', '2026-Q1'], /^period "2026-Q1" is not a monthly period \(expected e\.g\. 2026-03\)$/],
      [['quarterly', '--period', '2026-Q1', '--out', join(dir, 'q1.pdf')], /the file name must end in \.xlsx, \.csv or \.html$/],
      [['yearly', '--period', '2026'], /Allowed choices are weekly, monthly, quarterly/],
      [['weekly'], /required option '--period <period>' not specified/],
      [['weekly', '--period', '2026-W10', '--timezone', 'Mars/Olympus'], /Unknown time zone "Mars\/Olympus"/]
    ];
    for (const [args, message] of cases) await expect(inProcess(...args), args.join(' ')).rejects.toThrow(message);
  });

  it('while a server holds the database, the server builds the report and the command writes it', async () => {
    const db = await openDatabase(dbPath);
    setDatabase(db);
    const server = await serveLikeCallboard(db);
    try {
      const out = join(dir, 'w10-again.html');
      const r = await runCli(['report', 'weekly', '--period', '2026-W10', '--db', dbPath, '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/, version 2\n$/);
      expect(readFileSync(out, 'utf8')).toContain('<h1>Weekly report: Week 10, 2026 (2 Mar – 8 Mar 2026)</h1>');
      expect((await listReports(db, { kind: 'weekly', period: '2026-W10' })).map((x) => [x.version, x.built_by])).toEqual([[2, 'local command line'], [1, 'cli']]);
    } finally {
      await server.stop();
      db.close();
    }
  });
});

describe('callboard report --mail', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    delete process.env.CALLBOARD_SMTP_URL;
    await smtp.close();
  });
  const smtpUrl = (password: string) => `smtp://${SMTP_USER}:${password}@127.0.0.1:${smtp.port}?from=reports%40city.example`;

  it('mails the report to each address (summary in the body, .xlsx attached) through CALLBOARD_SMTP_URL', async () => {
    process.env.CALLBOARD_SMTP_URL = smtpUrl(SMTP_PASSWORD);
    const r = await runCli(['report', 'weekly', '--period', '2026-W10', '--db', dbPath, '--mail', 'lead@city.example, Director@City.example']);
    expect([r.code, r.stderr, r.stdout]).toEqual([0, '', 'Mailed lead@city.example\nMailed director@city.example\n']);
    const [total] = await metricsJson('2026-03-02', '2026-03-08', 'total');
    expect(smtp.received.map((m) => m.envelopeTo).sort()).toEqual([['director@city.example'], ['lead@city.example']]);
    const { mail } = smtp.received[0];
    expect(mail.subject).toBe('Callboard: Weekly report: Week 10, 2026 (2 Mar – 8 Mar 2026)');
    expect(mail.from?.text).toBe('reports@city.example');
    expect(mail.text).toContain(`  Offered: ${formatCell(total.offered, 'count')}`);
    expect(mail.html).toContain(`>${formatCell(total.offered, 'count')}</td>`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(mail.attachments[0].content as unknown as ArrayBuffer);
    const offered = cells(wb.getWorksheet('Volume and lost calls')!).find((row) => row[0]?.value === 'Offered')![1];
    expect(offered.value).toBe(total.offered);
  });

  it('a wrong password: one line naming it, a non-zero exit, and the mail kept in the outbox for the server', async () => {
    smtp.received.length = 0;
    process.env.CALLBOARD_SMTP_URL = smtpUrl('wrong');
    const r = await runCli(['report', 'weekly', '--period', '2026-W10', '--db', dbPath, '--mail', 'lead@city.example']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^callboard: not mailed to lead@city\.example: the mail server 127\.0\.0\.1:\d+ refused the user name or password: 535 Invalid username or password; check them in Settings, Mail; kept in the outbox, tried again at \S+ while `callboard serve` runs\n$/
    );
    expect(smtp.received).toHaveLength(0);
    await expect(inProcess('weekly', '--period', '2026-W10', '--mail', 'lead@,x')).rejects.toThrow('--mail: "lead@" is not a mail address (name@example.org)');
  });

  it('while a server holds the database, the server builds and mails it', async () => {
    process.env.CALLBOARD_SMTP_URL = smtpUrl(SMTP_PASSWORD);
    const db = await openDatabase(dbPath);
    setDatabase(db);
    const server = await serveLikeCallboard(db);
    try {
      const r = await runCli(['report', 'weekly', '--period', '2026-W10', '--db', dbPath, '--mail', 'lead@city.example']);
      expect([r.code, r.stderr, r.stdout]).toEqual([0, '', 'Mailed lead@city.example\n']);
      expect(smtp.received.map((m) => m.envelopeTo)).toEqual([['lead@city.example']]);
    } finally {
      await server.stop();
      db.close();
    }
  });
});
