/** /api/retention: retention per kind and legal holds, admins only, audited; refusals say why. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Database } from '../../sql/db.ts';
import type { Role } from '../server/accounts.ts';
import { auditRecords } from '../server/audit.ts';
import { api } from './index.ts';
import { call, seededDatabase, signedInUsers } from './test-support.ts';

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

describe('/api/retention', () => {
  it('lists every kind, kept forever until an admin limits it', async () => {
    const { status, body } = await send('GET', '/api/retention');
    expect(status).toBe(200);
    expect(body.kinds.map((k: { kind: string; described: string }) => `${k.kind}:${k.described}`)).toEqual([
      'raw_events:forever', 'calls:forever', 'caller_numbers:forever', 'notes:forever', 'evaluations:forever', 'audit_log:forever', 'reports:forever'
    ]);
    expect(body.holds).toEqual([]);
  });

  it('is for admins only', async () => {
    for (const role of ['manager', 'lead', 'scheduler', 'rep'] as const) {
      expect((await send('GET', '/api/retention', undefined, role)).status, role).toBe(403);
      expect((await send('PUT', '/api/retention/kinds/calls', { amount: 5, unit: 'days' }, role)).status, role).toBe(403);
      expect((await send('POST', '/api/retention/purge', {}, role)).status, role).toBe(403);
    }
  });

  it('saves a retention (audited) and refuses one shorter than the open report periods, with the reason', async () => {
    const ok = await send('PUT', '/api/retention/kinds/audit_log', { amount: 2, unit: 'months' });
    expect(ok).toMatchObject({ status: 200, body: { kind: 'audit_log', described: '2 months' } });
    const refused = await send('PUT', '/api/retention/kinds/calls', { amount: 1, unit: 'days' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/^Call records kept 1 day would purge them before .*inside the open .* report period .*: keep them at least \d+ days$/);
    expect((await send('PUT', '/api/retention/kinds/calls', { amount: 0, unit: 'days' })).status).toBe(400);
    expect((await send('PUT', '/api/retention/kinds/phone_book', { amount: 3, unit: 'days' })).status).toBe(400);
    const [entry] = await auditRecords(db, { entity: 'retention' });
    expect(entry).toMatchObject({ action: 'update', entity_id: 'audit_log', before: { kept: 'forever' }, after: { kept: '2 months' } });
  });

  it('adds and removes legal holds, audited, and runs a dry purge', async () => {
    const added = await send('POST', '/api/retention/holds', { scope: 'caller', caller: '+1 312 555 0111', reason: 'records request 12' });
    expect(added).toMatchObject({ status: 201, body: { scope: 'caller', caller: '+1 312 555 0111', created_by: 'admin1' } });
    expect((await send('POST', '/api/retention/holds', { scope: 'dates', from_date: '2026-03-02', to_date: '2026-03-01', reason: 'x' })).body.error).toMatch(/after/);
    expect((await send('POST', '/api/retention/holds', { scope: 'rep', rep_id: 'pjsip-7001', reason: '' })).body.error).toMatch(/reason/);
    expect((await send('GET', '/api/retention')).body.holds).toHaveLength(1);
    expect((await send('DELETE', `/api/retention/holds/${added.body.id}`)).status).toBe(200);
    expect((await send('DELETE', `/api/retention/holds/${added.body.id}`)).status).toBe(404);
    expect((await auditRecords(db, { entity: 'legal_hold' })).map((a) => a.action)).toEqual(['delete', 'create']);
    const dry = await send('POST', '/api/retention/purge', { dry_run: true });
    expect(dry).toMatchObject({ status: 200, body: { dry_run: true, before: { audit_log: expect.any(String), calls: null } } });
  });
});
