// The server's report schedule against a real database: an injected clock walks hour by hour across the
// spring clock change and runDueReports builds each report once, at 06:00 local, as a new stored version
// with its build time; building a period again keeps the older version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { fixtureDb, TZ } from '../../analytics/test-support/fixture-db.ts';
import { computeMetrics } from '../../analytics/metrics/metrics.ts';
import { figure } from '../../analytics/reports/reports-document.ts';
import { DEFAULT_REPORT_TIMES } from '../../analytics/reports/reports-schedule.ts';
import { getReport, listReports } from '../../analytics/reports/reports-store.ts';
import { auditRecords } from './audit.ts';
import { buildAndStoreReport, runDueReports } from './report-jobs.ts';

describe('scheduled reports', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('dst-days.queue_log'); // calls around both 2026 clock changes
  });
  afterAll(() => db.close());

  it('builds each due report once, at its local time, with an injected clock across the DST change', async () => {
    const done = new Set<string>();
    const log: string[] = [];
    const built: Array<{ kind: string; period: string; built_at: string }> = [];
    for (let t = Date.parse('2026-02-28T00:00:00Z'); t <= Date.parse('2026-03-17T00:00:00Z'); t += 3_600_000) {
      const now = new Date(t);
      const reports = await runDueReports({ db, clock: () => now, timeZone: TZ, times: DEFAULT_REPORT_TIMES, log: (l) => log.push(l), done });
      built.push(...reports.map((r) => ({ kind: r.kind, period: r.period, built_at: r.built_at })));
    }
    expect(built).toEqual([
      // The first tick catches up on the latest build of each kind that is due already.
      { kind: 'weekly', period: '2026-W08', built_at: '2026-02-28T00:00:00.000Z' },
      { kind: 'monthly', period: '2026-01', built_at: '2026-02-28T00:00:00.000Z' },
      { kind: 'quarterly', period: '2025-Q4', built_at: '2026-02-28T00:00:00.000Z' },
      { kind: 'monthly', period: '2026-02', built_at: '2026-03-01T12:00:00.000Z' }, // 06:00 CST
      { kind: 'weekly', period: '2026-W09', built_at: '2026-03-02T12:00:00.000Z' }, // 06:00 CST
      { kind: 'weekly', period: '2026-W10', built_at: '2026-03-09T11:00:00.000Z' }, // 06:00 CDT, the week of the change
      { kind: 'weekly', period: '2026-W11', built_at: '2026-03-16T11:00:00.000Z' } // 06:00 CDT
    ]);
    expect(log).toHaveLength(7);
    expect(log[5]).toMatch(/^reports: built the weekly report 2026-W10 \(version 1\) in [\d.]+ s$/);

    // The week of the change holds its 23-hour Sunday whole: the report's figures are the metrics'.
    const listed = await listReports(db, { kind: 'weekly', period: '2026-W10' });
    expect(listed).toMatchObject([{ version: 1, built_by: 'schedule', from: '2026-03-02', to: '2026-03-08', latest: true }]);
    const report = await getReport(db, listed[0].id);
    const metrics = await computeMetrics(db, { from: '2026-03-02', to: '2026-03-08', by: 'total', timeZone: TZ });
    expect(figure(report, 'volume', 'offered').value).toBe(metrics.rows[0].offered);
    expect(metrics.rows[0].offered).toBe(5); // Saturday 03-07 23:30, and the four calls of Sunday 03-08 (23 hours long)
  });

  it('a server that comes back after missing builds makes only the latest of each kind', async () => {
    const done = new Set<string>();
    const now = new Date('2026-11-10T15:00:00Z');
    const reports = await runDueReports({ db, clock: () => now, timeZone: TZ, times: DEFAULT_REPORT_TIMES, log: () => undefined, done });
    expect(reports.map((r) => `${r.kind} ${r.period}`)).toEqual(['weekly 2026-W45', 'monthly 2026-10', 'quarterly 2026-Q3']);
    expect(await runDueReports({ db, clock: () => now, timeZone: TZ, times: DEFAULT_REPORT_TIMES, log: () => undefined, done })).toEqual([]);
    // Another server process (no memory of what it did) asks the database instead, and builds nothing either.
    expect(await runDueReports({ db, clock: () => now, timeZone: TZ, times: DEFAULT_REPORT_TIMES, log: () => undefined, done: new Set() })).toEqual([]);
  });

  it('rebuilding a period keeps the older version and audits who asked', async () => {
    const first = await buildAndStoreReport(db, { kind: 'monthly', period: '2026-11', timeZone: TZ, actor: { id: 7, username: 'manager1' } });
    const second = await buildAndStoreReport(db, { kind: 'monthly', period: '2026-11', timeZone: TZ, actor: { id: 7, username: 'manager1' } });
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(second.built_by).toBe('manager1');
    const versions = await listReports(db, { kind: 'monthly', period: '2026-11' });
    expect(versions.map((v) => [v.version, v.latest])).toEqual([[2, true], [1, false]]);
    expect((await getReport(db, first.id)).built_at).toBe(first.built_at);
    const audit = await auditRecords(db, { entity: 'report', entityId: String(second.id) });
    expect(audit).toMatchObject([{ username: 'manager1', action: 'build', after: { kind: 'monthly', period: '2026-11', version: 2 } }]);
  });
});

describe('a scheduled build that fails', () => {
  it('is logged once, the other kinds still build, and it is tried again at the next tick', async () => {
    const db = await fixtureDb('dst-days.queue_log');
    try {
      const log: string[] = [];
      const deps = { db, clock: () => new Date('2026-03-09T12:00:00Z'), timeZone: TZ, times: DEFAULT_REPORT_TIMES, log: (l: string) => log.push(l), done: new Set<string>(), failed: new Set<string>() };
      await db.run('ALTER TABLE notes RENAME TO notes_away'); // the feedback section cannot be read
      expect(await runDueReports(deps)).toEqual([]);
      expect(await runDueReports(deps)).toEqual([]);
      expect(log.filter((l) => /could not be built/.test(l))).toHaveLength(3);
      expect(log[0]).toMatch(/^reports: the weekly report 2026-W10 could not be built: .*notes/);
      await db.run('ALTER TABLE notes_away RENAME TO notes');
      expect((await runDueReports(deps)).map((r) => r.period)).toEqual(['2026-W10', '2026-02', '2025-Q4']);
    } finally {
      db.close();
    }
  });
});
