/** /api/settings: queues, roster and time zone, admin only, every change audit-logged with before/after. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Database } from '../../sql/db.ts';
import type { Role } from '../server/accounts.ts';
import { auditRecords } from '../server/audit.ts';
import { checkMetricsOptions, computeMetrics, metricParams } from '../../analytics/metrics/metrics.ts';
import { callSlicesUsable } from '../../sql/upkeep/call-slices.ts';
import { repCallDaysUsable } from '../../sql/upkeep/rep-call-days.ts';
import { api } from './index.ts';
import { call, seededDatabase, signedInUsers, tableChecksums } from './test-support.ts';

let db: Database;
let cookies: Record<Role | 'rep2', string>;

beforeAll(async () => {
  db = await seededDatabase();
  cookies = await signedInUsers(db);
});

afterAll(() => closeDatabase());

const send = async (method: string, path: string, body?: unknown, role: Role = 'admin') => {
  const res = await call(api, method, path, { cookie: cookies[role], body });
  return { status: res.status, body: await res.json() };
};

const billing = {
  label: 'Billing',
  sl_threshold_s: 30,
  short_abandon_s: 8,
  sl_formula: 'icmi',
  hours: [
    { weekday: 1, open_minute: 12 * 60 + 30, close_minute: 17 * 60 },
    { weekday: 1, open_minute: 8 * 60, close_minute: 12 * 60 }
  ]
};

describe('GET /api/settings', () => {
  it('lists queues seen in calls (unconfigured: defaults apply), the roster with unnamed interfaces, and the zone', async () => {
    const { status, body } = await send('GET', '/api/settings');
    expect(status).toBe(200);
    expect(body.queues).toEqual([{ queue: 'billing', label: null, sl_threshold_s: null, short_abandon_s: null, sl_formula: null, configured: false, hours: [] }]);
    expect(body.roster.map((r: { interface: string; on_roster: boolean }) => [r.interface, r.on_roster])).toEqual([
      ['Agent/7001', true],
      ['PJSIP/7001', true],
      ['PJSIP/7002', true],
      ['PJSIP/7009', false]
    ]);
    expect(body.timezone).toBeNull();
  });

  it('is for admins only', async () => {
    for (const role of ['manager', 'lead', 'scheduler', 'rep'] as const) expect((await send('GET', '/api/settings', undefined, role)).status, role).toBe(403);
  });
});

describe('changing settings', () => {
  it("saves a queue's thresholds, formula and hours, which the metrics then use, and logs before and after", async () => {
    const { status, body } = await send('PUT', '/api/settings/queues/billing', billing);
    expect(status).toBe(200);
    expect(body).toMatchObject({ queue: 'billing', sl_threshold_s: 30, short_abandon_s: 8, sl_formula: 'icmi', configured: true });
    expect(body.hours).toEqual([billing.hours[1], billing.hours[0]]);
    const used = await computeMetrics(db, { from: '2026-03-02', to: '2026-03-02', timeZone: 'America/Chicago' });
    expect(used.settings.queues[0]).toMatchObject({ sl_threshold_s: 30, short_abandon_s: 8, sl_formula: 'icmi', source: { sl_threshold_s: 'queue' } });
    // The metrics summary was rebuilt with the new settings in the same transaction, and agrees with the calls.
    expect(await callSlicesUsable(db)).toBe(true);
    const q = checkMetricsOptions({ from: '2026-03-02', to: '2026-03-02', by: 'total', timeZone: 'America/Chicago' });
    expect(await db.query('call-metrics', metricParams(q, true))).toEqual(await db.query('call-metrics', metricParams(q, false)));
    expect(used.rows[0].offered).toBeGreaterThan(0);

    const changed = await send('PUT', '/api/settings/queues/billing', { ...billing, sl_threshold_s: 20, hours: [] });
    expect(changed.body.hours).toEqual([]);
    const [update, create] = await auditRecords(db, { entity: 'queue_settings', entityId: 'billing' });
    expect(create).toMatchObject({ action: 'create', username: 'admin1', before: null });
    expect(update).toMatchObject({ action: 'update', before: { sl_threshold_s: 30 }, after: { sl_threshold_s: 20, hours: [] } });
  });

  it('names an interface on the roster, edits a person, and never changes a rep id', async () => {
    const added = await send('PUT', '/api/settings/roster', { interface: 'PJSIP/7009', name: 'Cleo Diaz', team: 'Pick-ups', active: true });
    expect(added.body).toMatchObject({ interface: 'PJSIP/7009', rep_id: 'pjsip-7009', name: 'Cleo Diaz', on_roster: true });
    const renamed = await send('PUT', '/api/settings/roster', { interface: 'PJSIP/7002', name: 'Ben Okafor-Reyes', team: null, active: false });
    expect(renamed.body).toMatchObject({ rep_id: 'ben', name: 'Ben Okafor-Reyes', team: null, active: false });
    const [record] = await auditRecords(db, { entity: 'roster', entityId: 'PJSIP/7002' });
    expect(record).toMatchObject({ action: 'update', before: { name: 'Ben Okafor', team: 'Billing', active: true }, after: { name: 'Ben Okafor-Reyes', active: false } });
    expect((await send('PUT', '/api/settings/roster', { interface: 'PJSIP/7002', rep_id: 'someone', name: 'B', team: null, active: true })).status).toBe(400);
  });

  it("stores the center's time zone", async () => {
    const { body } = await send('PUT', '/api/settings/timezone', { timezone: 'America/New_York' });
    expect(body).toEqual({ timezone: 'America/New_York' });
    expect((await send('GET', '/api/settings')).body.timezone).toBe('America/New_York');
    // the trends' quality summary is kept in the center's zone: built again in the new one
    expect(await repCallDaysUsable(db, 'America/New_York')).toBe(true);
    expect(await repCallDaysUsable(db, 'America/Chicago')).toBe(false);
    const [record] = await auditRecords(db, { entity: 'setting', entityId: 'timezone' });
    expect(record).toMatchObject({ action: 'create', before: null, after: { timezone: 'America/New_York' } });
    await send('PUT', '/api/settings/timezone', { timezone: 'America/Chicago' });
    expect((await auditRecords(db, { entity: 'setting', entityId: 'timezone' }))[0]).toMatchObject({ before: { timezone: 'America/New_York' } });
  });

  it('stores the maximum shift length the rep states are ended by', async () => {
    expect((await send('GET', '/api/settings')).body.max_shift_s).toBe(12 * 3600);
    const { body } = await send('PUT', '/api/settings/max-shift', { max_shift_s: 10 * 3600 });
    expect(body).toEqual({ max_shift_s: 10 * 3600 });
    expect((await send('GET', '/api/settings')).body.max_shift_s).toBe(10 * 3600);
    const stored = await db.one<{ max_s: number }>(`SELECT max_s FROM (SELECT CAST(CAST(value AS VARCHAR) AS DOUBLE) AS max_s FROM settings WHERE key = 'max_shift_s')`);
    expect(stored!.max_s).toBe(36000);
    const [record] = await auditRecords(db, { entity: 'setting', entityId: 'max_shift_s' });
    expect(record).toMatchObject({ action: 'update', before: { max_shift_s: 43200 }, after: { max_shift_s: 36000 } });
    await send('PUT', '/api/settings/max-shift', { max_shift_s: 12 * 3600 });
  });

  it('refuses bad input and other roles without changing anything', async () => {
    const sums = await tableChecksums(db);
    const bad: [string, string, unknown][] = [
      ['PUT', '/api/settings/timezone', { timezone: 'Mars/Olympus' }],
      ['PUT', '/api/settings/max-shift', { max_shift_s: 60 }],
      ['PUT', '/api/settings/max-shift', { max_shift_s: 25 * 3600 }],
      ['PUT', '/api/settings/max-shift', { max_shift_s: '12h' }],
      ['PUT', '/api/settings/queues/billing', { ...billing, sl_formula: 'best' }],
      ['PUT', '/api/settings/queues/billing', { ...billing, sl_threshold_s: -1 }],
      ['PUT', '/api/settings/queues/billing', { ...billing, hours: [{ weekday: 8, open_minute: 0, close_minute: 60 }] }],
      ['PUT', '/api/settings/queues/billing', { ...billing, hours: [{ weekday: 1, open_minute: 600, close_minute: 500 }] }],
      ['PUT', '/api/settings/queues/billing', { ...billing, hours: [{ weekday: 1, open_minute: 480, close_minute: 720 }, { weekday: 1, open_minute: 700, close_minute: 800 }] }],
      ['PUT', '/api/settings/queues/billing', { ...billing, extra: 1 }],
      ['PUT', '/api/settings/roster', { interface: '../etc', name: 'x', team: null, active: true }],
      ['PUT', '/api/settings/roster', { interface: 'PJSIP/7010', name: ' ', team: null, active: true }]
    ];
    for (const [method, path, body] of bad) expect((await send(method, path, body)).status, JSON.stringify(body)).toBe(400);
    expect((await send('PUT', '/api/settings/timezone', { timezone: 'UTC' }, 'lead')).status).toBe(403);
    expect((await send('PUT', '/api/settings/max-shift', { max_shift_s: 3600 }, 'lead')).status).toBe(403);
    expect((await send('PUT', '/api/settings/roster', { interface: 'PJSIP/7010', name: 'x', team: null, active: true }, 'manager')).status).toBe(403);
    expect(await tableChecksums(db)).toEqual(sums);
  });
});
