/**
 * `callboard report weekly|monthly|quarterly --period P [--out FILE.xlsx|.csv|.html] [--mail A,B]`: builds
 * the period's report now, keeps it in the database as the period's next version, and writes it to FILE
 * (its format by the extension) or prints a text summary; `--mail` sends it at once through the outbox
 * (app/server/mail/), so a failed mail is on record and the server tries it again. Periods: 2026-W10 (ISO week), 2026-03, 2026-Q1. While a server
 * holds the database, the server builds it (app/server/local-control.ts) and this command writes it out.
 */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { CallboardError, DatabaseBusyError, InputError } from '../../../sql/errors.ts';
import type { StoredReport } from '../../../analytics/reports/reports-document.ts';
import { parsePeriod } from '../../../analytics/reports/reports-period.ts';
import { formatOfFile, renderReport, type ReportFormat } from '../../../analytics/reports/reports-output.ts';
import { reportText } from '../../../analytics/reports/reports-text.ts';
import { callServer, readServerAdvert } from '../../server/local-control.ts';
import { buildAndStoreReport } from '../../server/report-jobs.ts';
import { centerTimeZone } from '../../../analytics/center-settings.ts';
import { deliverDueMail, type DeliveryResult } from '../../server/mail/report-outbox.ts';
import { checkAddress } from '../../server/mail/smtp-settings.ts';
import { serverConfig } from '../../server/config.ts';
import { existingDatabase } from '../database.ts';
import { checkTimeZone, type CommonOptions } from '../options.ts';

export interface ReportOptions extends CommonOptions {
  period: string;
  out?: string;
  mail?: string;
}

/** `--mail a@x,b@y` as checked addresses (refused before the database is opened). */
function mailAddresses(list: string | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  const addresses = list.split(',').map((a) => a.trim()).filter(Boolean);
  if (!addresses.length) throw new InputError('--mail: give one or more addresses, comma-separated');
  return addresses.map((a) => checkAddress(a, '--mail'));
}

/** One line per recipient; failures on standard error, and a non-zero exit when any failed. */
function reportMailResults(results: DeliveryResult[]): void {
  for (const r of results) {
    if (r.status === 'sent') process.stdout.write(`Mailed ${r.recipient}\n`);
    else {
      const again = r.next_attempt_at ? `; kept in the outbox, tried again at ${r.next_attempt_at} while \`callboard serve\` runs` : '';
      process.stderr.write(`callboard: not mailed to ${r.recipient}: ${r.error}${again}\n`);
      process.exitCode = 1;
    }
  }
}

function outFormat(file: string): ReportFormat {
  const format = formatOfFile(file);
  if (!format) throw new InputError(`--out ${file}: the file name must end in .xlsx, .csv or .html`);
  return format;
}

async function buildThroughServer(dbPath: string, busy: DatabaseBusyError, kind: string, period: string, mail?: string[]): Promise<{ report: StoredReport; mail?: DeliveryResult[] }> {
  const advert = readServerAdvert(dbPath);
  if (!advert) {
    throw new DatabaseBusyError(
      `${dbPath} is in use ${/by process \d+/.exec(busy.message)?.[0] ?? 'by another process'}: build the report in the ` +
        'running app (Reports), or stop that process and run this again'
    );
  }
  const response = await callServer(advert, 'POST', '/api/reports', { kind, period, mail });
  const answer = (await response.json().catch(() => ({}))) as { report?: StoredReport; mail?: DeliveryResult[]; error?: string };
  if (!response.ok || !answer.report) throw new CallboardError(answer.error ?? `the server answered ${response.status}`, response.status, 2);
  return { report: answer.report, mail: answer.mail };
}

export async function run(kind: string, opts: ReportOptions, cmd: Command): Promise<void> {
  checkTimeZone(opts.timezone);
  const period = parsePeriod(kind, opts.period); // a bad period is refused before the database is opened
  const format = opts.out ? outFormat(opts.out) : null;
  const mailTo = mailAddresses(opts.mail);
  let report: StoredReport;
  let mailed: DeliveryResult[] | undefined;
  try {
    const db = await existingDatabase(opts.db);
    const explicitZone = cmd.getOptionValueSource('timezone') === 'default' ? null : opts.timezone;
    report = await buildAndStoreReport(db, {
      kind: period.kind,
      period: period.period,
      timeZone: await centerTimeZone(db, explicitZone),
      actor: { id: null, username: `cli:${userInfo().username}` },
      builtBy: 'cli',
      mailTo
    });
    if (mailTo) mailed = await deliverDueMail({ db, smtpUrl: serverConfig().smtpUrl, clock: () => new Date(), log: () => undefined, reportId: report.id });
  } catch (e) {
    if (!(e instanceof DatabaseBusyError)) throw e;
    ({ report, mail: mailed } = await buildThroughServer(opts.db, e, period.kind, period.period, mailTo));
  }
  if (opts.out && format) {
    writeFileSync(opts.out, await renderReport(report, format));
    process.stdout.write(`Wrote ${opts.out}: ${report.title}, version ${report.version}\n`);
  } else if (!mailTo) process.stdout.write(reportText(report));
  if (mailed) reportMailResults(mailed);
}
