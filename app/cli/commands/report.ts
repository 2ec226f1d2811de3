/**
 * `callboard report weekly|monthly|quarterly --period P [--out FILE.xlsx|.csv|.html]`: builds the period's
 * report now, keeps it in the database as the period's next version, and writes it to FILE (its format by
 * the extension) or prints a text summary. Periods: 2026-W10 (ISO week), 2026-03, 2026-Q1. While a server
 * holds the database, the server builds it (app/server/local-control.ts) and this command writes it out.
 */
import { Argument, type Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { CallboardError, DatabaseBusyError, InputError } from '../../../sql/errors.ts';
import type { StoredReport } from '../../../analytics/reports/reports-document.ts';
import { parsePeriod, REPORT_KINDS } from '../../../analytics/reports/reports-period.ts';
import { formatOfFile, renderReport, type ReportFormat } from '../../../analytics/reports/reports-output.ts';
import { reportText } from '../../../analytics/reports/reports-text.ts';
import { callServer, readServerAdvert } from '../../server/local-control.ts';
import { buildAndStoreReport } from '../../server/report-jobs.ts';
import { commandContext, withCommonOptions, type CommonOptions } from '../options.ts';

interface ReportOptions extends CommonOptions {
  period: string;
  out?: string;
}

function outFormat(file: string): ReportFormat {
  const format = formatOfFile(file);
  if (!format) throw new InputError(`--out ${file}: the file name must end in .xlsx, .csv or .html`);
  return format;
}

async function buildThroughServer(dbPath: string, busy: DatabaseBusyError, kind: string, period: string): Promise<StoredReport> {
  const advert = readServerAdvert(dbPath);
  if (!advert) {
    throw new DatabaseBusyError(
      `${dbPath} is in use ${/by process \d+/.exec(busy.message)?.[0] ?? 'by another process'}: build the report in the ` +
        'running app (Reports), or stop that process and run this again'
    );
  }
  const response = await callServer(advert, 'POST', '/api/reports', { kind, period });
  const answer = (await response.json().catch(() => ({}))) as { report?: StoredReport; error?: string };
  if (!response.ok || !answer.report) throw new CallboardError(answer.error ?? `the server answered ${response.status}`, response.status, 2);
  return answer.report;
}

export function register(program: Command): void {
  withCommonOptions(
    program
      .command('report')
      .description('build a weekly, monthly or quarterly report (kept in the database as a new version)')
      .addArgument(new Argument('<kind>', 'which report').choices(REPORT_KINDS))
      .requiredOption('--period <period>', 'the period: 2026-W10 (ISO week, Monday first), 2026-03 or 2026-Q1')
      .option('--out <file>', 'write the report to FILE.xlsx, FILE.csv or FILE.html (else print a summary)')
  ).action(async (kind: string, opts: ReportOptions, cmd: Command) => {
    const period = parsePeriod(kind, opts.period); // a bad period is refused before the database is opened
    const format = opts.out ? outFormat(opts.out) : null;
    let report: StoredReport;
    try {
      const { db, timeZone } = await commandContext(cmd).open();
      report = await buildAndStoreReport(db, {
        kind: period.kind,
        period: period.period,
        timeZone,
        actor: { id: null, username: `cli:${userInfo().username}` },
        builtBy: 'cli'
      });
    } catch (e) {
      if (!(e instanceof DatabaseBusyError)) throw e;
      report = await buildThroughServer(opts.db, e, period.kind, period.period);
    }
    if (!opts.out || !format) {
      process.stdout.write(reportText(report));
      return;
    }
    writeFileSync(opts.out, await renderReport(report, format));
    process.stdout.write(`Wrote ${opts.out}: ${report.title}, version ${report.version}\n`);
  });
}
