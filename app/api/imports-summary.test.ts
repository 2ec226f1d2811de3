// POST /api/imports answers like `ingest --json`, rows_skipped included, and the load history keeps it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { golden } from '../../fixtures/paths.ts';
import { setDatabase, type Database } from '../../sql/db.ts';
import type { Role } from '../server/accounts.ts';
import { api } from './index.ts';
import { ORIGIN, seededDatabase, signedInUsers } from './test-support.ts';

let db: Database;
let cookies: Record<Role | 'rep2', string>;
beforeAll(async () => {
  db = await seededDatabase();
  setDatabase(db);
  cookies = await signedInUsers(db);
});
afterAll(() => db.close());

describe('POST /api/imports', () => {
  it('answers with the summary of ingest --json, rows_skipped included, and the history keeps it', async () => {
    const form = new FormData();
    form.set('file', new File([readFileSync(golden('basic.queue_log'))], 'queue_log'));
    const res = await api.request(`${ORIGIN}/api/imports`, { method: 'POST', body: form, headers: { cookie: cookies.admin, origin: ORIGIN } });
    const body = await res.text();
    expect(res.status, body).toBe(200);
    expect(JSON.parse(body).files[0]).toMatchObject({ rows_read: 25, rows_loaded: 23, rows_quarantined: 2, rows_skipped: 0, calls_added: 6 });
    const runs = await api.request(`${ORIGIN}/api/imports`, { headers: { cookie: cookies.admin } });
    expect((await runs.json()).runs[0]).toMatchObject({ rows_read: 25, rows_loaded: 23, rows_quarantined: 2, rows_skipped: 0 });
  });
});
