/**
 * /api/quality end to end on hand-written exports loaded through the real ingest (review-test-db.ts):
 * a lead defines a form, evaluates calls, edits a form (old evaluations keep their version), and the
 * per-rep quality score moves by the amounts worked out by hand below.
 *
 * 2026-03-10 (service-level.queue_log + queue-move.queue_log), answered in billing:
 *   Ana (PJSIP/7001): c1 talk 180, c8 talk 60 (blind transfer), the queue-move call talk 240;
 *                     and c2 rang her phone without an answer.
 *   Ben (PJSIP/7002): c2 talk 120, c3 talk 240.
 *   PJSIP/7003 rang once (the queue-move call, in trash) and answered nothing.
 * The team's mean handle time in billing that day: (180 + 60 + 240 + 120 + 240) / 5 = 168 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Database } from '../../sql/db.ts';
import type { Role } from '../server/accounts.ts';
import { reviewDatabase } from './review-test-db.ts';
import { call, tableChecksums } from './test-support.ts';
import { api } from './index.ts';

let db: Database;
let cookies: Record<Role | 'rep2', string>;

beforeAll(async () => {
  ({ db, cookies } = await reviewDatabase());
});
afterAll(() => closeDatabase());

const send = async (method: string, path: string, body?: unknown, who: Role | 'rep2' = 'lead') => {
  const res = await call(api, method, path, { cookie: cookies[who], body });
  return { status: res.status, body: await res.json() };
};
const get = (path: string, who: Role | 'rep2' = 'lead') => send('GET', path, undefined, who);

const FORM = {
  name: 'Billing calls',
  description: 'Monthly review',
  sections: [
    { title: 'Greeting', items: [{ text: 'Greets with name', weight: 1 }, { text: 'Offers help', weight: 1 }] },
    {
      title: 'Resolution',
      items: [
        { text: 'Answers the question', weight: 3 },
        { text: 'Explains next steps', weight: 2 },
        { text: 'Verifies identity', weight: 1, critical: true }
      ]
    }
  ]
};
// 1 + 0.5 + 3 + 0 + 1 = 5.5 of 8
const ANSWERS = { i1: 'yes', i2: 'partial', i3: 'yes', i4: 'no', i5: 'yes' };
const DAY = 'from=2026-03-10&to=2026-03-10';

const scoreOf = async (rep: string) => {
  const { body } = await get(`/api/quality/scores?${DAY}`);
  return body.rows.find((r: { rep_id: string }) => r.rep_id === rep);
};

let formId: number;
let evaluationId: number;

describe('forms', () => {
  it('a lead defines a form; items get ids; it is version 1', async () => {
    const { status, body } = await send('POST', '/api/quality/forms', FORM);
    expect(status).toBe(201);
    formId = body.form.id;
    expect(body.form).toMatchObject({ name: 'Billing calls', version: 1, description: 'Monthly review', archived_at: null, evaluations: 0 });
    expect(body.form.sections[1].items[2]).toEqual({ id: 'i5', text: 'Verifies identity', weight: 1, critical: true });
    const list = await get('/api/quality/forms', 'manager');
    expect(list.body.forms.map((f: { id: number }) => f.id)).toEqual([formId]);
  });

  it('refuses forms that cannot be scored, and writers other than leads and admins', async () => {
    for (const [body, message] of [
      [{ ...FORM, name: ' ' }, /name/],
      [{ ...FORM, sections: [] }, /at least one section/],
      [{ ...FORM, sections: [{ title: 'A', items: [{ text: 'x', weight: 0 }] }] }, /weight/],
      [{ ...FORM, sections: [{ title: 'A', items: [{ text: 'x', weight: 1, points: 3 }] }] }, /points/]
    ] as const) {
      const res = await send('POST', '/api/quality/forms', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatch(message);
    }
    for (const who of ['manager', 'scheduler', 'rep'] as const) expect((await send('POST', '/api/quality/forms', FORM, who)).status).toBe(403);
  });
});

describe('evaluations and the quality score', () => {
  it('before any evaluation, blends the operational measures only (hand-computed)', async () => {
    const ana = await scoreOf('ana');
    expect(ana).toMatchObject({ handled: 3, ring_no_answer: 1, transferred: 1, evaluations: 0, evaluation_score: null });
    expect(ana.aht_s).toBeCloseTo(160, 9); // 480 / 3
    expect(ana.team_aht_s).toBeCloseTo(168, 9);
    // ring-no-answer 1 / 4 = 25% ≥ 20% → 0; transfers 1 / 3 ≥ 20% → 0; handle time below the team → 100
    expect([ana.score_ring_no_answer, ana.score_transfers, ana.score_handle_time, ana.score_evaluations]).toEqual([0, 0, 100, null]);
    expect(ana.quality_score).toBeCloseTo((20 * 0 + 10 * 0 + 20 * 100) / 50, 9); // 40
    const ben = await scoreOf('ben');
    // 180 s vs 168 s: 1 − (180/168 − 1) / 0.5 = 0.857142…
    expect(ben.score_handle_time).toBeCloseTo(100 * (1 - (180 / 168 - 1) / 0.5), 9);
    expect(ben.quality_score).toBeCloseTo((20 * 100 + 10 * 100 + 20 * 100 * (1 - (180 / 168 - 1) / 0.5)) / 50, 9);
    const nobody = await scoreOf('pjsip-7003');
    expect(nobody).toMatchObject({ rep: 'PJSIP/7003', handled: 0, ring_no_answer: 1, quality_score: 0, score_transfers: null });
    expect(ana.components.map((c: Record<string, unknown>) => [c.key, c.weight, c.share])).toEqual([
      ['evaluations', 50, null],
      ['ring_no_answer', 20, 0.4],
      ['transfers', 10, 0.2],
      ['handle_time', 20, 0.4]
    ]);
    expect(ana.components[1].basis).toBe('1 of 4 offers rang out (25.0%; 20.0% scores 0)');
  });

  it('a lead evaluates Ana\'s call c1: scored 68.75, and her quality score moves from 40 to 54.375', async () => {
    const { status, body } = await send('POST', '/api/quality/evaluations', { form_id: formId, call_id: '1-1', answers: ANSWERS, comment: ' Good tone ' });
    expect(status).toBe(201);
    evaluationId = body.evaluation.id;
    expect(body.evaluation).toMatchObject({
      form_version: 1,
      call_id: '1-1',
      call_entered: '2026-03-10T09:00:00',
      rep_id: 'ana',
      rep: 'Ana Ruiz',
      score: 68.75,
      critical_failed: false,
      comment: 'Good tone',
      evaluator: 'lead1',
      version: 1
    });
    expect(body.evaluation.sections.map((s: { score: number }) => s.score)).toEqual([75, (100 * 4) / 6]);
    const ana = await scoreOf('ana');
    expect(ana).toMatchObject({ evaluations: 1, evaluation_score: 68.75, score_evaluations: 68.75 });
    expect(ana.quality_score).toBeCloseTo((50 * 68.75 + 20 * 0 + 10 * 0 + 20 * 100) / 100, 9);
    const calls = await get('/api/calls?rep=ana&from=2026-03-10&to=2026-03-10');
    expect(calls.body.calls.find((c: { id: string }) => c.id === '1-1').evaluations).toBe(1);
  });

  it('refuses what cannot be evaluated', async () => {
    for (const [body, status, message] of [
      [{ form_id: formId, call_id: '1-11', answers: ANSWERS }, 400, /not answered by a rep/],
      [{ form_id: formId, call_id: '1-1', answers: { ...ANSWERS, i5: 'partial' } }, 400, /critical/],
      [{ form_id: formId, call_id: '1-1', answers: { i1: 'yes' } }, 400, /has no answer/],
      [{ form_id: formId, call_id: '1-1', answers: { ...ANSWERS, i1: 'maybe' } }, 400, /i1/],
      [{ form_id: 999, call_id: '1-1', answers: ANSWERS }, 404, /No quality form 999/],
      [{ form_id: formId, call_id: '9-9', answers: ANSWERS }, 404, /No call 9-9/]
    ] as const) {
      const res = await send('POST', '/api/quality/evaluations', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error).toMatch(message);
    }
  });

  it('editing the form adds version 2; the evaluation keeps version 1 and its score', async () => {
    type Item = { id?: string; text: string; weight: number; critical?: boolean };
    const edit = structuredClone(FORM) as { name: string; description: string; sections: { title: string; items: Item[] }[] };
    edit.sections[0].items.push({ text: 'Uses the caller\'s name', weight: 1 });
    const form = await get(`/api/quality/forms/${formId}`);
    edit.sections.forEach((s, si) => s.items.forEach((item, ii) => (item.id = form.body.form.sections[si]?.items[ii]?.id)));
    const saved = await send('PUT', `/api/quality/forms/${formId}`, { ...edit, version: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body.form.version).toBe(2);
    expect(saved.body.form.sections[0].items.map((i: { id: string }) => i.id)).toEqual(['i1', 'i2', 'i6']);
    expect((await send('PUT', `/api/quality/forms/${formId}`, { ...edit, name: 'Other', version: 1 })).status).toBe(409);
    const versions = await get(`/api/quality/forms/${formId}/versions`);
    expect(versions.body.versions.map((v: { version: number; created_by: string }) => [v.version, v.created_by])).toEqual([
      [1, 'lead1'],
      [2, 'lead1']
    ]);
    const old = await get(`/api/quality/reps/ana/evaluations/${evaluationId}`);
    expect(old.body.evaluation).toMatchObject({ form_version: 1, score: 68.75 });
    expect(old.body.evaluation.form.sections[0].items).toHaveLength(2);
    // A new evaluation needs the new item answered.
    const fresh = await send('POST', '/api/quality/evaluations', { form_id: formId, call_id: '2-4', answers: ANSWERS });
    expect(fresh.status).toBe(400);
    expect(fresh.body.error).toMatch(/Uses the caller's name" has no answer/);
  });

  it('an edit rescores against the evaluation\'s own version, is audited, and a stale edit is refused', async () => {
    const edited = await send('PATCH', `/api/quality/evaluations/${evaluationId}`, { answers: { ...ANSWERS, i5: 'no' }, version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body.evaluation).toMatchObject({ score: 0, critical_failed: true, failed_critical: ['i5'], version: 2, form_version: 1 });
    expect((await scoreOf('ana')).evaluation_score).toBe(0);
    expect((await send('PATCH', `/api/quality/evaluations/${evaluationId}`, { comment: 'x', version: 1 })).status).toBe(409);
    const log = await get(`/api/audit?entity=evaluation&entity_id=${evaluationId}`, 'admin');
    expect(log.body.records.map((r: { action: string }) => r.action)).toEqual(['update', 'create']);
    expect(log.body.records[0]).toMatchObject({ username: 'lead1', before: { score: 68.75, version: 1 }, after: { score: 0, version: 2 } });
  });

  it('deleting hides an evaluation from the lists and the score, and keeps it', async () => {
    const del = await send('DELETE', `/api/quality/evaluations/${evaluationId}`);
    expect(del.status).toBe(200);
    expect(del.body.evaluation.deleted_at).toEqual(expect.any(String));
    expect((await get('/api/quality/evaluations?rep=ana')).body.evaluations).toEqual([]);
    expect((await get('/api/quality/evaluations?rep=ana&include_deleted=true')).body.evaluations).toHaveLength(1);
    expect((await scoreOf('ana')).quality_score).toBeCloseTo(40, 9);
    expect(await db.one(`SELECT count(*)::INT AS n FROM quality_evaluations`)).toEqual({ n: 1 });
    expect((await send('PATCH', `/api/quality/evaluations/${evaluationId}`, { comment: 'x' })).status).toBe(409);
  });

  it('archiving a form keeps it and its evaluations but takes no new ones', async () => {
    const archived = await send('DELETE', `/api/quality/forms/${formId}`);
    expect(archived.body.form.archived_at).toEqual(expect.any(String));
    expect((await get('/api/quality/forms')).body.forms).toEqual([]);
    expect((await get('/api/quality/forms?include_archived=true')).body.forms).toHaveLength(1);
    const refused = await send('POST', '/api/quality/evaluations', { form_id: formId, call_id: '2-4', answers: {} });
    expect(refused.status).toBe(409);
  });
});

describe('the score\'s settings', () => {
  it('admins change the weights (audited); the score follows; others may only read them', async () => {
    expect((await get('/api/quality/settings')).body.settings.weights).toEqual({ evaluations: 50, ring_no_answer: 20, transfers: 10, handle_time: 20 });
    expect((await send('PUT', '/api/quality/settings', { weights: { transfers: 0 } }, 'lead')).status).toBe(403);
    const put = await send('PUT', '/api/quality/settings', { weights: { transfers: 0 }, limits: { ring_no_answer_rate: 0.5 } }, 'admin');
    expect(put.status).toBe(200);
    expect(put.body.settings).toEqual({
      weights: { evaluations: 50, ring_no_answer: 20, transfers: 0, handle_time: 20 },
      limits: { ring_no_answer_rate: 0.5, transfer_rate: 0.2, handle_time_over: 0.5 }
    });
    // Ana: ring-no-answer 25% of a 50% limit → 50; transfers weigh nothing now.
    const ana = await scoreOf('ana');
    expect(ana.score_ring_no_answer).toBeCloseTo(50, 9);
    expect(ana.quality_score).toBeCloseTo((20 * 50 + 20 * 100) / 40, 9);
    for (const bad of [{ weights: { evaluations: 0, ring_no_answer: 0, transfers: 0, handle_time: 0 } }, { limits: { transfer_rate: 0 } }, {}, { weights: { x: 1 } }]) {
      expect((await send('PUT', '/api/quality/settings', bad, 'admin')).status, JSON.stringify(bad)).toBe(400);
    }
    const log = await get('/api/audit?entity=setting&entity_id=quality_score', 'admin');
    expect(log.body.records[0]).toMatchObject({ username: 'admin1', before: { weights: { transfers: 10 } }, after: { weights: { transfers: 0 } } });
    await send('PUT', '/api/quality/settings', { weights: { transfers: 10 }, limits: { ring_no_answer_rate: 0.2 } }, 'admin');
  });
});

describe('the rep page\'s answer', () => {
  it('a rep reads their own figures, score, weekly trend and evaluations; nobody else\'s', async () => {
    const own = await get(`/api/quality/reps/ana?${DAY}&weeks=2`, 'rep');
    expect(own.status).toBe(200);
    expect(own.body.rep).toMatchObject({ id: 'ana', name: 'Ana Ruiz' });
    expect(own.body.activity).toMatchObject({ rep_id: 'ana', handled: 3, transferred: 1, ring_no_answer: 1 });
    expect(own.body.quality.quality_score).toBeCloseTo(40, 9);
    expect(own.body.weekly_from).toBe('2026-03-02');
    expect(own.body.weekly.map((w: { period_start: string; handled: number }) => [w.period_start, w.handled])).toEqual([['2026-03-09', 3]]);
    expect((await get(`/api/quality/reps/ben?${DAY}`, 'rep')).status).toBe(403);
    expect((await get(`/api/quality/reps/ana?${DAY}`, 'rep2')).status).toBe(403);
    expect((await get(`/api/quality/reps/nobody?${DAY}`)).status).toBe(404);
    expect((await get('/api/quality/reps/ana?from=2026-03-11&to=2026-03-10')).status).toBe(400);
  });

  it('a rep reads their own evaluation, but not a deleted one or through another rep\'s path', async () => {
    await send('POST', '/api/quality/forms', { ...FORM, name: 'Second form' });
    const form = (await get('/api/quality/forms')).body.forms[0];
    const made = await send('POST', '/api/quality/evaluations', { form_id: form.id, call_id: '1-4', answers: ANSWERS });
    expect(made.body.evaluation.rep_id).toBe('ben');
    expect((await get(`/api/quality/reps/ben/evaluations/${made.body.evaluation.id}`, 'rep2')).status).toBe(200);
    expect((await get(`/api/quality/reps/ana/evaluations/${made.body.evaluation.id}`, 'rep')).status).toBe(404);
    expect((await get(`/api/quality/reps/ana/evaluations/${evaluationId}`, 'rep')).status).toBe(404); // deleted
    expect((await get(`/api/quality/reps/ana/evaluations/${evaluationId}`, 'lead')).status).toBe(200);
  });

  it('hostile strings in parameters answer 4xx and change nothing', async () => {
    const before = await tableChecksums(db);
    for (const evil of [`' OR 1=1 --`, '../../etc/passwd', `"; DROP TABLE calls; --`]) {
      const e = encodeURIComponent(evil);
      for (const path of [
        `/api/quality/reps/${e}`,
        `/api/quality/forms/${e}`,
        `/api/quality/scores?from=${e}&to=2026-03-10`,
        `/api/quality/scores?${DAY}&rep=${e}`,
        `/api/quality/evaluations?call_id=${e}`,
        `/api/calls?queue=${e}`,
        `/api/calls/${e}`
      ]) {
        const { status } = await get(path);
        expect(status, path).toBeGreaterThanOrEqual(400);
        expect(status, path).toBeLessThan(500);
      }
      for (const [method, path, body] of [
        ['PATCH', `/api/quality/evaluations/${e}`, { comment: 'x' }],
        ['POST', '/api/quality/evaluations', { form_id: 1, call_id: evil, answers: {} }],
        ['POST', '/api/quality/evaluations', { form_id: 1, call_id: '1-1', answers: { [evil]: 'yes' } }],
        ['PUT', `/api/quality/forms/${e}`, FORM]
      ] as const) {
        const { status } = await send(method, path, body);
        expect(status, `${method} ${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
      }
    }
    expect(await tableChecksums(db)).toEqual(before);
  });
});
