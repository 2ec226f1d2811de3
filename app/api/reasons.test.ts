// GET /api/metrics?group=reason and /api/reasons on the hand-written reasons fixture
// (fixtures/queue-logs/README.md: reasons.queue_log), through the sub-apps with no server.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDatabase, type Database } from '../../sql/db.ts';
import { CallboardError } from '../../sql/errors.ts';
import { fixtureDb, TZ } from '../../analytics/test-support/fixture-db.ts';
import { metrics as metricsApp } from './metrics.ts';
import { reasons as reasonsApp } from './reasons.ts';
import { apiAccess } from './access.ts';
import type { AuthEnv } from './auth.ts';

let api: Hono<AuthEnv>;
const admin = { id: 1, username: 'ada', role: 'admin' };

describe('call reasons over the API', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('reasons.queue_log');
    setDatabase(db);
    api = new Hono<AuthEnv>()
      .use(async (c, next) => {
        c.set('ctx', { db, timeZone: TZ, operatorTimeZone: null });
        c.set('user' as never, admin as never);
        await next();
      })
      .route('/metrics', metricsApp)
      .route('/reasons', reasonsApp)
      .onError((err, c) => (err instanceof CallboardError && err.status < 500 ? c.json({ error: err.message }, 400) : c.json({ error: String(err) }, 500)));
  });
  afterAll(() => db.close());

  const json = async (path: string, init?: RequestInit) => {
    const res = await api.request(path, init);
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json();
  };
  const put = (path: string, body: unknown) =>
    api.request(path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('groups by reason: rows add up to the ungrouped totals, null for calls without one, and the share without', async () => {
    const total = (await json('/metrics?from=2026-03-10&to=2026-03-10')).rows[0];
    const body = await json('/metrics?from=2026-03-10&to=2026-03-10&group=reason');
    expect(body.rows.map((r: { reason: string | null }) => r.reason)).toEqual(['billing-dispute', 'bulky-item', 'missed-pickup', 'payment-plan', null]);
    for (const key of ['offered', 'answered', 'lost', 'timed_out'])
      expect(body.rows.reduce((n: number, r: Record<string, number>) => n + r[key], 0)).toBe(total[key]);
    expect(body.reason_coverage).toEqual({ offered: 9, with_reason: 5, share_without_reason: 4 / 9 });
  });

  it('filters by one reason code', async () => {
    const body = await json('/metrics?from=2026-03-10&to=2026-03-10&reason=payment-plan');
    expect(body.rows[0]).toMatchObject({ offered: 1, abandoned: 1, lost: 1 });
    expect((await api.request('/metrics?from=2026-03-10&to=2026-03-10&reason=x;drop')).status).toBe(400);
  });

  it('lists codes the catalogue does not know, then their names and groups once the admin names them, with history', async () => {
    let overview = await json('/reasons');
    expect(overview.unknown_codes).toEqual(['billing-dispute', 'bulky-item', 'missed-pickup', 'payment-plan']);
    expect(overview.sources).toMatchObject({ events: ['CALLSTATUS', 'WRAPUPCODE'], cdr_field: 'userfield', lines: 9, unattached: 3 });
    expect(overview.unattached.map((u: { code: string; line_no: number }) => [u.code, u.line_no])).toEqual([
      ['bulky-item', 32], ['general', 30], ['billing-dispute', 19]
    ]);

    expect((await put('/reasons/codes', { code: 'bulky-item', name: 'Bulky pick-up', reason_group: 'Bulky item' })).status).toBe(200);
    expect((await put('/reasons/codes', { code: 'bulky-item', name: 'Bulky-item pick-up', reason_group: 'Bulky item' })).status).toBe(200);
    expect((await put('/reasons/codes', { code: 'x', name: 'X', reason_group: 'Parking' })).status).toBe(400);

    overview = await json('/reasons');
    expect(overview.unknown_codes).not.toContain('bulky-item');
    const history = await json('/reasons/history?code=bulky-item');
    expect(history.history.map((h: { name: string }) => h.name)).toEqual(['Bulky pick-up', 'Bulky-item pick-up']); // the past is kept
    // Both names were given after 2026-03-10: that day's figures take the first (naming a code names its past).
    const bulky = async () =>
      (await json('/metrics?from=2026-03-10&to=2026-03-10&group=reason')).rows.find((r: { reason: string }) => r.reason === 'bulky-item');
    expect(await bulky()).toMatchObject({ reason_name: 'Bulky pick-up', reason_group: 'Bulky item' });
    // Named before the day and renamed during it: the day's figures keep the name it ended with; renamed
    // after the day, they keep the name it had then (a renamed code keeps its past).
    await db.run(`UPDATE reason_catalogue_history SET valid_from = CASE name WHEN 'Bulky pick-up' THEN TIMESTAMPTZ '2026-03-01 00:00:00+00'
                  ELSE TIMESTAMPTZ '2026-03-10 18:00:00+00' END WHERE code = 'bulky-item'`);
    expect(await bulky()).toMatchObject({ reason_name: 'Bulky-item pick-up' });
    await db.run(`UPDATE reason_catalogue_history SET valid_from = TIMESTAMPTZ '2026-04-01 00:00:00+00' WHERE code = 'bulky-item' AND name = 'Bulky-item pick-up'`);
    expect(await bulky()).toMatchObject({ reason_name: 'Bulky pick-up' });
    expect((await json('/reasons')).catalogue.find((r: { code: string }) => r.code === 'bulky-item')).toMatchObject({ name: 'Bulky-item pick-up' }); // the catalogue: now
    const rows = (await json('/metrics?from=2026-03-10&to=2026-03-10&group=reason')).rows;
    expect(rows.find((r: { reason: string }) => r.reason === 'payment-plan')).toMatchObject({ reason_name: null, reason_group: null }); // shown as itself
    // An entry written straight into the catalogue, with no history, names the code for every period.
    await db.run(`INSERT INTO reason_catalogue VALUES ('payment-plan', 'Payment plan', 'Billing', now(), 'test')`);
    expect((await json('/metrics?from=2026-03-10&to=2026-03-10&group=reason')).rows.find((r: { reason: string }) => r.reason === 'payment-plan'))
      .toMatchObject({ reason_name: 'Payment plan', reason_group: 'Billing' });
    await db.run(`DELETE FROM reason_catalogue WHERE code = 'payment-plan'`);
    const audited = await db.all<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'reason' ORDER BY id`);
    expect(audited.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('takes other event names from the admin and attaches their lines at once', async () => {
    const res = await put('/reasons/sources', { events: ['WRAPUPCODE'] });
    expect(res.status).toBe(200);
    expect((await res.json()).events).toEqual(['WRAPUPCODE']);
    const body = await json('/metrics?from=2026-03-10&to=2026-03-10&group=reason');
    expect(body.rows.map((r: { reason: string | null }) => r.reason)).not.toContain('payment-plan'); // it came by CALLSTATUS
    expect((await put('/reasons/sources', { events: ['CONNECT'] })).status).toBe(400); // a queue event already
    await put('/reasons/sources', { events: ['WRAPUPCODE', 'CALLSTATUS'] });
  });

  it('lets planners read the catalogue and only the admin keep it', () => {
    const roles = (route: string) => (apiAccess[route] as { roles: string[] }).roles;
    expect(roles('GET /api/reasons')).toContain('scheduler');
    expect(roles('PUT /api/reasons/codes')).toEqual(['admin']);
    expect(roles('PUT /api/reasons/sources')).toEqual(['admin']);
  });
});
