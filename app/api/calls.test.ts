/**
 * /api/calls against hand-written exports loaded through the real ingest (review-test-db.ts): search by
 * caller, local time, queue, rep and outcome; a call's timeline across queues; a caller's history.
 * Expected rows are read off the fixture lists in fixtures/queue-logs/README.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Database } from '../../sql/db.ts';
import type { Role } from '../server/accounts.ts';
import { reviewDatabase } from './review-test-db.ts';
import { call, tableChecksums } from './test-support.ts';
import { api } from './index.ts';

// File 4: 2026-03-12 14:00 CDT, caller …199 enters pickups, Ben's phone rings out, Ana answers after
// 20 s and blind-transfers to billing after 180 s; billing sees a NEW call id from the same number at
// the same second, Ben answers after 12 s and talks 300 s. An hour later the caller calls again.
const T0 = 1773342000;
const TRANSFER_LOG = [
  `${T0}|x1|pickups|NONE|ENTERQUEUE||3125550199|1`,
  `${T0 + 5}|x1|pickups|PJSIP/7002|RINGNOANSWER|15000`,
  `${T0 + 20}|x1|pickups|PJSIP/7001|CONNECT|20|x1a|15`,
  `${T0 + 200}|x1|pickups|PJSIP/7001|BLINDTRANSFER|6001|from-internal|20|180|1`,
  `${T0 + 200}|x2|billing|NONE|ENTERQUEUE||3125550199|1`,
  `${T0 + 212}|x2|billing|PJSIP/7002|CONNECT|12|x2a|12`,
  `${T0 + 512}|x2|billing|PJSIP/7002|COMPLETEAGENT|12|300|1`,
  `${T0 + 3600}|x3|billing|NONE|ENTERQUEUE||3125550199|1`,
  `${T0 + 3605}|x3|billing|PJSIP/7002|CONNECT|5|x3a|5`,
  `${T0 + 3665}|x3|billing|PJSIP/7002|COMPLETECALLER|5|60|1`
].join('\n') + '\n';

let db: Database;
let cookies: Record<Role | 'rep2', string>;

beforeAll(async () => {
  ({ db, cookies } = await reviewDatabase(TRANSFER_LOG));
});
afterAll(() => closeDatabase());

const get = async (path: string, who: Role = 'lead') => {
  const res = await call(api, 'GET', path, { cookie: cookies[who] });
  return { status: res.status, body: await res.json() };
};
const ids = (body: { calls: { id: string }[] }) => body.calls.map((c) => c.id);

describe('GET /api/calls', () => {
  it('finds a caller by any part of their number, newest first, with both visits of a call that moved queues', async () => {
    const { status, body } = await get('/api/calls?caller=555-0120');
    expect(status).toBe(200);
    expect(body.total).toBe(2);
    expect(body.calls.map((c: Record<string, unknown>) => [c.id, c.queue, c.outcome, c.entered, c.rep, c.wait_s])).toEqual([
      ['2-4', 'billing', 'answered', '2026-03-10T10:01:00', 'Ana Ruiz', 10],
      ['2-1', 'trash', 'timed_out', '2026-03-10T10:00:00', null, 60]
    ]);
    expect((await get('/api/calls?caller=%2B1 (312) 555-0199')).body.total).toBe(3);
  });

  it('cuts a local time range, the end exclusive; a date as "to" is the whole day', async () => {
    const morning = await get('/api/calls?from=2026-03-10T09:00&to=2026-03-10T09:30');
    expect(ids(morning.body)).toEqual(['1-13', '1-11', '1-8', '1-4', '1-1']); // c5 .. c1
    const day = await get('/api/calls?from=2026-03-10&to=2026-03-10');
    // service-level c1..c9 and both queue-move visits
    expect(day.body.total).toBe(11);
    expect((await get('/api/calls?from=2026-03-11&to=2026-03-11')).body.calls.map((c: { caller: string }) => c.caller)).toEqual(['3125550110']);
  });

  it('filters by outcome with the queue\'s short-abandon threshold', async () => {
    const on = (outcome: string) => get(`/api/calls?from=2026-03-10&to=2026-03-10&queue=billing&outcome=${outcome}`);
    expect(ids((await on('lost')).body)).toEqual(['1-17', '1-15', '1-13']); // c7 time-out, c6 30 s, c5 exactly 5 s
    expect(ids((await on('short_abandoned')).body)).toEqual(['1-11']); // c4 4 s
    expect(ids((await on('transferred')).body)).toEqual(['1-19']); // c8
    expect(ids((await on('open')).body)).toEqual(['1-22']); // c9
    expect((await on('answered')).body.total).toBe(5); // c1 c2 c3 c8 + queue-move billing
    const lost = (await on('lost')).body.calls;
    expect(lost.every((c: { lost: boolean }) => c.lost)).toBe(true);
  });

  it('filters by rep id (the roster person) and by queue, and pages', async () => {
    const ana = await get('/api/calls?rep=ana&from=2026-03-10&to=2026-03-10');
    expect(ids(ana.body)).toEqual(['2-4', '1-19', '1-1']);
    expect((await get('/api/calls?queue=trash')).body.calls.map((c: { queue: string }) => c.queue)).toEqual(['trash']);
    const page = await get('/api/calls?from=2026-03-10&to=2026-03-10&limit=4&offset=4');
    expect(page.body).toMatchObject({ total: 11, limit: 4, offset: 4 });
    expect(ids(page.body)).toEqual(['1-17', '1-15', '1-13', '1-11']);
  });

  it('tells "answered by" from "rang at": the calls that rang at a rep unanswered and that the rep did not take', async () => {
    // c2 (service-level, 03-10 09:05): rang at Ana without an answer, Ben answered. Rang at Ben, Ana answered:
    // x1 (pickups, 03-12) and a2 (rep-activity, billing, 03-24).
    const anaRang = (await get('/api/calls?rang_at=ana&from=2026-03-10&to=2026-03-10')).body;
    expect(anaRang.calls.map((c: Record<string, unknown>) => [c.entered, c.rep, c.rang_here, c.ring_no_answer])).toEqual([['2026-03-10T09:05:00', 'Ben Okafor', 1, 1]]);
    const benRang = (await get('/api/calls?rang_at=ben')).body;
    expect(benRang.calls.map((c: Record<string, unknown>) => [c.queue, c.rep, c.rang_here])).toEqual([['billing', 'Ana Ruiz', 1], ['pickups', 'Ana Ruiz', 1]]);
    // A member not on the roster by the id GET /api/reps gives it (rep_id_of the interface): the trash visit.
    expect((await get('/api/calls?rang_at=pjsip-7003')).body.calls.map((c: Record<string, unknown>) => [c.queue, c.outcome])).toEqual([['trash', 'timed_out']]);
    // "Answered by" still means answered: c2 is Ben's, not Ana's; Ana rang out but did not answer it.
    expect(ids((await get('/api/calls?rep=ana&from=2026-03-10&to=2026-03-10')).body)).not.toContain(anaRang.calls[0].id);
    expect((await get('/api/calls?rep=ben&rang_at=ben')).body.total).toBe(0);
    // Without rang_at, rang_here is null and ring_no_answer counts every rep's.
    expect((await get('/api/calls?rep=ben&from=2026-03-10&to=2026-03-10')).body.calls.map((c: { rang_here: null }) => c.rang_here)).toEqual([null, null]);
    expect((await get('/api/calls?rang_at=Not%20a%20rep!')).status).toBe(400);
  });

  it('refuses bad filters with one line that names the problem', async () => {
    for (const [q, message] of [
      ['from=2026-02-30', /from "2026-02-30" is not a local date/],
      ['from=2026-03-11&to=2026-03-10', /is not before/],
      ['caller=1', /at least two digits/],
      ['caller=abc', /caller/],
      ['outcome=won', /outcome/],
      ['limit=501', /limit/],
      ['rep=../x', /rep/],
      ['sort=time', /sort/]
    ] as const) {
      const { status, body } = await get(`/api/calls?${q}`);
      expect(status, q).toBe(400);
      expect(body.error, q).toMatch(message);
    }
  });

  it('is for leads, managers and admins (callers\' numbers), not schedulers or reps', async () => {
    for (const who of ['lead', 'manager', 'admin'] as const) expect((await get('/api/calls', who)).status).toBe(200);
    for (const who of ['scheduler', 'rep'] as const) expect((await get('/api/calls', who)).status).toBe(403);
  });
});

describe('GET /api/calls/:callId', () => {
  it('tells a call that timed out of one queue and was answered in the next, from its queue_log events', async () => {
    const { status, body } = await get('/api/calls/2-1');
    expect(status).toBe(200);
    expect(body.call).toMatchObject({ id: '2-1', queue: 'trash', outcome: 'timed_out' });
    expect(body.visits.map((v: { id: string }) => v.id)).toEqual(['2-1', '2-4']);
    expect(body.timeline.map((s: Record<string, unknown>) => [s.offset_s, s.event, s.kind, s.queue, s.title])).toEqual([
      [0, 'ENTERQUEUE', 'enter', 'trash', 'Entered trash'],
      [30, 'RINGNOANSWER', 'ring', 'trash', 'Rang PJSIP/7003, no answer'],
      [60, 'EXITWITHTIMEOUT', 'lost', 'trash', 'Timed out of the queue'],
      [60, 'ENTERQUEUE', 'enter', 'billing', 'Entered billing'],
      [70, 'CONNECT', 'connect', 'billing', 'Answered by Ana Ruiz'],
      [310, 'COMPLETECALLER', 'end', 'billing', 'Caller hung up']
    ]);
    expect(body.timeline[0].local_time).toBe('2026-03-10T10:00:00');
    expect(body.timeline[5].detail).toBe('talked 4 min 00 s');
  });

  it('follows a blind transfer that reached the next queue under a new call id, from either leg', async () => {
    for (const id of ['4-1', '4-5']) {
      const { body } = await get(`/api/calls/${id}`);
      expect(body.visits.map((v: { id: string }) => v.id), id).toEqual(['4-1', '4-5']);
      expect(body.timeline.map((s: Record<string, unknown>) => [s.offset_s, s.event, s.rep]), id).toEqual([
        [0, 'ENTERQUEUE', null],
        [5, 'RINGNOANSWER', 'Ben Okafor'],
        [20, 'CONNECT', 'Ana Ruiz'],
        [200, 'BLINDTRANSFER', 'Ana Ruiz'],
        [200, 'ENTERQUEUE', null],
        [212, 'CONNECT', 'Ben Okafor'],
        [512, 'COMPLETEAGENT', 'Ben Okafor']
      ]);
    }
    const { body } = await get('/api/calls/4-1');
    expect(body.timeline[3]).toMatchObject({ kind: 'transfer', title: 'Blind-transferred by Ana Ruiz to 6001', detail: 'talked 3 min 00 s' });
  });

  it('answers 404 for a call that does not exist and 400 for what is not a call id', async () => {
    expect((await get('/api/calls/9-1')).status).toBe(404);
    for (const bad of ['1', '1-0', '0-1', '1:1', '1-1-1', `1-1' OR 1=1`]) {
      expect((await get(`/api/calls/${encodeURIComponent(bad)}`)).status, bad).toBe(400);
    }
  });
});

describe('GET /api/calls/:callId/history', () => {
  it('lists every call of the same number, newest first', async () => {
    const { body } = await get('/api/calls/4-1/history');
    expect(body.number).toBe('3125550199');
    expect(ids(body)).toEqual(['4-8', '4-5', '4-1']);
  });

  it('changes nothing but the audit log, which records the lead seeing callers\' numbers once per request', async () => {
    const { audit_log: _, ...before } = await tableChecksums(db);
    const seen = async () => (await db.all(`SELECT 1 FROM audit_log WHERE entity = 'caller_numbers' AND username = 'lead1'`)).length;
    const seenBefore = await seen();
    await get('/api/calls/2-4/history');
    await get('/api/calls?caller=5550');
    const { audit_log: __, ...after } = await tableChecksums(db);
    expect(after).toEqual(before);
    expect(await seen()).toBe(seenBefore + 2);
  });
});

describe('PUT and DELETE /api/calls/:callId/exclusion (admins take a call out of every figure)', () => {
  const send = async (method: string, path: string, who: Role, body?: unknown) => {
    const res = await call(api, method, path, { cookie: cookies[who], body });
    return { status: res.status, body: await res.json() };
  };
  const billingDay = async () => (await get('/api/metrics?from=2026-03-12&to=2026-03-12&by=day&group=queue', 'manager')).body.rows;

  it('refuses everyone but admins, before anything changes', async () => {
    const before = await tableChecksums(db);
    for (const who of ['manager', 'lead', 'scheduler', 'rep'] as Role[]) {
      expect((await send('PUT', '/api/calls/4-8/exclusion', who, { reason: 'test' })).status, who).toBe(403);
      expect((await send('DELETE', '/api/calls/4-8/exclusion', who)).status, who).toBe(403);
      expect((await get('/api/calls/exclusions', who)).status, who).toBe(403);
    }
    expect(await tableChecksums(db)).toEqual(before);
  });

  it('excludes with a reason, shows the call as excluded, lists it, audits it, and includes it back', async () => {
    const figures = await billingDay();
    expect((await send('PUT', '/api/calls/4-8/exclusion', 'admin', {})).status).toBe(400);
    expect((await send('PUT', '/api/calls/4-8/exclusion', 'admin', { reason: '  ' })).body.error).toMatch(/say why/);
    const done = await send('PUT', '/api/calls/4-8/exclusion', 'admin', { reason: 'caller testing the line' });
    expect(done.status).toBe(200);
    expect(done.body.exclusion).toMatchObject({ id: '4-8', callid: 'x3', queue: 'billing', reason: 'caller testing the line' });
    expect((await send('PUT', '/api/calls/4-8/exclusion', 'admin', { reason: 'again' })).status).toBe(409);

    const after = await billingDay();
    const billing = (rows: Array<{ queue: string; offered: number; answered: number }>) => rows.find((r) => r.queue === 'billing')!;
    expect(billing(after).offered).toBe(billing(figures).offered - 1);
    expect(billing(after).answered).toBe(billing(figures).answered - 1);
    const detail = (await get('/api/calls/4-8')).body;
    expect(detail.call).toMatchObject({ id: '4-8', excluded: true });
    expect(detail.exclusion).toMatchObject({ reason: 'caller testing the line', excluded_by: 'admin1' });
    expect(ids((await get('/api/calls?caller=3125550199')).body)).toEqual(['4-5', '4-1']);
    expect((await get('/api/calls/exclusions', 'admin')).body.exclusions.map((x: { id: string }) => x.id)).toEqual(['4-8']);

    const back = await send('DELETE', '/api/calls/4-8/exclusion', 'admin');
    expect(back.status).toBe(200);
    expect(await billingDay()).toEqual(figures);
    expect((await get('/api/calls/4-8')).body.exclusion).toBeNull();
    expect((await send('DELETE', '/api/calls/4-8/exclusion', 'admin')).status).toBe(404);

    const audit = await db.all<{ username: string; action: string; entity_id: string; reason: string }>(
      `SELECT username, action, entity_id, COALESCE(after, before)->>'reason' AS reason FROM audit_log WHERE entity = 'call' ORDER BY id`
    );
    expect(audit).toEqual([
      { username: 'admin1', action: 'exclude', entity_id: '4-8', reason: 'caller testing the line' },
      { username: 'admin1', action: 'include', entity_id: '4-8', reason: 'caller testing the line' }
    ]);
  });
});
