// /api/trends, /api/annotations and /api/reports through the real api app (gate, access table, audit) on
// a real in-memory database: 30 answered billing calls on Monday 2026-03-02 (test-support.ts) plus the
// hand-written service-level fixture (2026-03-10/11) loaded through the real ingest path.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { queueLog, TZ } from '../../analytics/test-support/fixture-db.ts';
import { computeMetrics } from '../../analytics/metrics/metrics.ts';
import type { Role } from '../server/accounts.ts';
import { call, seededDatabase, signedInUsers } from './test-support.ts';
import { api } from './index.ts';

let db: Database;
let cookies: Record<Role | 'rep2', string>;

beforeAll(async () => {
  delete process.env.CALLBOARD_TZ;
  db = await seededDatabase();
  await ingestFile(db, queueLog('service-level.queue_log'), { timeZone: TZ });
  cookies = await signedInUsers(db);
});

afterAll(() => closeDatabase());

const get = (path: string, role: Role = 'manager') => call(api, 'GET', path, { cookie: cookies[role] });

describe('/api/trends', () => {
  it('answers weekly series equal to the metrics of each week, to managers, leads and admins only', async () => {
    const res = await get('/api/trends?by=week&from=2026-03-02&to=2026-03-15');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.settings).toEqual({ by: 'week', from: '2026-03-02', to: '2026-03-15', queue: null, time_zone: TZ });
    const weeks = await computeMetrics(db, { from: '2026-03-02', to: '2026-03-15', by: 'week', timeZone: TZ });
    expect(body.series.map((p: { period: string; offered: number; service_level: number | null }) => [p.period, p.offered, p.service_level])).toEqual([
      ['2026-W10', weeks.rows[0].offered, weeks.rows[0].service_level],
      ['2026-W11', weeks.rows[1].offered, weeks.rows[1].service_level]
    ]);
    expect(body.series[0].offered).toBe(30);
    expect(body.by_queue.map((q: { queue: string }) => q.queue)).toEqual(['billing']);
    for (const role of ['admin', 'lead'] as const) expect((await get('/api/trends?by=week', role)).status, role).toBe(200);
    for (const role of ['scheduler', 'rep'] as const) expect((await get('/api/trends?by=week', role)).status, role).toBe(403);
  });

  it('compares quarters and totals staffing per period', async () => {
    const cmp = await (await get('/api/trends/comparisons?quarter=2026-Q1')).json();
    expect(cmp).toMatchObject({ quarter: '2026-Q1', previous_quarter: '2025-Q4', last_year_quarter: '2025-Q1', to_date: false });
    // 2025-Q4 has no data: "no data" (null), not a zero to grow from.
    expect(cmp.qoq).toMatchObject({ basis: 'none', note: '2025-Q4 has no data: nothing to compare with.', then: { period: '2025-Q4', covered_days: 0 } });
    expect(cmp.qoq.rows.find((r: { key: string }) => r.key === 'offered')).toMatchObject({ value: 39, previous: null, change: null, relative_change: null });
    const staffing = await (await get('/api/trends/staffing?by=month&from=2026-03-01&to=2026-03-31')).json();
    expect(staffing.scheduled).toBe(false);
    expect(staffing.series).toHaveLength(1);
    expect(staffing.series[0]).toMatchObject({ period: '2026-03', scheduled_h: null });
    expect(staffing.series[0].required_h).toBeGreaterThan(0);
  });

  it('refuses bad input with a 400 naming the problem', async () => {
    for (const [path, message] of [
      ['/api/trends?by=year', /by/],
      ['/api/trends?by=week&from=2026-02-30', /from "2026-02-30" is not a date/],
      ['/api/trends?by=week&from=2026-03-10&to=2026-03-01', /is after/],
      ['/api/trends/comparisons?quarter=2026-Q5', /a quarter such as 2026-Q1/],
      ['/api/trends?colour=red', /colour/]
    ] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect((await res.json()).error).toMatch(message);
    }
  });
});

