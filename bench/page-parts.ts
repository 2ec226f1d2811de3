/**
 * `npx tsx bench/page-parts.ts [--db FILE] [--runs R] [--pages day,coverage,plan,reps,rep] [--warm]`:
 * each part of the Day, Coverage, Plan, Reps and rep pages' loads called in this process, one at a
 * time, on a copy of the browser tests' demo database (or FILE): its wall time, the CPU of the whole
 * process (DuckDB's threads included) and the queries it ran, by name, median of R runs. Before each
 * run the data is marked changed (`db.changed()`), so no shared look-up answers (--warm: they are
 * kept, as between two reads of a server whose data does not change). The clock is the real one, as
 * the page bench's. Each part is asked as its page asks it; the whole load, its parts at once.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Database, openDatabase, sqlText } from '../sql/db.ts';
import { demoTemplate } from '../app/test/app-server.ts';
import { localNow } from '../app/lib/shell/dates.ts';
import { dayReview } from '../app/server/day/day-review.ts';
import { lostCallers } from '../app/server/day/lost-callers.ts';
import { dayAlerts } from '../app/server/live/alerts.ts';
import { readAlertRules } from '../analytics/live/alert-log.ts';
import { MAX_LIVE_WAIT_S } from '../app/server/live/live-snapshot.ts';
import { intradayOutlook } from '../analytics/staffing/intraday-outlook.ts';
import { outlookNow } from '../app/server/live/live-outlook.ts';
import { dayAdherence } from '../app/server/day/day-adherence.ts';
import { dayReasons } from '../app/server/day/day-reasons.ts';
import { plannedLoad, weekCoverage } from '../analytics/staffing/coverage.ts';
import { pastCoverage } from '../analytics/staffing/coverage-past.ts';
import { readTargets } from '../analytics/staffing/coverage-targets.ts';
import { forecast } from '../analytics/forecast/forecast.ts';
import { dataSpan } from '../analytics/forecast/history.ts';
import { reasonForecast } from '../analytics/forecast/forecast-by-reason.ts';
import { planForecastAccuracy } from '../analytics/plan/plan-accuracy.ts';
import { staffingPlan } from '../analytics/plan/plan.ts';
import { addDays, mondayOf } from '../analytics/roster/schedule-model.ts';
import { qualityScores } from '../analytics/quality/quality-score.ts';
import { repFigures } from '../analytics/reps/rep-activity.ts';
import { repHandledDays } from '../analytics/reps/rep-handled-days.ts';
import { listReps } from '../app/server/rep-directory.ts';
import { repReview } from '../app/server/rep-review.ts';
import { listNotes } from '../app/server/notes.ts';
import { repStates } from '../analytics/reps/rep-states.ts';
import { repPublishedShifts } from '../app/server/rep-schedule.ts';
import { purgedBefore } from '../analytics/retention/purged.ts';
import { periodRange } from '../app/lib/reps/period.ts';
import { shownReasonForecast } from '../app/lib/coverage/reason-forecast.ts';

const { values } = parseArgs({ options: { db: { type: 'string' }, runs: { type: 'string', default: '5' }, pages: { type: 'string', default: 'day,coverage,plan,reps,rep' }, warm: { type: 'boolean', default: false } } });
const RUNS = Number(values.runs);

// Every query run, by name (sql/<name>.sql) or by its first words.
const counted = new Map<string, number>();
const original = Database.prototype.all;
Database.prototype.all = function (this: Database, sql: string, params?: never, conn?: never, label?: string) {
  const name = label ?? sql.trim().replace(/\s+/g, ' ').slice(0, 50);
  counted.set(name, (counted.get(name) ?? 0) + 1);
  return original.call(this, sql, params, conn, undefined) as never;
} as typeof original;
Database.prototype.query = function (this: Database, name: string, params?: never, conn?: never) {
  return this.all(sqlText(name), params, conn, name) as never;
} as typeof Database.prototype.query;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function part(db: Database, name: string, fn: () => Promise<unknown>): Promise<{ name: string; wall: number; cpu: number; queries: number }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  let queries = 0;
  let byName: [string, number][] = [];
  for (let i = 0; i <= RUNS; i++) {
    if (!values.warm) db.changed();
    counted.clear();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (i === 0) continue; // warm-up: the code's first run
    walls.push(wall);
    cpus.push((c.user + c.system) / 1000);
    queries = [...counted.values()].reduce((a, b) => a + b, 0);
    byName = [...counted.entries()].sort((a, b) => b[1] - a[1]);
  }
  const r = { name, wall: Math.round(median(walls)), cpu: Math.round(median(cpus)), queries };
  console.log(`${name.padEnd(34)} wall ${String(r.wall).padStart(5)} ms  cpu ${String(r.cpu).padStart(5)} ms  queries ${queries}: ${byName.map(([n, k]) => (k > 1 ? `${n} x${k}` : n)).join(', ')}`);
  return r;
}

const dir = mkdtempSync(join(tmpdir(), 'callboard-parts-'));
const file = join(dir, 'demo.duckdb');
copyFileSync(values.db ?? (await demoTemplate()), file);
const db = await openDatabase(file);
const timeZone = 'America/Chicago';
const today = localNow(timeZone).date;
const pages = values.pages!.split(',');
try {
  if (pages.includes('day')) {
    for (const date of [today, '2026-11-24']) {
      console.log(`\n/day ${date}`);
      await part(db, 'whole load', () =>
        Promise.all([
          dayReview(db, { date, timeZone, now: new Date() }),
          lostCallers(db, { date, timeZone }),
          dayAlerts(db, { date, timeZone, maxWaitS: MAX_LIVE_WAIT_S }),
          readAlertRules(db),
          date === today ? outlookNow(db, { timeZone }) : null, // (once a minute per database, as the page)
          dayAdherence(db, { date, timeZone }),
          dayReasons(db, { date, timeZone })
        ])
      );
      await part(db, 'dayReview', () => dayReview(db, { date, timeZone, now: new Date() }));
      await part(db, 'lostCallers', () => lostCallers(db, { date, timeZone }));
      await part(db, 'dayAlerts', () => dayAlerts(db, { date, timeZone, maxWaitS: MAX_LIVE_WAIT_S }));
      await part(db, 'readAlertRules', () => readAlertRules(db));
      if (date === today) await part(db, 'intradayOutlook (once a minute)', () => intradayOutlook(db, { date, nowMinute: 600, timeZone }));
      await part(db, 'dayAdherence', () => dayAdherence(db, { date, timeZone }));
      await part(db, 'dayReasons', () => dayReasons(db, { date, timeZone }));
    }
  }
  if (pages.includes('coverage')) {
    const week = addDays(mondayOf(today), 7);
    const queue = '*';
    const interval = 30;
    console.log(`\n/coverage week ${week}`);
    const pastDayOf = async () => {
      const span = await dataSpan(db, timeZone);
      const newest = span.reduce((m, s) => (s.last_date > m ? s.last_date : m), '');
      return newest && newest < today ? newest : addDays(today, -1);
    };
    const pastDay = await pastDayOf();
    const whole = async () => {
      const pd = await pastDayOf();
      const f = forecast(db, { from: week, weeks: 1, queue, intervalMinutes: interval, timeZone });
      const load = plannedLoad(db, { week, queue, intervalMinutes: interval, timeZone, forecast: f });
      load.catch(() => undefined);
      await Promise.all([
        f,
        weekCoverage(db, { week, queue, intervalMinutes: interval, timeZone, load }),
        pastCoverage(db, { from: pd, to: pd, queue, intervalMinutes: interval, timeZone }),
        readTargets(db),
        reasonForecast(db, { week, queue, intervalMinutes: interval, timeZone, load }).then(shownReasonForecast),
        planForecastAccuracy(db, timeZone)
      ]);
    };
    await part(db, 'whole load', whole);
    await part(db, 'dataSpan', () => dataSpan(db, timeZone));
    await part(db, 'forecast (with backtest)', () => forecast(db, { from: week, weeks: 1, queue, intervalMinutes: interval, timeZone }));
    await part(db, 'plannedLoad (alone)', () => plannedLoad(db, { week, queue, intervalMinutes: interval, timeZone }));
    await part(db, 'weekCoverage (and its load)', () => weekCoverage(db, { week, queue, intervalMinutes: interval, timeZone }));
    await part(db, 'pastCoverage', () => pastCoverage(db, { from: pastDay, to: pastDay, queue, intervalMinutes: interval, timeZone }));
    await part(db, 'readTargets', () => readTargets(db));
    await part(db, 'reasonForecast (and its load)', () => reasonForecast(db, { week, queue, intervalMinutes: interval, timeZone }));
    await part(db, 'planForecastAccuracy', () => planForecastAccuracy(db, timeZone));
  }
  if (pages.includes('plan')) {
    const from = addDays(mondayOf(today), 7);
    console.log(`\n/plan from ${from}`);
    const plan = () => staffingPlan(db, { from, weeks: '52', timeZone, attrition: null, rampWeeks: '8', newService: { calls: null, aht_s: null, from: null } });
    await part(db, 'whole load', () => Promise.all([plan(), planForecastAccuracy(db, timeZone)]));
    await part(db, 'staffingPlan', plan);
    await part(db, 'planForecastAccuracy', () => planForecastAccuracy(db, timeZone));
  }
  if (pages.includes('reps')) {
    const { from, to } = periodRange('week', today);
    const trendFrom = addDays(to, -27);
    console.log(`\n/reps week ${from}`);
    await part(db, 'whole load', () =>
      Promise.all([repFigures(db, { from, to, timeZone }), qualityScores(db, { from, to, timeZone }), repHandledDays(db, { from: trendFrom, to, timeZone }), listReps(db)])
    );
    await part(db, 'repFigures', () => repFigures(db, { from, to, timeZone }));
    await part(db, 'qualityScores', () => qualityScores(db, { from, to, timeZone }));
    await part(db, 'repHandledDays (28-day trend)', () => repHandledDays(db, { from: trendFrom, to, timeZone }));
    await part(db, 'listReps', () => listReps(db));
  }
  if (pages.includes('rep')) {
    const { from, to } = periodRange('week', today);
    const id = (await listReps(db)).find((r) => r.active)!.id;
    console.log(`\n/reps/${id} week ${from}`);
    await part(db, 'whole load', () =>
      Promise.all([repReview(db, timeZone, id, { from, to, weeks: 12 }), listNotes(db, id), repStates(db, { from, to, timeZone, rep: id }), repPublishedShifts(db, id, today), purgedBefore(db)])
    );
    await part(db, 'repReview', () => repReview(db, timeZone, id, { from, to, weeks: 12 }));
    await part(db, 'listNotes', () => listNotes(db, id));
    await part(db, 'repStates', () => repStates(db, { from, to, timeZone, rep: id }));
    await part(db, 'repPublishedShifts', () => repPublishedShifts(db, id, today));
    await part(db, 'purgedBefore', () => purgedBefore(db));
  }
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
