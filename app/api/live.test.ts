// GET /api/live and /api/live/stream on a queue_log written relative to now (t, this second), by hand:
//   Ana (PJSIP/7001) logged in to billing at t−2 h, on a call since t−90 s (caller l1).
//   Ben (PJSIP/7002) logged in at t−2 h, paused "Lunch" (in billing and claims: one pause) since t−10 min.
//   PJSIP/7009 logged in to claims at t−1 h, available since (no activity).
//   Callers waiting: l2 in billing since t−40 s; l3 in billing since t−5 s; l4 in claims whose
//   ENTERQUEUE came 2 h ago and never ended (a lost end: not waiting now).
//   Today's billing: l0 answered within 10 s (t−30 min, unless that was yesterday locally), l1 still in talk.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { api } from './index.ts';
import { call, seededDatabase, signedInUsers } from './test-support.ts';
import type { LiveSnapshot } from '../server/live/live-snapshot.ts';

const t = Math.floor(Date.now() / 1000);
const line = (ago: number, rest: string) => `${t - ago}|${rest}`;

describe('/api/live', () => {
  let db: Database;
  let dir: string;
  let cookies: Awaited<ReturnType<typeof signedInUsers>>;
  beforeAll(async () => {
    db = await seededDatabase();
    await db.run('DELETE FROM calls');
    cookies = await signedInUsers(db);
    dir = mkdtempSync(join(tmpdir(), 'callboard-live-api-'));
    const log = join(dir, 'queue_log');
    writeFileSync(log, [
      line(7200, 'l4|claims|NONE|ENTERQUEUE||3125550104|1'),
      line(7200, 'NONE|billing|PJSIP/7001|ADDMEMBER|'),
      line(7200, 'NONE|billing|PJSIP/7002|ADDMEMBER|'),
      line(7200, 'NONE|claims|PJSIP/7002|ADDMEMBER|'),
      line(3600, 'NONE|claims|PJSIP/7009|ADDMEMBER|'),
      line(1800, 'l0|billing|NONE|ENTERQUEUE||3125550100|1'),
      line(1790, 'l0|billing|PJSIP/7001|CONNECT|10|l0.1|2'),
      line(1700, 'l0|billing|PJSIP/7001|COMPLETECALLER|10|90|1'),
      line(600, 'NONE|billing|PJSIP/7002|PAUSE|Lunch'),
      line(600, 'NONE|claims|PJSIP/7002|PAUSE|Lunch'),
      line(100, 'l1|billing|NONE|ENTERQUEUE||3125550101|1'),
      line(90, 'l1|billing|PJSIP/7001|CONNECT|10|l1.1|3'),
      line(40, 'l2|billing|NONE|ENTERQUEUE||3125550102|1'),
      line(5, 'l3|billing|NONE|ENTERQUEUE||3125550103|2')
    ].join('\n') + '\n');
    expect((await ingestFile(db, log, { timeZone: 'America/Chicago' })).error).toBeUndefined();
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the floor now: callers waiting, reps by state with pause reasons, today so far', async () => {
    const res = await call(api, 'GET', '/api/live', { cookie: cookies.lead });
    expect(res.status).toBe(200);
    const live: LiveSnapshot = await res.json();
    expect(Object.keys(live)).toEqual(['as_of', 'queues', 'reps', 'alerts', 'adherence', 'data_until', 'outlook']);
    expect(live.data_until).toBe(new Date((t - 5) * 1000).toISOString().replace('.000', ''));
    const asOf = Date.parse(live.as_of) / 1000;
    const billing = live.queues.find((q) => q.queue === 'billing')!;
    const claims = live.queues.find((q) => q.queue === 'claims')!;
    expect(Object.keys(billing)).toEqual(['queue', 'waiting', 'longest_wait_s', 'available', 'on_call', 'paused', 'offered_today', 'answered_today', 'lost_today', 'service_level_today', 'label']);
    expect(billing).toMatchObject({ waiting: 2, available: 0, on_call: 1, paused: 1 });
    expect(billing.longest_wait_s).toBeCloseTo(asOf - (t - 40), 0);
    expect(claims).toMatchObject({ waiting: 0, longest_wait_s: null, available: 1, on_call: 0, paused: 1 });
    const rep = (id: string) => live.reps.find((r) => r.id === id)!;
    expect(rep('ana')).toMatchObject({ name: 'Ana Ruiz', interface: 'PJSIP/7001', state: 'on_call', reason: null, since: new Date((t - 90) * 1000).toISOString() });
    expect(rep('ben')).toMatchObject({ state: 'paused', reason: 'Lunch', since: new Date((t - 600) * 1000).toISOString() });
    expect(rep('pjsip-7009')).toMatchObject({ state: 'available', since: new Date((t - 3600) * 1000).toISOString() });
    expect(live.alerts).toEqual([]);
    // Only today's calls, no history before them: nothing to forecast from (app/api/live-outlook.test.ts has the rest).
    expect(live.outlook).toMatchObject({ status: 'no_forecast', intervals: [], lines: [] });
    for (const q of live.queues) expect(q.longest_wait_s ?? 0).toBeGreaterThanOrEqual(0);
  });

  it('streams the same object as server-sent events, with retry and an id', async () => {
    const res = await call(api, 'GET', '/api/live/stream', { cookie: cookies.wallboard });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toMatch(/^event: snapshot\ndata: \{.*\}\nid: 1\nretry: 3000\n\n/);
    const live: LiveSnapshot = JSON.parse(text.split('\n')[1].slice('data: '.length));
    expect(live.reps.find((r) => r.id === 'ben')).toMatchObject({ state: 'paused', reason: 'Lunch' });
  });

  it('a stream woken by snapshots keeps one keep-alive timer, not one left behind per snapshot', async () => {
    const res = await call(api, 'GET', '/api/live/stream', { cookie: cookies.wallboard });
    const reader = res.body!.getReader();
    let text = '';
    const events = () => text.split('\n\n').length - 1;
    const next = async (n: number) => {
      while (events() < n) text += new TextDecoder().decode((await reader.read()).value);
    };
    await next(1);
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    for (let i = 2; i <= 7; i++) {
      await db.run(`CREATE OR REPLACE TABLE wake_test AS SELECT ${i} AS i`); // any write wakes the feed
      await next(i);
    }
    const after = timers();
    await reader.cancel();
    expect(after - before).toBeLessThan(3); // six snapshots woke the stream: it had left six 15 s timers
  });

  it('lets the wallboard open the live floor and its session only', async () => {
    expect((await call(api, 'GET', '/api/live', { cookie: cookies.wallboard })).status).toBe(200);
    expect((await call(api, 'GET', '/api/session', { cookie: cookies.wallboard })).status).toBe(200);
    for (const path of ['/api/reps', '/api/metrics?from=2026-03-01&to=2026-03-01', '/api/day', '/api/metrics/glossary']) {
      expect((await call(api, 'GET', path, { cookie: cookies.wallboard })).status, path).toBe(403);
    }
    expect((await call(api, 'GET', '/api/live', { cookie: cookies.rep })).status).toBe(403);
  });
});
