/**
 * Callers' numbers per role: the API walked as every role (every GET route of the access table, its
 * path parameters filled with real ids), over the hand-written exports with numbers (follow-up's lost
 * callers, a transfer chain, a quarantined line holding a number, an evaluated call). No answer to a
 * manager, scheduler, rep or wallboard holds a whole number; leads and admins get them whole, with
 * one audit entry per request.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Database } from '../../sql/db.ts';
import { ROLES, type Role } from '../server/accounts.ts';
import { auditRecords } from '../server/audit.ts';
import { maskCallerNumber } from '../../analytics/privacy/caller-number-mask.ts';
import { apiAccess } from './access.ts';
import { reviewDatabase } from './review-test-db.ts';
import { call } from './test-support.ts';
import { api } from './index.ts';

const QUARANTINED_NUMBER = '3125550299';
const FOLLOW_UP = readFileSync(new URL('../../fixtures/queue-logs/follow-up.queue_log', import.meta.url), 'utf8');
// A line whose time is not a number: quarantined whole, its raw text holding the caller's number.
const EXTRA = `${FOLLOW_UP}yesterday|q1|billing|NONE|ENTERQUEUE||${QUARANTINED_NUMBER}|1\n`;

let db: Database;
let cookies: Record<Role | 'rep2', string>;
let numbers: string[];
let lostCallId: string;
const filled: Record<string, string> = {};

const send = async (method: string, path: string, who: Role, body?: unknown) => {
  const res = await call(api, method, path, { cookie: cookies[who], body });
  return { status: res.status, text: await res.text() };
};

beforeAll(async () => {
  ({ db, cookies } = await reviewDatabase(EXTRA));
  numbers = (await db.all<{ caller: string }>(`SELECT DISTINCT caller FROM calls WHERE caller IS NOT NULL`)).map((r) => r.caller);
  numbers.push(QUARANTINED_NUMBER);
  [{ id: lostCallId }] = await db.all<{ id: string }>(`SELECT file_id || '-' || line_no AS id FROM calls WHERE callid = 'u1'`);
  // An evaluation of Ana's call 1-1 (its caller's number shows on her page and in the lists) and a note.
  const form = JSON.parse((await send('POST', '/api/quality/forms', 'lead', { name: 'F', sections: [{ title: 'S', items: [{ text: 'Greets', weight: 1 }] }] })).text);
  const evaluation = JSON.parse((await send('POST', '/api/quality/evaluations', 'lead', { form_id: form.form.id, call_id: '1-1', answers: { i1: 'yes' } })).text);
  const note = JSON.parse((await send('POST', '/api/reps/ana/notes', 'lead', { text: 'Good call', call_ref: '1-1' })).text);
  const [{ run_id }] = await db.all<{ run_id: number }>(`SELECT max(run_id) AS run_id FROM quarantine`);
  Object.assign(filled, {
    callId: lostCallId, id: 'ana', noteId: String(note.note.id), evaluationId: String(evaluation.evaluation.id),
    formId: String(form.form.id), runId: String(run_id), week: '2026-W11', queue: 'billing', date: '2026-03-12'
  });
});
afterAll(() => closeDatabase());

/** Every GET route of the access table with its parameters filled (the live stream never ends; no report is built). */
function routes(): string[] {
  return Object.keys(apiAccess)
    .filter((k) => k.startsWith('GET ') && !['GET /api/live/stream', 'GET /api/reports/:id', 'GET /api/reports/:id/download'].includes(k))
    .map((k) => k.slice(4).replace(/:(\w+)/g, (_, p: string) => filled[p] ?? p));
}

/** The days the exports cover, for the routes that answer about today unless asked. */
const ASK: Record<string, string> = {
  '/api/day': '?date=2026-03-12',
  '/api/lost-calls': '?date=2026-03-12',
  '/api/quality/reps/ana': '?from=2026-03-10&to=2026-03-13'
};

/** The answer, asked with the range or date a route needs when it refuses to answer without one. */
async function answer(path: string, who: Role) {
  for (const q of [ASK[path] ?? '', '?from=2026-03-10&to=2026-03-13', '?date=2026-03-12']) {
    const res = await send('GET', path + q, who);
    if (res.status !== 400) return { ...res, path: path + q };
  }
  return { status: 400, text: '', path };
}

const wholeNumbersIn = (text: string) => numbers.filter((n) => text.includes(n) || text.includes(n.replace(/\D/g, '')));

