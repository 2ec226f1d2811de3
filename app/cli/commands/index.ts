/**
 * Every CLI command, in the order `--help` lists them: its arguments, options and help text. This file
 * is all `callboard --help` loads: what a command does lives in its own module (./<command>.ts), loaded
 * by a dynamic import() only when that command runs, so a command never pays for the others' imports
 * and only the commands that use the database load DuckDB.
 */
import { Argument, Option, type Command } from 'commander';
import { FORECAST_INTERVALS } from '../../../analytics/forecast/forecast.ts';
import { GROUPS, INTERVAL_MINUTES, PERIODS, SL_FORMULAS } from '../../../analytics/metrics/metric-query.ts';
import { REPORT_KINDS } from '../../../analytics/reports/reports-period.ts';
import { ROSTER_AIMS } from '../../../analytics/roster/roster-aim.ts';
import { ROLES } from '../../server/roles.ts';
import { withCommonOptions } from '../options.ts';
import type { BackupOptions } from './backup.ts';
import type { ExcludeOptions } from './calls.ts';
import type { ExportCliOptions } from './export.ts';
import type { CallsExportOptions, EraseOptions } from './calls-privacy.ts';
import type { ForecastCliOptions } from './forecast.ts';
import type { IngestOptions } from './ingest.ts';
import type { MetricsCliOptions } from './metrics.ts';
import type { PlanCliOptions } from './plan.ts';
import type { PurgeOptions } from './purge.ts';
import type { ReportOptions } from './report.ts';
import type { RosterCliOptions } from './roster.ts';
import type { ServeOptions } from './serve.ts';
import type { StaffingCliOptions } from './staffing.ts';
import type { StatesCliOptions } from './states.ts';
import type { AlertsCliOptions } from './alerts.ts';
import type { AddOptions } from './user.ts';

export function ingest(program: Command): void {
  withCommonOptions(
    program
      .command('ingest')
      .description('load telephone-system exports (Asterisk queue_log, CDR, or any per-call CSV with --mapping)')
      .argument('<files...>', 'export files to load')
      .addOption(new Option('--format <format>', 'source format').choices(['auto', 'queue_log', 'cdr', 'csv']).default('auto'))
      .option('--mapping <file>', 'JSON mapping for a per-call CSV (see README)')
      .option('--json', 'print the summary as JSON')
      .option('--inbound-contexts <list>', 'CDR: comma-separated dcontexts of inbound service calls')
      .option('--outbound-contexts <list>', 'CDR: comma-separated dcontexts of outbound calls (callbacks)')
      .option('--service-numbers <list>', 'CDR: comma-separated numbers (DIDs) of the service lines')
  ).action(async (files: string[], opts: IngestOptions, cmd: Command) => (await import('./ingest.ts')).run(files, opts, cmd));
}

export function metrics(program: Command): void {
  withCommonOptions(
    program
      .command('metrics')
      .description('call metrics (offered, answered, lost, service level, ASA, AHT, ...) by period, queue or rep')
      .requiredOption('--from <date>', 'first local date, YYYY-MM-DD')
      .requiredOption('--to <date>', 'last local date, YYYY-MM-DD (inclusive)')
      .addOption(new Option('--by <period>', 'period of each row').choices(PERIODS).default('day'))
      .addOption(new Option('--group <group>', "rows per queue, per rep, per call reason or per reason group (null: calls without a reason)").choices(GROUPS).default('none'))
      .option('--queue <name>', 'only this queue')
      .option('--reason <code>', 'only the calls with this reason code')
      .addOption(new Option('--interval-minutes <n>', 'interval length for --by interval').choices(INTERVAL_MINUTES.map(String)))
      .option('--sl-threshold-s <n>', "service-level threshold in seconds (default: each queue's setting, else 20)")
      .option('--short-abandon-s <n>', "short-abandon threshold in seconds (default: each queue's setting, else 5)")
      .addOption(new Option('--sl-formula <formula>', "service-level formula (default: each queue's setting, else offered)").choices(SL_FORMULAS))
      .addOption(new Option('--json', 'print {"rows":[...]}').conflicts('csv'))
      .option('--csv', 'print CSV')
  ).action(async (opts: MetricsCliOptions, cmd: Command) => (await import('./metrics.ts')).run(opts, cmd));
}

