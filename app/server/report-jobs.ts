/**
 * Periodic reports as plain functions the cron file, the CLI, the API and tests all call: build a period's
 * report and store it as its next version (with an audit record, in one transaction), and "build what is
 * due at this instant" for the server's schedule. The clock is an argument, so a test can walk it across
 * a DST change (analytics/reports-schedule.ts decides what is due; this file only acts on it).
 */
import type { Database } from '../../sql/db.ts';
import { errorMessage } from '../../sql/errors.ts';
import { buildReport } from '../../analytics/reports/reports-build.ts';
import type { StoredReport } from '../../analytics/reports/reports-document.ts';
import { DEFAULT_REPORT_TIMES, latestBuilds, reportTimesFromEnv, type ReportTimes, type ScheduledBuild } from '../../analytics/reports/reports-schedule.ts';
import { builtSince, saveReport } from '../../analytics/reports/reports-store.ts';
import type { ReportKind } from '../../analytics/reports/reports-period.ts';
import { audit, type Actor } from './audit.ts';
import { jobContext, type ServerSetup } from './context.ts';
import { queueReportMail } from './mail/report-outbox.ts';
import { subscribersOf } from './mail/subscriptions.ts';

/** Who asks for a build: the schedule, or a person (a signed-in user, the command line). */
export const SCHEDULE_ACTOR: Actor = { id: null, username: 'schedule' };

export interface BuildRequest {
  kind: ReportKind | string;
  period: string;
  timeZone: string;
  actor: Actor;
  /** `schedule`, `cli` or the username, as the report shows it (default: the actor's username). */
  builtBy?: string;
  clock?: () => Date;
  /** Mail it: to the kind's subscribers (the schedule's builds), or to these addresses (sent by hand). */
  mailTo?: 'subscribers' | string[];
}

/**
 * Builds a period's report now and keeps it as the period's next version; its mails are queued in the
 * same transaction (mail/report-outbox.ts sends them), so a stored build always has its mails on record.
 */
export async function buildAndStoreReport(db: Database, req: BuildRequest): Promise<StoredReport> {
  const doc = await buildReport(db, { kind: req.kind, period: req.period, timeZone: req.timeZone, builtBy: req.builtBy ?? req.actor.username, now: req.clock?.() });
  return db.transaction(async (conn) => {
    const stored = await saveReport(db, doc, conn);
    await audit(db, conn, {
      user: req.actor,
      action: 'build',
      entity: 'report',
      entityId: stored.id,
      after: { kind: stored.kind, period: stored.period, version: stored.version, built_at: stored.built_at, built_by: stored.built_by }
    });
    if (req.mailTo) {
      const recipients = req.mailTo === 'subscribers' ? await subscribersOf(db, stored.kind, conn) : req.mailTo;
      await queueReportMail(db, conn, stored.id, recipients, req.builtBy ?? req.actor.username, req.clock?.() ?? new Date());
    }
    return stored;
  });
}

export interface DueReportDeps {
  db: Database;
  clock: () => Date;
  timeZone: string;
  times: ReportTimes;
  log: (line: string) => void;
  /** Builds already seen done (kept by the caller between runs), so a tick costs no query. */
  done: Set<string>;
  /** Builds that failed and were logged (kept by the caller), so a failure is logged once. */
  failed?: Set<string>;
}

const buildKey = (b: ScheduledBuild) => `${b.kind}|${b.period.period}|${b.at.toISOString()}`;

/**
 * Builds every scheduled report whose time has come and that was not built since: at most one per kind,
 * the latest due (a server that was down over several Mondays builds last week's report, not each one).
 */
export async function runDueReports(deps: DueReportDeps): Promise<StoredReport[]> {
  const built: StoredReport[] = [];
  for (const due of latestBuilds(deps.clock(), deps.timeZone, deps.times)) {
    const key = buildKey(due);
    if (deps.done.has(key)) continue;
    try {
      if (!(await builtSince(deps.db, due.kind, due.period.period, due.at))) {
        const t0 = Date.now();
        const report = await buildAndStoreReport(deps.db, {
          kind: due.kind,
          period: due.period.period,
          timeZone: deps.timeZone,
          actor: SCHEDULE_ACTOR,
          builtBy: 'schedule',
          clock: deps.clock,
          mailTo: 'subscribers'
        });
        deps.log(`reports: built the ${due.kind} report ${report.period} (version ${report.version}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        built.push(report);
      }
      deps.done.add(key);
    } catch (e) {
      // Tried again at the next tick (the database may have been busy); said once, not every minute.
      if (!deps.failed?.has(key)) deps.log(`reports: the ${due.kind} report ${due.period.period} could not be built: ${errorMessage(e)}`);
      deps.failed?.add(key);
    }
  }
  return built;
}

/**
 * The server's minute tick for reports (app/server/jobs.ts schedules it with node-cron): the database,
 * the center's zone and the build times are read when it runs; a tick that finds the previous one still
 * building skips. Build times come from CALLBOARD_REPORT_AT / CALLBOARD_REPORT_{WEEKLY,MONTHLY,QUARTERLY}_AT.
 */
export function reportTick(log: (line: string) => void, clock: () => Date = () => new Date(), setup?: ServerSetup): () => Promise<void> {
  let times: ReportTimes;
  try {
    times = reportTimesFromEnv();
  } catch (e) {
    log(`reports: ${errorMessage(e)}; building at the default times (${Object.values(DEFAULT_REPORT_TIMES).join(', ')})`);
    times = DEFAULT_REPORT_TIMES;
  }
  const done = new Set<string>();
  const failed = new Set<string>();
  let running = false;
  return async () => {
    if (running) return;
    running = true;
    try {
      const { db, timeZone } = await jobContext(setup);
      await runDueReports({ db, clock, timeZone, times, log, done, failed });
    } catch (e) {
      log(`reports: ${errorMessage(e)}`);
    } finally {
      running = false;
    }
  };
}