describe('callers\' numbers, role by role, over every API answer', () => {
  it('reach no manager, scheduler, rep or wallboard whole; leads and admins get them, each request audited once', async () => {
    const carrying: Record<string, string[]> = {};
    for (const who of ROLES) {
      // The public-records export is audited too, with no numbers shown: not counted here.
      const numberViews = async () => (await auditRecords(db, { entity: 'caller_numbers', limit: 10_000 })).filter((r) => !r.entity_id?.includes('(redacted)')).length;
      const before = await numberViews();
      let shown = 0;
      for (const path of routes()) {
        const res = await answer(path, who);
        if (res.status !== 200) continue;
        const whole = wholeNumbersIn(res.text);
        if (who === 'lead' || who === 'admin') {
          // Answers carrying a caller's number (or a source line) as data; the glossary's example number is not one.
          if (whole.length && /"(caller|number|number_key|caller_number)":"[^"•]*\d|"(example_)?raw":"/.test(res.text)) {
            shown++;
            (carrying[who] ??= []).push(res.path.split('?')[0]);
          }
        } else {
          expect(whole, `${who} GET ${res.path}`).toEqual([]);
        }
      }
      const audited = (await numberViews()) - before;
      expect(audited, `${who}: one audit entry per answer with numbers`).toBe(shown);
    }
    // The walk did reach the answers that carry numbers.
    expect(carrying.lead).toEqual(expect.arrayContaining(['/api/calls', `/api/calls/${lostCallId}`, `/api/calls/${lostCallId}/history`,
      '/api/lost-calls', '/api/metrics/follow-up', '/api/quality/evaluations', '/api/quality/reps/ana', `/api/imports/${filled.runId}/quarantine`]));
  });

  it('shows the others the last 4 digits, and withholds quarantined source lines', async () => {
    const lost = JSON.parse((await send('GET', '/api/lost-calls?date=2026-03-12', 'manager')).text);
    const callers = lost.callers.map((c: { caller: string | null }) => c.caller).filter(Boolean);
    expect(callers.length).toBeGreaterThan(0);
    for (const c of callers) expect(c).toMatch(/^•••-•••-\d{4}$/);
    const detail = JSON.parse((await send('GET', `/api/calls/${lostCallId}`, 'manager')).text);
    expect(detail.call.caller).toBe(maskCallerNumber('3125550201'));
    expect(detail.timeline.find((s: { kind: string }) => s.kind === 'enter').detail).toContain('•••-•••-0201');
    const q = JSON.parse((await send('GET', `/api/imports/${filled.runId}/quarantine`, 'manager')).text);
    expect(q.lines.length).toBeGreaterThan(0);
    for (const l of q.lines) expect(l.raw).toMatch(/withheld/);
  });

  it('lets the others find a caller by the whole number only, never by a few digits', async () => {
    expect((await send('GET', '/api/calls?caller=0201', 'manager')).status).toBe(400);
    const whole = JSON.parse((await send('GET', '/api/calls?caller=312-555-0201', 'manager')).text);
    expect(whole.total).toBe(3);
    expect((await send('GET', '/api/calls?caller=0201', 'lead')).status).toBe(200);
  });

  it('audits a lead\'s view with who, what was asked and the span of the calls shown', async () => {
    await send('GET', '/api/lost-calls?date=2026-03-12', 'lead');
    const [entry] = await auditRecords(db, { entity: 'caller_numbers', limit: 1 });
    expect(entry).toMatchObject({ username: 'lead1', action: 'view', entity_id: 'GET /api/lost-calls?date=2026-03-12' });
    expect((entry.after as { numbers: number }).numbers).toBeGreaterThan(2);
    await send('GET', '/api/calls?from=2026-03-12&to=2026-03-12', 'admin');
    const [search] = await auditRecords(db, { entity: 'caller_numbers', limit: 1 });
    expect(search).toMatchObject({ username: 'admin1', entity_id: 'GET /api/calls?from=2026-03-12&to=2026-03-12' });
    expect(search.after).toMatchObject({ first_call: expect.stringMatching(/^2026-03-12T/), last_call: expect.stringMatching(/^2026-03-12T/) });
    // A lead's search by number is audited without the number (managers read the audit log).
    await send('GET', '/api/calls?caller=%2B1%20312%20555%200201', 'lead');
    const [byNumber] = await auditRecords(db, { entity: 'caller_numbers', limit: 1 });
    expect(byNumber.entity_id).toBe(`GET /api/calls?caller=${encodeURIComponent('•••-•••-0201')}`);
  });
});