export function states(program: Command): void {
  withCommonOptions(
    program
      .command('states')
      .description("reps' logged-in time per day: available, ringing, on calls, wrap-up, paused by reason")
      .requiredOption('--from <date>', 'first local date, YYYY-MM-DD')
      .requiredOption('--to <date>', 'last local date, YYYY-MM-DD (inclusive)')
      .option('--rep <id>', 'only this rep (the id GET /api/reps gives)')
      .option('--json', 'print {"rows":[...]}')
  ).action(async (opts: StatesCliOptions, cmd: Command) => (await import('./states.ts')).run(opts, cmd));
}

export function alerts(program: Command): void {
  withCommonOptions(
    program
      .command('alerts')
      .description("one day's alert log: every time a queue went past an alert rule (longest wait, callers waiting, nobody available, service level)")
      .requiredOption('--date <date>', 'the local date, YYYY-MM-DD')
      .option('--json', 'print {"rows":[...]}')
  ).action(async (opts: AlertsCliOptions, cmd: Command) => (await import('./alerts.ts')).run(opts, cmd));
}

export function calls(program: Command): void {
  const calls = program.command('calls').description('take a loaded call out of every figure or put it back; export calls for a records request; erase a caller\'s number (all audited)');
  withCommonOptions(
    calls
      .command('exclude')
      .description('take a call out of every metric, summary, list and report (reversible with `calls include`)')
      .argument('<call-id>', 'the call id shown on /calls and in the API: FILE-LINE, e.g. 3-1520')
      .option('--reason <text>', 'why (kept with the call and in the audit log)')
      .option('--json', 'print the exclusion as JSON')
  ).action(async (id: string, opts: ExcludeOptions) => (await import('./calls.ts')).exclude(id, opts));
  withCommonOptions(
    calls
      .command('include')
      .description('put an excluded call back into every figure')
      .argument('<call-id>', 'the call id: FILE-LINE, e.g. 3-1520')
      .option('--json', 'print the exclusion that ended as JSON')
  ).action(async (id: string, opts: ExcludeOptions) => (await import('./calls.ts')).include(id, opts));
  withCommonOptions(
    calls.command('excluded').description('list the calls taken out of the figures').option('--json', 'print {"exclusions":[...]}')
  ).action(async (opts: ExcludeOptions) => (await import('./calls.ts')).excluded(opts));
  withCommonOptions(
    calls
      .command('export')
      .description("calls of a date range as CSV for a records request; callers' numbers written whole only without --redacted (audited)")
      .requiredOption('--from <date>', 'first local date, YYYY-MM-DD')
      .requiredOption('--to <date>', 'last local date, YYYY-MM-DD (inclusive)')
      .requiredOption('--out <file>', 'the CSV file to write')
      .option('--redacted', "the public-records copy: callers' numbers left out")
  ).action(async (opts: CallsExportOptions, cmd: Command) => (await import('./calls-privacy.ts')).exportCsv(opts, cmd));
  withCommonOptions(
    calls
      .command('erase-number')
      .description("erase one caller's number everywhere it is kept: calls, raw events, CDR legs, facts, notes, audit entries (audited; running it again changes nothing)")
      .argument('<number>', 'the number, written any way (+1 312 555 0120); at least 7 digits')
      .option('--json', 'print the rows changed per table as JSON')
  ).action(async (number: string, opts: EraseOptions, cmd: Command) => (await import('./calls-privacy.ts')).erase(number, opts, cmd));
}

