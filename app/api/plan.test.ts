// GET /api/plan and /api/plan/xlsx on the demo center (17 weeks to Friday 2026-06-05): the manager's
// and admin's only, the plan from a given Monday, and the full-time week an admin sets changing the FTE.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { setDatabase, type Database } from '../../sql/db.ts';
import { demoDatabase, DEMO_NEXT_MONDAY } from '../../analytics/test-support/coverage-demo-db.ts';
import type { Role } from '../server/accounts.ts';
import type { PlanResult } from '../../analytics/plan/plan.ts';
import { api } from './index.ts';
import { call, signedInUsers } from './test-support.ts';

let db: Database;
let dispose: () => void;
let cookies: Record<Role | 'rep2', string>;
const PATH = `/api/plan?from=${DEMO_NEXT_MONDAY}&weeks=8`;

beforeAll(async () => {
  process.env.CALLBOARD_TZ = 'America/Chicago';
  ({ db, dispose } = await demoDatabase());
  setDatabase(db);
  cookies = await signedInUsers(db);
}, 300_000);
afterAll(() => {
  delete process.env.CALLBOARD_TZ;
  dispose?.();
});

describe('/api/plan', () => {
  it('answers the manager with the plan; a lead, scheduler or rep is refused', async () => {
    const res = await call(api, 'GET', PATH, { cookie: cookies.manager });
    expect(res.status).toBe(200);
    const plan = (await res.json()) as PlanResult;
    expect(plan.rows.map((r) => r.week)).toEqual(['2026-W24', '2026-W25', '2026-W26', '2026-W27', '2026-W28', '2026-W29', '2026-W30', '2026-W31']);
    expect(plan.scenarios.map((sc) => sc.key)).toContain('new-service');
    expect(plan.scenarios).toHaveLength(6);
    for (const role of ['lead', 'scheduler', 'rep'] as const) expect((await call(api, 'GET', PATH, { cookie: cookies[role] })).status, role).toBe(403);
  }, 120_000);

  it('the new-service what-if takes its size, handle time and first day from the query', async () => {
    const res = await call(api, 'GET', `${PATH}&new_calls=500&new_aht_s=420&new_from=2026-07-01`, { cookie: cookies.manager });
    const plan = (await res.json()) as PlanResult;
    expect(plan.settings.new_service).toEqual({ calls_per_week: 500, aht_s: 420, from: '2026-07-01' });
    const service = plan.scenarios.find((sc) => sc.key === 'new-service')!;
    expect(service.label).toBe('A new service: +500 calls a week at 7:00 from 2026-07-01');
    // 2026-07-01 is in 2026-W27: that week and after carry 500 more calls.
    expect(service.rows.map((r) => Math.round(r.calls_forecast - plan.rows.find((p) => p.week === r.week)!.calls_forecast))).toEqual([0, 0, 0, 500, 500, 500, 500, 500]);
    const bad = await call(api, 'GET', `${PATH}&new_aht_s=5`, { cookie: cookies.manager });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe('new service handle time (s) "5" must be a whole number from 10 to 3600');
  }, 120_000);

  it('names a bad number in a 400', async () => {
    const res = await call(api, 'GET', `/api/plan?from=${DEMO_NEXT_MONDAY}&weeks=500`, { cookie: cookies.admin });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('weeks "500" must be a whole number from 1 to 104');
  });

  it("/accuracy: the 8 weeks before the data's end held out; on the demo the forecast beats last week", async () => {
    const res = await call(api, 'GET', '/api/plan/accuracy', { cookie: cookies.manager });
    expect(res.status).toBe(200);
    const { accuracy } = await res.json();
    expect(accuracy.weeks).toEqual(['2026-04-06', '2026-04-13', '2026-04-20', '2026-04-27', '2026-05-04', '2026-05-11', '2026-05-18', '2026-05-25']);
    expect(accuracy.model.interval).toBeLessThan(accuracy.last_week.interval);
    expect(accuracy.model.day).toBeLessThan(accuracy.last_week.day);
    expect(accuracy.model.interval).toBeGreaterThan(accuracy.floor.interval);
    // The demo's days swing beyond Poisson (the generator's 4 %): measured on the weeks before, a second floor beside the first.
    expect(accuracy.day_swing.source).toBe('measured on the history');
    expect(accuracy.day_swing.sigma).toBeGreaterThan(0.01);
    expect(accuracy.floor_with_day_noise.day).toBeGreaterThan(accuracy.floor.day);
    expect((await call(api, 'GET', '/api/plan/accuracy', { cookie: cookies.lead })).status).toBe(403);
  }, 120_000);

  it('/xlsx downloads the workbook', async () => {
    const res = await call(api, 'GET', `/api/plan/xlsx?from=${DEMO_NEXT_MONDAY}&weeks=4`, { cookie: cookies.admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="staffing-plan-2026-W24.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.getWorksheet('Weeks')!.rowCount).toBe(5);
  }, 120_000);

  it("the admin's full-time week is 1 FTE: 40 h → 37.5 h multiplies every FTE by 40/37.5, audited", async () => {
    const before = (await (await call(api, 'GET', PATH, { cookie: cookies.admin })).json()) as PlanResult;
    expect((await call(api, 'PUT', '/api/settings/full-time-hours', { cookie: cookies.manager, body: { full_time_hours: 37.5 } })).status).toBe(403);
    expect((await call(api, 'PUT', '/api/settings/full-time-hours', { cookie: cookies.admin, body: { full_time_hours: 7 } })).status).toBe(400);
    const put = await call(api, 'PUT', '/api/settings/full-time-hours', { cookie: cookies.admin, body: { full_time_hours: 37.5 } });
    expect(await put.json()).toEqual({ full_time_hours: 37.5 });
    const after = (await (await call(api, 'GET', PATH, { cookie: cookies.admin })).json()) as PlanResult;
    expect(after.settings.full_time_hours).toBe(37.5);
    expect(after.rows[0].required_fte).toBeCloseTo((before.rows[0].required_fte * 40) / 37.5, 10);
    expect(after.rows[0].required_hours).toBe(before.rows[0].required_hours);
    const audit = await db.one<{ after: string }>(`SELECT CAST("after" AS VARCHAR) AS "after" FROM audit_log WHERE entity_id = 'full_time_hours'`);
    expect(audit?.after).toBe('{"full_time_hours":37.5}');
  }, 120_000);
});
