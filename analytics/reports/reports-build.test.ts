// Reports on the demo center (17 weeks to Friday 2026-06-05, loaded through the real ingest path): every
// figure is the analytics answer for the same period and settings (computeMetrics, follow-up, repeat
// callers, rep activity), settings changed later do not change a stored report, and the coverage section
// is the Coverage page's method with a schedule and without one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { demoDatabase, DEMO_TZ } from '../test-support/coverage-demo-db.ts';
import { pastCoverage } from '../staffing/coverage-past.ts';
import { lostCallFollowUp } from '../callers/follow-up.ts';
import { computeMetrics, FIGURE_KEYS, type MetricRow } from '../metrics/metrics.ts';
import { repActivity } from '../reps/rep-activity.ts';
import { repeatCallers } from '../callers/repeat-callers.ts';
import { buildReport } from './reports-build.ts';
import { figure, SECTION_KEYS, section, table, type ReportDocument } from './reports-document.ts';
import { getReport, listReports, saveReport } from './reports-store.ts';
import { onPhoneMinutes } from '../roster/schedule-model.ts';
import { staffingIntervals } from '../trends/trends-staffing.ts';

const TZ = DEMO_TZ;
const cell = (row: MetricRow, key: string) => (row as unknown as Record<string, unknown>)[key];

