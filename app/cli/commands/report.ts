/**
 * `callboard report weekly|monthly|quarterly --period P [--out FILE.xlsx|.csv|.html]`: builds the period's
 * report now, keeps it in the database as the period's next version, and writes it to FILE (its format by
 * the extension) or prints a text summary. Periods: 2026-W10 (ISO week), 2026-03, 2026-Q1. While a server
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
import { existingDatabase } from '../database.ts';
import { checkTimeZone, type CommonOptions } from '../options.ts';

export interface ReportOptions extends CommonOptions {
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

export async function run(kind: string, opts: ReportOptions, cmd: Command): Promise<void> {
  checkTimeZone(opts.timezone);
  const period = parsePeriod(kind, opts.period); // a bad period is refused before the database is opened
  const format = opts.out ? outFormat(opts.out) : null;
  let report: StoredReport;
  try {
    const db = await existingDatabase(opts.db);
    const explicitZone = cmd.getOptionValueSource('timezone') === 'default' ? null : opts.timezone;
    report = await buildAndStoreReport(db, {
      kind: period.kind,
      period: period.period,
      timeZone: await centerTimeZone(db, explicitZone),
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
}