export function staffing(program: Command): void {
  program
    .command('staffing')
    .description('agents needed for one interval: Erlang C, or Erlang A with --patience-s')
    .requiredOption('--calls <n>', 'calls offered in the interval')
    .requiredOption('--period-s <s>', 'interval length in seconds (e.g. 1800)')
    .requiredOption('--aht-s <s>', 'average handle time in seconds')
    .option('--sl-target <f>', 'service-level target as a fraction', '0.8')
    .option('--sl-threshold-s <t>', 'answered within this many seconds', '20')
    .option('--patience-s <p>', 'mean caller patience in seconds (switches to Erlang A)')
    .option('--shrinkage <f>', 'share of paid time off the phones (breaks, training)', '0')
    .option('--max-occupancy <f>', 'highest acceptable occupancy', '1')
    .option('--json', 'print JSON')
    .action(async (opts: StaffingCliOptions) => (await import('./staffing.ts')).run(opts));
}

export function forecast(program: Command): void {
  withCommonOptions(
    program
      .command('forecast')
      .description('forecast of calls and handle time per queue and interval for coming weeks, with its backtest error')
      .option('--from <date>', 'first local date forecast (default: the Monday after today)')
      .option('--weeks <n>', 'weeks to forecast (1-8)', '2')
      .option('--queue <name>', 'only this queue')
      .addOption(new Option('--interval-minutes <n>', 'interval length').choices(FORECAST_INTERVALS.map(String)).default('30'))
      .addOption(new Option('--json', 'print the whole answer as JSON').conflicts('csv'))
      .option('--csv', 'print one CSV row per queue and interval')
  ).action(async (opts: ForecastCliOptions, cmd: Command) => (await import('./forecast.ts')).run(opts, cmd));
}

export function plan(program: Command): void {
  withCommonOptions(
    program
      .command('plan')
      .description('the year-ahead staffing plan: weekly forecast, required against available FTE, and whom to hire by when')
      .option('--weeks <n>', 'weeks to plan (1-104)', '52')
      .option('--from <date>', 'first week planned (default: the Monday after today)')
      .option('--attrition <rate>', 'annual attrition as a fraction, e.g. 0.2 (default: measured from who stopped answering calls)')
      .option('--ramp-weeks <n>', "weeks a new hire takes to become fully productive", '8')
      .option('--new-service-calls <n>', 'the new-service what-if: calls a week (default: a tenth of the first week)')
      .option('--new-service-aht <s>', "the new-service what-if: handle time in seconds (default: the forecast's)")
      .option('--new-service-from <date>', "the new-service what-if: its first day (default: the plan's 14th week)")
      .addOption(new Option('--json', 'print the whole plan as JSON').conflicts('xlsx'))
      .option('--xlsx <file>', 'write the plan and its what-ifs to an .xlsx workbook')
  ).action(async (opts: PlanCliOptions, cmd: Command) => (await import('./plan.ts')).run(opts, cmd));
}

export function roster(program: Command): void {
  withCommonOptions(
    program
      .command('roster')
      .description("compare the week's schedule with a greedy and an optimised roster, or export the week (--out)")
      .requiredOption('--week <date>', 'the week (its Monday, or any day in it)')
      .option('--time-limit <s>', 'seconds the optimiser may take', '20')
      .option('--gap <f>', 'stop within this relative MIP gap', '0.01')
      .option('--aim <aim>', `what the optimiser aims for: ${ROSTER_AIMS.join(' or ')}`, 'fewest_paid_hours')
      .option('--json', 'print the comparison as JSON')
      .option('--out <file>', "export the week's stored schedule to FILE.csv or FILE.xlsx instead")
  ).action(async (opts: RosterCliOptions, cmd: Command) => (await import('./roster.ts')).run(opts, cmd));
}