describe('a report is the analytics answers for its period', () => {
  let db: Database;
  let dispose: () => void;
  let may: ReportDocument;
  beforeAll(async () => {
    ({ db, dispose } = await demoDatabase());
    may = await buildReport(db, { kind: 'monthly', period: '2026-05', timeZone: TZ, builtBy: 'cli', now: new Date('2026-06-01T11:00:00Z') });
  });
  afterAll(() => dispose());

  it('has the seven sections, with when, by whom and for which dates', () => {
    expect(may.sections.map((s) => s.key)).toEqual([...SECTION_KEYS]);
    expect(may).toMatchObject({ kind: 'monthly', period: '2026-05', from: '2026-05-01', to: '2026-05-31', built_at: '2026-06-01T11:00:00.000Z', built_by: 'cli' });
    expect(may.previous_period).toEqual({ period: '2026-04', from: '2026-04-01', to: '2026-04-30' });
    expect(may.title).toBe('Monthly report: May 2026');
  });

  it('volume and service level figures are computeMetrics for the month, and for the month before', async () => {
    const [now, before] = await Promise.all([
      computeMetrics(db, { from: '2026-05-01', to: '2026-05-31', by: 'total', timeZone: TZ }),
      computeMetrics(db, { from: '2026-04-01', to: '2026-04-30', by: 'total', timeZone: TZ })
    ]);
    const keys = [...section(may, 'volume').figures, ...section(may, 'service_level').figures].map((f) => f.key).filter((k) => (FIGURE_KEYS as readonly string[]).includes(k));
    expect(keys).toEqual(['offered', 'answered', 'abandoned', 'short_abandoned', 'timed_out', 'blocked', 'lost', 'lost_rate', 'service_level', 'answered_within_sl', 'asa_s', 'aht_s', 'avg_abandon_wait_s', 'max_wait_s']);
    for (const key of keys) {
      const sec = ['offered', 'answered', 'abandoned', 'short_abandoned', 'timed_out', 'blocked', 'lost', 'lost_rate'].includes(key) ? 'volume' : 'service_level';
      expect(figure(may, sec, key).value, key).toBe(cell(now.rows[0], key));
      expect(figure(may, sec, key).previous, key).toBe(cell(before.rows[0], key));
    }
    expect(now.rows[0].offered).toBeGreaterThan(10_000);
  });

  it('its day and queue tables are the metric rows by day and by queue', async () => {
    const [byDay, byQueue] = await Promise.all([
      computeMetrics(db, { from: '2026-05-01', to: '2026-05-31', by: 'day', timeZone: TZ }),
      computeMetrics(db, { from: '2026-05-01', to: '2026-05-31', by: 'total', group: 'queue', timeZone: TZ })
    ]);
    for (const [t, rows] of [[table(may, 'volume', 'by_day'), byDay.rows], [table(may, 'service_level', 'by_day'), byDay.rows], [table(may, 'volume', 'by_queue'), byQueue.rows]] as const) {
      expect(t.rows).toHaveLength(rows.length);
      t.rows.forEach((r, i) => {
        for (const c of t.columns) expect(r[c.key], `${t.key} ${c.key}`).toBe(cell(rows[i], c.key));
      });
    }
    expect(table(may, 'volume', 'by_day').rows).toHaveLength(31);
    // The settings each queue was judged by are in the report and in its by-queue table.
    expect(may.settings.queues).toEqual(byQueue.settings.queues.map(({ queue, label, sl_threshold_s, short_abandon_s, sl_formula, source }) => ({ queue, label, sl_threshold_s, short_abandon_s, sl_formula, source })));
    expect(table(may, 'service_level', 'by_queue').rows.map((r) => [r.queue, r.sl_threshold_s, r.sl_formula])).toEqual(byQueue.rows.map((r) => [r.queue, 20, 'offered']));
  });

  it('follow-up, repeat callers and the staff rows are their modules\' answers', async () => {
    const range = { from: '2026-05-01', to: '2026-05-31', timeZone: TZ };
    const [follow, repeat, activity] = await Promise.all([lostCallFollowUp(db, range), repeatCallers(db, range), repActivity(db, range)]);
    for (const k of ['lost_callers', 'recovered', 'recovery_rate', 'median_recovery_s'] as const) expect(figure(may, 'volume', k).value, k).toBe(follow.summary[k]);
    expect(figure(may, 'volume', 'repeat_rate').value).toBe(repeat.total.repeat_rate);
    const staff = table(may, 'staff', 'by_rep');
    expect(staff.rows).toHaveLength(activity.reps.length);
    for (const rep of activity.reps) {
      const row = staff.rows.find((r) => r.rep === rep.rep)!;
      expect(row).toMatchObject({ handled: rep.handled, aht_s: rep.aht_s, ring_no_answer: rep.ring_no_answer, occupancy: rep.occupancy });
      expect(row.logged_in_h).toBeCloseTo(rep.logged_in_s / 3600, 9);
    }
    expect(staff.rows.map((r) => r.handled as number)).toEqual([...staff.rows.map((r) => r.handled as number)].sort((a, b) => b - a));
  });

  it('explains every figure and column it shows', () => {
    const keys = new Set(may.sections.flatMap((s) => [...s.figures.map((f) => f.key), ...s.tables.flatMap((t) => t.columns.map((c) => c.key))]));
    expect(new Set(may.definitions.map((d) => d.key))).toEqual(keys);
    for (const d of may.definitions) expect(d.definition.length, d.key).toBeGreaterThan(10);
  });

  it('stays frozen: settings changed after a build change the next version, not the stored one', async () => {
    const first = await saveReport(db, may);
    await db.run(`UPDATE queue_settings SET sl_threshold_s = 30, sl_formula = 'icmi' WHERE queue = 'billing'`);
    try {
      const rebuilt = await saveReport(db, await buildReport(db, { kind: 'monthly', period: '2026-05', timeZone: TZ, builtBy: 'manager' }));
      expect([first.version, rebuilt.version]).toEqual([1, 2]);
      const now = await computeMetrics(db, { from: '2026-05-01', to: '2026-05-31', by: 'total', timeZone: TZ });
      expect(figure(rebuilt, 'service_level', 'service_level').value).toBe(now.rows[0].service_level);
      expect(rebuilt.settings.queues.find((q) => q.queue === 'billing')).toMatchObject({ sl_threshold_s: 30, sl_formula: 'icmi', source: { sl_threshold_s: 'queue', sl_formula: 'queue' } });
      const stored = await getReport(db, first.id);
      expect(figure(stored, 'service_level', 'service_level').value).toBe(figure(may, 'service_level', 'service_level').value);
      expect(figure(stored, 'service_level', 'service_level').value).not.toBe(now.rows[0].service_level);
      expect(stored.settings.queues.find((q) => q.queue === 'billing')?.sl_threshold_s).toBe(20);
      expect((await listReports(db, { period: '2026-05' })).map((r) => [r.version, r.built_by, r.latest])).toEqual([[2, 'manager', true], [1, 'cli', false]]);
    } finally {
      await db.run(`UPDATE queue_settings SET sl_threshold_s = 20, sl_formula = 'offered' WHERE queue = 'billing'`);
    }
  });

  it('says plainly when no schedule exists, and sets scheduled hours against required when one does', async () => {
    const coverage = section(may, 'coverage');
    expect(coverage.notes[0]).toMatch(/^No schedule exists for this period/);
    expect(figure(may, 'coverage', 'scheduled_h').value).toBeNull();
    expect(figure(may, 'coverage', 'required_h').value).toBeGreaterThan(100);

    // A week with two reps scheduled 08:00-16:30 Monday to Friday, a 30-minute lunch at 12:00.
    const breaks = JSON.stringify([{ kind: 'lunch', start_minute: 720, minutes: 30, paid: false }]);
    await db.run(
      `INSERT INTO schedule_shifts (week_start, rep_id, date, start_minute, end_minute, template_id, breaks)
       SELECT DATE '2026-05-11', rep, DATE '2026-05-11' + CAST(d AS INTEGER), 480, 990, NULL, CAST($breaks AS JSON)
       FROM (VALUES ('maria-gonzalez'), ('james-whitaker')) r(rep), range(5) t(d)`,
      { breaks }
    );
    const week = await buildReport(db, { kind: 'weekly', period: '2026-W20', timeZone: TZ, builtBy: 'cli' });
    const perShift = onPhoneMinutes({ start_minute: 480, end_minute: 990, breaks: [{ kind: 'lunch', start_minute: 720, minutes: 30, paid: false }] }) / 60;
    expect(figure(week, 'coverage', 'scheduled_h').value).toBeCloseTo(2 * 5 * perShift, 9);
    expect(section(week, 'coverage').notes.join(' ')).not.toMatch(/No schedule/);
    const days = table(week, 'coverage', 'by_day').rows;
    expect(days.map((d) => d.scheduled_h)).toEqual([16, 16, 16, 16, 16, 0, 0]);

    // Required and on-the-phones are the Coverage page's past-days figures, interval by interval.
    const [ours, theirs] = await Promise.all([
      staffingIntervals(db, { from: '2026-05-11', to: '2026-05-17', timeZone: TZ }),
      pastCoverage(db, { from: '2026-05-11', to: '2026-05-17', timeZone: TZ, intervalMinutes: 30 })
    ]);
    expect(ours.intervals.map((i) => [i.period_start, i.required, i.scheduled, i.on_phones])).toEqual(theirs.intervals.map((i) => [i.period_start, i.required, i.scheduled, i.on_phones]));
  });

  it('a quarter is told by ISO week, and the week of the spring clock change holds its 23-hour Sunday', async () => {
    const q1 = await buildReport(db, { kind: 'quarterly', period: '2026-Q1', timeZone: TZ, builtBy: 'cli' });
    const byWeek = await computeMetrics(db, { from: '2026-01-01', to: '2026-03-31', by: 'week', timeZone: TZ });
    expect(table(q1, 'volume', 'by_week').rows.map((r) => [r.period_start, r.offered])).toEqual(byWeek.rows.map((r) => [r.period_start, r.offered]));
    const w10 = await buildReport(db, { kind: 'weekly', period: '2026-W10', timeZone: TZ, builtBy: 'cli' });
    const days = await computeMetrics(db, { from: '2026-03-02', to: '2026-03-08', by: 'day', timeZone: TZ });
    expect(table(w10, 'volume', 'by_day').rows.map((r) => r.offered)).toEqual(days.rows.map((r) => r.offered));
    expect(figure(w10, 'volume', 'offered').value).toBe(days.rows.reduce((n, r) => n + r.offered, 0));
  });
});
