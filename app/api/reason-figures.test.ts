// Figures by reason group over the API (#15.3-4): GET /api/metrics?group=reason_group,
// /api/metrics/repeat-callers (by_reason_group), /api/trends/reasons, /api/coverage/reasons, on the hand-written two weeks of
// fixtures/queue-logs/README.md (reason-groups.queue_log), through the sub-apps with no server.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDatabase, type Database } from '../../sql/db.ts';
import { CallboardError } from '../../sql/errors.ts';
import { fixtureDb, TZ } from '../../analytics/test-support/fixture-db.ts';
import { metrics as metricsApp } from './metrics.ts';
import { trends as trendsApp } from './trends.ts';
import { coverage as coverageApp } from './coverage.ts';
import { apiAccess } from './access.ts';
import type { AuthEnv } from './auth.ts';

let api: Hono<AuthEnv>;
const admin = { id: 1, username: 'ada', role: 'admin' };

describe('figures by reason group over the API', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('reason-groups.queue_log');
    await db.run(`INSERT INTO reason_catalogue VALUES ('billing-dispute', 'Bill dispute', 'Billing', now(), 'test'),
      ('missed-pickup', 'Missed pick-up', 'Missed pick-up', now(), 'test'), ('bulky-item', 'Bulky-item pick-up', 'Bulky item', now(), 'test')`);
    setDatabase(db);
    api = new Hono<AuthEnv>()
      .use(async (c, next) => {
        c.set('ctx', { db, timeZone: TZ, operatorTimeZone: null });
        c.set('user' as never, admin as never);
        await next();
      })
      .route('/metrics', metricsApp)
      .route('/trends', trendsApp)
      .route('/coverage', coverageApp)
      .onError((err, c) => (err instanceof CallboardError && err.status < 500 ? c.json({ error: err.message }, 400) : c.json({ error: String(err) }, 500)));
  });
  afterAll(() => db.close());

  const json = async (path: string) => {
    const res = await api.request(path);
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json();
  };

  it('groups metrics by reason group: rows add up to the totals, with the share of calls without a reason', async () => {
    const total = (await json('/metrics?from=2026-03-09&to=2026-03-22&by=total')).rows[0];
    const body = await json('/metrics?from=2026-03-09&to=2026-03-22&by=total&group=reason_group');
    expect(body.rows.map((r: { reason_group: string | null; offered: number }) => [r.reason_group, r.offered])).toEqual([
      ['Billing', 1],
      ['Bulky item', 2],
      ['Missed pick-up', 3],
      ['Not in catalogue', 1],
      [null, 2]
    ]);
    for (const key of ['offered', 'answered', 'lost'])
      expect(body.rows.reduce((n: number, r: Record<string, number>) => n + r[key], 0)).toBe(total[key]);
    expect(body.reason_coverage).toEqual({ offered: 9, with_reason: 7, share_without_reason: 2 / 9 });
  });

  it('gives repeat callers per reason group beside the answered share without a reason', async () => {
    const body = await json('/metrics/repeat-callers?from=2026-03-09&to=2026-03-22');
    expect(body.by_reason_group.map((r: { reason_group: string | null; repeat_rate: number }) => [r.reason_group, r.repeat_rate])).toEqual([
      ['Bulky item', 0.5],
      ['Missed pick-up', 0.5],
      ['Billing', 0],
      ['Not in catalogue', 0],
      [null, 0]
    ]);
    expect(body.reason_coverage).toEqual({ answered: 7, with_reason: 6, share_without_reason: 1 / 7 });
  });

  it('answers GET /api/trends/reasons per week, readers only, and refuses a bad bucket', async () => {
    expect(apiAccess['GET /api/trends/reasons']).toEqual(apiAccess['GET /api/trends']);
    const body = await json('/trends/reasons?by=week&from=2026-03-09&to=2026-03-22');
    expect(body.groups).toEqual(['Billing', 'Missed pick-up', 'Bulky item', 'Not in catalogue', null]);
    expect(body.series.map((p: { period: string; offered: number; share_without_reason: number }) => [p.period, p.offered, p.share_without_reason])).toEqual([
      ['2026-W11', 5, 0.2],
      ['2026-W12', 4, 0.25]
    ]);
    const bad = await api.request('/trends/reasons?by=day');
    expect(bad.status).toBe(400);
  });

  it('answers GET /api/coverage/reasons for planners: groups too short to forecast say why', async () => {
    expect(apiAccess['GET /api/coverage/reasons']).toEqual(apiAccess['GET /api/coverage/required']);
    const body = await json('/coverage/reasons?week=2026-03-23');
    expect(body.settings.week_start).toBe('2026-03-23');
    expect(body.groups.map((g: { reason_group: string | null; forecast: boolean }) => [g.reason_group, g.forecast])).toEqual([
      ['Billing', false], ['Missed pick-up', false], ['Bulky item', false], ['Not in catalogue', false], [null, false]
    ]);
    expect(body.groups[0].why_not).toMatch(/^only 1 ordinary day with Billing calls in the 12 weeks before 2026-03-18/);
    expect((await api.request('/coverage/reasons?week=2026-02-30')).status).toBe(400);
  });
});