export function report(program: Command): void {
  withCommonOptions(
    program
      .command('report')
      .description('build a weekly, monthly or quarterly report (kept in the database as a new version)')
      .addArgument(new Argument('<kind>', 'which report').choices(REPORT_KINDS))
      .requiredOption('--period <period>', 'the period: 2026-W10 (ISO week, Monday first), 2026-03 or 2026-Q1')
      .option('--out <file>', 'write the report to FILE.xlsx, FILE.csv or FILE.html (else print a summary)')
      .option('--mail <addresses>', 'mail it to these comma-separated addresses (summary in the body, .xlsx attached) through the SMTP server in the settings or CALLBOARD_SMTP_URL')
  ).action(async (kind: string, opts: ReportOptions, cmd: Command) => (await import('./report.ts')).run(kind, opts, cmd));
}

export function user(program: Command): void {
  const user = program.command('user').description('manage sign-in accounts');
  withCommonOptions(
    user
      .command('add')
      .description('add a user; the password is read from standard input (one line)')
      .argument('<username>', 'the sign-in name (letters, digits, . _ @ -)')
      .option('--role <role>', `one of ${ROLES.join(', ')}`)
      .option('--rep <interface>', "a rep's member interface, e.g. PJSIP/7009 (required with --role rep)")
  ).action(async (username: string, opts: AddOptions) => (await import('./user.ts')).add(username, opts));
}

export function backup(program: Command): void {
  withCommonOptions(
    program
      .command('backup')
      .description('write a consistent copy of the whole database to FILE (also while the server runs)')
      .argument('<file>', 'the backup file to write (a DuckDB database)')
      .option('--force', 'replace FILE if it exists')
  ).action(async (file: string, opts: BackupOptions) => (await import('./backup.ts')).backup(file, opts));
  withCommonOptions(
    program
      .command('restore')
      .description('put a backup in place of the database (stop the server first)')
      .argument('<file>', 'a backup written by `callboard backup`')
      .option('--force', 'replace an existing database (it is kept beside it)')
  ).action(async (file: string, opts: BackupOptions) => (await import('./backup.ts')).restore(file, opts));
}

export function exportData(program: Command): void {
  withCommonOptions(
    program
      .command('export')
      .description("calls, rep states and the 15-minute summary as Hive-partitioned Parquet by month, for a data lake (only changed months are written again)")
      .addOption(new Option('--format <format>', 'file format').choices(['parquet']).makeOptionMandatory())
      .requiredOption('--out <dir>', 'the export folder (made when missing; keep it for the next export)')
      .option('--with-caller-numbers', "write callers' numbers in full (audited); masked to their last 4 digits without it")
      .option('--json', 'print the summary as JSON')
  ).action(async (opts: ExportCliOptions, cmd: Command) => (await import('./export.ts')).run(opts, cmd));
}

const collect = (value: string, list: string[]) => [...list, value];

export function purge(program: Command): void {
  withCommonOptions(
    program
      .command('purge')
      .description('remove the records past their retention (Settings, Records retention), except those under a legal hold; audited')
      .option('--dry-run', 'count what would be removed; change nothing')
      .option('--json', 'print the dates and counts per kind as JSON')
  ).action(async (opts: PurgeOptions, cmd: Command) => (await import('./purge.ts')).run(opts, cmd));
}

export function serve(program: Command): void {
  withCommonOptions(
    program
      .command('serve')
      .description('serve the dashboard and the API (builds the demo center into an empty database)')
      .option('--port <n>', 'port', process.env.PORT ?? '3000')
      .option('--host <host>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
      .option('--no-demo', 'leave an empty database empty')
      .option('--follow <path>', 'load each new line of this growing queue_log within 2 s (repeatable; env CALLBOARD_FOLLOW, comma-separated)', collect, [])
  ).action(async (opts: ServeOptions, cmd: Command) => (await import('./serve.ts')).run(opts, cmd));
}

export const commands: Array<(program: Command) => void> = [ingest, metrics, states, alerts, calls, staffing, forecast, plan, roster, report, user, backup, purge, exportData, serve];