describe('/api/annotations', () => {
  it('a manager pins a note to a date; it shows with the trends, is audit-logged, and can be hidden', async () => {
    const res = await call(api, 'POST', '/api/annotations', { cookie: cookies.manager, body: { date: '2026-03-10', text: '  Storm week  ' } });
    expect(res.status).toBe(201);
    const { annotation } = await res.json();
    expect(annotation).toMatchObject({ date: '2026-03-10', text: 'Storm week', author: 'manager1' });
    const trends = await (await get('/api/trends?by=week&from=2026-03-02&to=2026-03-15', 'lead')).json();
    expect(trends.annotations).toEqual([annotation]);
    const log = await db.one<{ username: string; action: string }>(`SELECT username, action FROM audit_log WHERE entity = 'annotation' AND entity_id = $id`, { id: String(annotation.id) });
    expect(log).toEqual({ username: 'manager1', action: 'create' });

    expect((await call(api, 'POST', '/api/annotations', { cookie: cookies.lead, body: { date: '2026-03-10', text: 'x' } })).status).toBe(403);
    expect((await call(api, 'DELETE', `/api/annotations/${annotation.id}`, { cookie: cookies.lead })).status).toBe(403);
    expect((await call(api, 'POST', '/api/annotations', { cookie: cookies.admin, body: { date: '2026-02-30', text: 'x' } })).status).toBe(400);
    expect((await call(api, 'POST', '/api/annotations', { cookie: cookies.admin, body: { date: '2026-03-11', text: ' ' } })).status).toBe(400);

    expect((await call(api, 'DELETE', `/api/annotations/${annotation.id}`, { cookie: cookies.manager })).status).toBe(204);
    expect((await (await get('/api/annotations?from=2026-03-01&to=2026-03-31')).json()).annotations).toEqual([]);
    expect((await call(api, 'DELETE', `/api/annotations/${annotation.id}`, { cookie: cookies.manager })).status).toBe(404);
    expect(await db.one(`SELECT text, deleted_at IS NOT NULL AS hidden FROM annotations WHERE id = $id`, { id: annotation.id })).toEqual({ text: 'Storm week', hidden: true });
  });
});

describe('/api/reports', () => {
  it('builds a report on demand as a new version each time, and lists every version with the schedule', async () => {
    const first = await call(api, 'POST', '/api/reports', { cookie: cookies.lead, body: { kind: 'weekly', period: '2026-W11' } });
    expect(first.status).toBe(201);
    const { report } = await first.json();
    expect(report).toMatchObject({ kind: 'weekly', period: '2026-W11', from: '2026-03-09', to: '2026-03-15', version: 1, built_by: 'lead1' });
    const week = await computeMetrics(db, { from: '2026-03-09', to: '2026-03-15', by: 'total', timeZone: TZ });
    expect(report.sections[0].figures.find((f: { key: string }) => f.key === 'offered').value).toBe(week.rows[0].offered);
    const second = await (await call(api, 'POST', '/api/reports', { cookie: cookies.manager, body: { kind: 'weekly', period: '2026-W11' } })).json();
    expect(second.report.version).toBe(2);

    const list = await (await get('/api/reports?kind=weekly')).json();
    expect(list.reports.map((r: { version: number; built_by: string; latest: boolean }) => [r.version, r.built_by, r.latest])).toEqual([[2, 'manager1', true], [1, 'lead1', false]]);
    expect(list.schedule.map((s: { kind: string; at: string }) => `${s.kind} ${s.at}`)).toEqual(['weekly 06:00', 'monthly 06:00', 'quarterly 06:00']);
    expect((await (await get(`/api/reports/${report.id}`)).json()).report.built_at).toBe(report.built_at);
    expect((await call(api, 'POST', '/api/reports', { cookie: cookies.scheduler, body: { kind: 'weekly', period: '2026-W11' } })).status).toBe(403);
    const bad = await call(api, 'POST', '/api/reports', { cookie: cookies.manager, body: { kind: 'weekly', period: '2026-W54' } });
    expect([bad.status, (await bad.json()).error]).toEqual([400, 'period "2026-W54": 2026 has ISO weeks 01 to 53']);
    expect((await get('/api/reports/9999')).status).toBe(404);
  });

  it('downloads a report as .xlsx (numbers as numbers), .csv and .html', async () => {
    const { report } = await (await call(api, 'POST', '/api/reports', { cookie: cookies.manager, body: { kind: 'monthly', period: '2026-03' } })).json();
    const xlsx = await get(`/api/reports/${report.id}/download?format=xlsx`, 'lead');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toBe(`attachment; filename="callboard-monthly-2026-03-v1.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const offered = wb.getWorksheet('Volume and lost calls')!.getRows(1, 40)!.find((r) => r.getCell(1).value === 'Offered')!.getCell(2);
    expect([offered.type, offered.value]).toEqual([ExcelJS.ValueType.Number, 39]);

    const csv = await get(`/api/reports/${report.id}/download?format=csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toContain('\r\nOffered,offered,39,0,39\r\n');
    const html = await get(`/api/reports/${report.id}/download?format=html`);
    expect(await html.text()).toContain('<h1>Monthly report: March 2026</h1>');
    expect((await get(`/api/reports/${report.id}/download?format=pdf`)).status).toBe(400);
    expect((await get(`/api/reports/${report.id}/download?format=csv`, 'rep')).status).toBe(403);
  });
});
