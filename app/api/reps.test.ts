/** GET /api/reps and a rep's feedback notes: written, edited with history, acknowledged, never lost. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Database } from '../../sql/db.ts';
import type { Role } from '../server/accounts.ts';
import { call, seededDatabase, signedInUsers, tableChecksums } from './test-support.ts';
import { api } from './index.ts';

const app = api;
let db: Database;
let cookies: Record<Role | 'rep2', string>;

beforeAll(async () => {
  db = await seededDatabase();
  cookies = await signedInUsers(db);
});

afterAll(() => closeDatabase());

const json = async (res: Response) => ({ status: res.status, body: await res.json() });

describe('GET /api/reps', () => {
  it('lists roster people and unrostered interfaces seen in calls, with stable URL-safe ids', async () => {
    const { status, body } = await json(await call(app, 'GET', '/api/reps', { cookie: cookies.lead }));
    expect(status).toBe(200);
    expect(body.reps.map((r: Record<string, unknown>) => ({ id: r.id, name: r.name, interface: r.interface }))).toEqual([
      { id: 'ana', name: 'Ana Ruiz', interface: 'PJSIP/7001' }, // Agent/7001 is hers too; PJSIP answers calls
      { id: 'ben', name: 'Ben Okafor', interface: 'PJSIP/7002' },
      { id: 'pjsip-7009', name: 'PJSIP/7009', interface: 'PJSIP/7009' }
    ]);
    expect(body.reps[0].interfaces).toEqual(['Agent/7001', 'PJSIP/7001']);
    for (const rep of body.reps) expect(encodeURIComponent(rep.id)).toBe(rep.id);
  });

  it('shows a rep only themself', async () => {
    const { body } = await json(await call(app, 'GET', '/api/reps', { cookie: cookies.rep }));
    expect(body.reps.map((r: { id: string }) => r.id)).toEqual(['ana']);
  });
});

describe('notes', () => {
  let noteId: number;

  it('a lead writes a note; the rep and the lead read it', async () => {
    const created = await json(
      await call(app, 'POST', '/api/reps/ana/notes', {
        cookie: cookies.lead,
        body: { text: 'Offer the payment plan earlier', category: 'coaching', call_ref: '1:12', follow_up_date: '2026-03-09' }
      })
    );
    expect(created.status).toBe(201);
    expect(created.body.note).toMatchObject({
      rep_id: 'ana',
      author: 'lead1',
      category: 'coaching',
      text: 'Offer the payment plan earlier',
      call_ref: '1:12',
      follow_up_date: '2026-03-09',
      state: 'open',
      version: 1,
      deleted_at: null
    });
    noteId = created.body.note.id;
    for (const who of ['rep', 'lead', 'manager', 'admin'] as const) {
      const { status, body } = await json(await call(app, 'GET', '/api/reps/ana/notes', { cookie: cookies[who] }));
      expect(status, who).toBe(200);
      expect(body.notes.map((n: { id: number }) => n.id)).toContain(noteId);
    }
  });

  it('defaults the category to coaching, and refuses bad fields with 400', async () => {
    const minimal = await json(await call(app, 'POST', '/api/reps/ben/notes', { cookie: cookies.manager, body: { text: 'Thanks for covering' } }));
    expect(minimal.status).toBe(201);
    expect(minimal.body.note.category).toBe('coaching');
    for (const body of [
      {},
      { text: '   ' },
      { text: 'x', category: 'scolding' },
      { text: 'x', follow_up_date: '2026-02-30' },
      { text: 'x', state: 'done' },
      { text: 'x', author: 'someone else' }
    ]) {
      const res = await call(app, 'POST', '/api/reps/ana/notes', { cookie: cookies.lead, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await call(app, 'POST', '/api/reps/nobody/notes', { cookie: cookies.lead, body: { text: 'x' } })).status).toBe(404);
    expect((await call(app, 'GET', '/api/reps/ana/notes?sort=1', { cookie: cookies.lead })).status).toBe(400);
  });

  it('stores hostile text exactly as written and touches nothing else', async () => {
    const before = await tableChecksums(db);
    const text = `'; DROP TABLE calls; -- ../../etc/passwd %2e%2e%2f " OR 1=1`;
    const { status, body } = await json(await call(app, 'POST', '/api/reps/ana/notes', { cookie: cookies.lead, body: { text } }));
    expect(status).toBe(201);
    expect(body.note.text).toBe(text);
    const after = await tableChecksums(db);
    for (const table of ['notes', 'note_versions', 'audit_log']) {
      expect(after[table]).not.toBe(before[table]);
      delete before[table];
      delete after[table];
    }
    expect(after).toEqual(before);
  });

  it('an edit keeps every earlier version and is audit-logged with before and after', async () => {
    const edited = await json(
      await call(app, 'PATCH', `/api/reps/ana/notes/${noteId}`, {
        cookie: cookies.lead,
        body: { text: 'Offer the payment plan in the first minute', state: 'done', version: 1 }
      })
    );
    expect(edited.status).toBe(200);
    expect(edited.body.note).toMatchObject({ version: 2, state: 'done', text: 'Offer the payment plan in the first minute' });

    const versions = await json(await call(app, 'GET', `/api/reps/ana/notes/${noteId}/versions`, { cookie: cookies.rep }));
    expect(versions.body.versions.map((v: Record<string, unknown>) => [v.version, v.text, v.state, v.edited_by])).toEqual([
      [1, 'Offer the payment plan earlier', 'open', 'lead1'],
      [2, 'Offer the payment plan in the first minute', 'done', 'lead1']
    ]);

    const log = await json(await call(app, 'GET', `/api/audit?entity=note&entity_id=${noteId}`, { cookie: cookies.admin }));
    expect(log.body.records.map((r: Record<string, unknown>) => r.action)).toEqual(['update', 'create']);
    expect(log.body.records[0]).toMatchObject({
      username: 'lead1',
      entity: 'note',
      entity_id: String(noteId),
      before: { text: 'Offer the payment plan earlier', version: 1 },
      after: { text: 'Offer the payment plan in the first minute', version: 2 }
    });
  });

  it('refuses an edit made from an old version (409) instead of overwriting', async () => {
    const stale = await call(app, 'PATCH', `/api/reps/ana/notes/${noteId}`, { cookie: cookies.manager, body: { text: 'Mine', version: 1 } });
    expect(stale.status).toBe(409);
    expect((await call(app, 'PATCH', `/api/reps/ana/notes/${noteId}`, { cookie: cookies.lead, body: { version: 2 } })).status).toBe(400);
    expect((await call(app, 'PATCH', `/api/reps/ben/notes/${noteId}`, { cookie: cookies.lead, body: { text: 'x' } })).status).toBe(404);
  });

  it('the rep acknowledges their own note; nobody else may', async () => {
    expect((await call(app, 'POST', `/api/reps/ana/notes/${noteId}/acknowledge`, { cookie: cookies.lead })).status).toBe(403);
    expect((await call(app, 'POST', `/api/reps/ana/notes/${noteId}/acknowledge`, { cookie: cookies.rep2 })).status).toBe(403);
    const ack = await json(await call(app, 'POST', `/api/reps/ana/notes/${noteId}/acknowledge`, { cookie: cookies.rep }));
    expect(ack.status).toBe(200);
    expect(ack.body.note).toMatchObject({ state: 'acknowledged', version: 3, acknowledged_at: expect.any(String) });
    const log = await db.one<{ username: string }>(`SELECT username FROM audit_log WHERE action = 'acknowledge' AND entity_id = $id`, {
      id: String(noteId)
    });
    expect(log?.username).toBe('rep1');
  });

  it('deleting hides a note from the list but keeps it and its history', async () => {
    const del = await json(await call(app, 'DELETE', `/api/reps/ana/notes/${noteId}`, { cookie: cookies.lead }));
    expect(del.status).toBe(200);
    expect(del.body.note.deleted_at).toEqual(expect.any(String));
    const list = await json(await call(app, 'GET', '/api/reps/ana/notes', { cookie: cookies.rep }));
    expect(list.body.notes.map((n: { id: number }) => n.id)).not.toContain(noteId);
    const withDeleted = await json(await call(app, 'GET', '/api/reps/ana/notes?include_deleted=true', { cookie: cookies.lead }));
    expect(withDeleted.body.notes.map((n: { id: number }) => n.id)).toContain(noteId);
    const repAsking = await json(await call(app, 'GET', '/api/reps/ana/notes?include_deleted=true', { cookie: cookies.rep }));
    expect(repAsking.body.notes.map((n: { id: number }) => n.id)).not.toContain(noteId);
    expect((await call(app, 'PATCH', `/api/reps/ana/notes/${noteId}`, { cookie: cookies.lead, body: { text: 'x' } })).status).toBe(409);
    const kept = await db.one<{ versions: number }>('SELECT count(*) AS versions FROM note_versions WHERE note_id = $id', { id: noteId });
    expect(kept?.versions).toBe(4);
  });

  it("a deleted note's wording is gone for the rep, versions included; leads, managers and admins still read it", async () => {
    const versions = `/api/reps/ana/notes/${noteId}/versions`;
    const repAsking = await call(app, 'GET', versions, { cookie: cookies.rep });
    expect(repAsking.status).toBe(404);
    const body = await repAsking.text();
    expect(body).toBe(JSON.stringify({ error: `No note ${noteId} for rep "ana"` })); // as for a note that never was
    for (const role of ['lead', 'manager', 'admin'] as const) {
      const res = await json(await call(app, 'GET', versions, { cookie: cookies[role] }));
      expect(res.status, role).toBe(200);
      expect(res.body.versions.at(-1).deleted_at, role).toEqual(expect.any(String));
    }
  });
});
