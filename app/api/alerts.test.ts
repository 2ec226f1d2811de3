// /api/settings/alerts (the admin's alert rules) and the live snapshot's `alerts`, on a queue_log
// written relative to now (t, this second), by hand:
//   Ana (PJSIP/7001) logged in to billing at t−2 h, on a call since t−90 s (rang from t−93 s).
//   Ben (PJSIP/7002) logged in to billing at t−2 h, paused "Lunch" since t−10 min.
//   Callers waiting in billing: l2 since t−40 s, l3 since t−5 s. Nobody of billing has been available
//   since Ana's ring began at t−93 s, and callers have waited since l2 entered at t−40 s.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { auditRecords } from '../server/audit.ts';
import type { Role } from '../server/accounts.ts';
import type { LiveSnapshot } from '../server/live/live-snapshot.ts';
import { localClock } from '../../analytics/live/alert-words.ts';
import { api } from './index.ts';
import { call, seededDatabase, signedInUsers } from './test-support.ts';

const t = Math.floor(Date.now() / 1000);
const line = (ago: number, rest: string) => `${t - ago}|${rest}`;
const TZ = 'America/Chicago';

describe('alert rules and the alerts firing now', () => {
  let db: Database;
  let dir: string;
  let cookies: Awaited<ReturnType<typeof signedInUsers>>;
  const send = async (method: string, path: string, body?: unknown, role: Role = 'admin') => {
    const res = await call(api, method, path, { cookie: cookies[role], body });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    db = await seededDatabase();
    await db.run('DELETE FROM calls');
    cookies = await signedInUsers(db);
    dir = mkdtempSync(join(tmpdir(), 'callboard-alerts-api-'));
    const log = join(dir, 'queue_log');
    writeFileSync(log, [
      line(7200, 'NONE|billing|PJSIP/7001|ADDMEMBER|'),
      line(7200, 'NONE|billing|PJSIP/7002|ADDMEMBER|'),
      line(600, 'NONE|billing|PJSIP/7002|PAUSE|Lunch'),
      line(100, 'l1|billing|NONE|ENTERQUEUE||3125550101|1'),
      line(90, 'l1|billing|PJSIP/7001|CONNECT|10|l1.1|3'),
      line(40, 'l2|billing|NONE|ENTERQUEUE||3125550102|1'),
      line(5, 'l3|billing|NONE|ENTERQUEUE||3125550103|2')
    ].join('\n') + '\n');
    expect((await ingestFile(db, log, { timeZone: TZ })).error).toBeUndefined();
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('none until an admin saves some: the form is offered the defaults', async () => {
    const { status, body } = await send('GET', '/api/settings/alerts', undefined, 'lead');
    expect(status).toBe(200);
    expect(body.rules).toEqual([]);
    expect(body.defaults).toEqual([
      { queue: '*', kind: 'longest_wait', threshold: 120 },
      { queue: '*', kind: 'waiting', threshold: 5 },
      { queue: '*', kind: 'nobody_available', threshold: 30 },
      { queue: '*', kind: 'service_level', threshold: null }
    ]);
    expect((await send('GET', '/api/live', undefined, 'lead')).body.alerts).toEqual([]);
  });

  it('leads, managers and schedulers read the rules; only admins change them; the wallboard and reps neither', async () => {
    for (const role of ['manager', 'lead', 'scheduler'] as const) expect((await send('GET', '/api/settings/alerts', undefined, role)).status, role).toBe(200);
    for (const role of ['wallboard', 'rep'] as const) expect((await send('GET', '/api/settings/alerts', undefined, role)).status, role).toBe(403);
    for (const role of ['manager', 'lead', 'scheduler', 'wallboard', 'rep'] as const) {
      expect((await send('PUT', '/api/settings/alerts', { rules: [] }, role)).status, role).toBe(403);
    }
    expect((await send('GET', '/api/settings/alerts')).body.rules).toEqual([]);
  });

  it('refuses a rule it cannot keep, saying which and why', async () => {
    const bad = async (rules: unknown) => send('PUT', '/api/settings/alerts', { rules });
    expect(await bad([{ queue: '*', kind: 'longest_wait', threshold: 0 }])).toEqual({
      status: 400,
      body: { error: 'every queue, longest wait over: give a whole number from 1 to 3600 seconds (got 0)' }
    });
    expect((await bad([{ queue: 'billing', kind: 'service_level', threshold: 80 }])).body.error).toBe('billing, service level today under: give 1 % to 99 % (got 80)');
    expect((await bad([{ queue: '*', kind: 'waiting', threshold: 2 }, { queue: '*', kind: 'waiting', threshold: 3 }])).body.error).toBe(
      'every queue has two "waiting" rules: keep one'
    );
    expect((await bad([{ queue: '*', kind: 'loud', threshold: 2 }])).status).toBe(400);
    expect((await bad([{ queue: "x'; DROP TABLE calls", kind: 'waiting', threshold: 2 }])).body.error).toMatch(/not a queue name/);
    expect((await send('GET', '/api/settings/alerts')).body.rules).toEqual([]);
  });

  it('saves the whole set, audited before and after; the live floor then shows what fires, in words', async () => {
    const rules = [
      { queue: '*', kind: 'longest_wait', threshold: 30 },
      { queue: 'billing', kind: 'waiting', threshold: 1 },
      { queue: '*', kind: 'nobody_available', threshold: 0 },
      { queue: '*', kind: 'service_level', threshold: null }
    ];
    const saved = await send('PUT', '/api/settings/alerts', { rules });
    expect(saved.status).toBe(200);
    expect(saved.body.rules).toHaveLength(4);
    const [record] = await auditRecords(db, { entity: 'alert_rules' });
    expect(record).toMatchObject({ action: 'create', username: 'admin1', before: [] });
    expect(record.after).toHaveLength(4);

    const live: LiveSnapshot = (await send('GET', '/api/live', undefined, 'wallboard')).body;
    const hhmm = (ago: number) => localClock(t - ago, TZ);
    expect(live.alerts.map((a) => [a.kind, a.since, a.text])).toEqual([
      // l2 entered t−40 s (nobody of billing free since t−93 s), went over 30 s at t−10 s; l3 made two at t−5 s.
      ['nobody_available', new Date((t - 40) * 1000).toISOString(), 'Callers waiting, nobody available since ' + hhmm(40)],
      ['longest_wait', new Date((t - 10) * 1000).toISOString(), 'Longest wait over 30 s since ' + hhmm(10)],
      ['waiting', new Date((t - 5) * 1000).toISOString(), 'Over 1 caller waiting since ' + hhmm(5)]
    ]);
    const wait = live.alerts.find((a) => a.kind === 'longest_wait')!;
    expect(wait.peak).toBeCloseTo(Date.parse(live.as_of) / 1000 - (t - 40), 0);
    expect(wait).toMatchObject({ queue: 'billing', label: 'billing', threshold: 30 });

    const again = await send('PUT', '/api/settings/alerts', { rules: [] });
    expect(again.body.rules).toEqual([]);
    expect((await auditRecords(db, { entity: 'alert_rules' }))[0]).toMatchObject({ action: 'update', after: [] });
    expect((await send('GET', '/api/live', undefined, 'lead')).body.alerts).toEqual([]);
  });
});
