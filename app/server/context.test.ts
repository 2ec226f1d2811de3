// The per-request context: what `serve` hands on reaches the handlers, the stored zone is read once and
// again after the settings page saves one, and no handler or page load fetches the database itself.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { closeDatabase, openDatabase, type Database } from '../../sql/db.ts';
import type { Role } from './accounts.ts';
import { forgetStoredZone, requestContext, withServerSetup } from './context.ts';
import { api } from '../api/index.ts';
import { call, seededDatabase, signedInUsers } from '../api/test-support.ts';

let db: Database;
let cookies: Record<Role | 'rep2', string>;
beforeAll(async () => {
  delete process.env.CALLBOARD_TZ;
  db = await seededDatabase();
  cookies = await signedInUsers(db);
});
afterEach(() => {
  delete process.env.CALLBOARD_TZ;
});
afterAll(() => closeDatabase());

const storeZone = (zone: string) =>
  db.run(`INSERT INTO settings (key, value) VALUES ('timezone', to_json(CAST($zone AS VARCHAR))) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, { zone });

describe('requestContext', () => {
  it("takes the database and the operator's zone that serve put on the request, over CALLBOARD_TZ", async () => {
    const other = await openDatabase(':memory:');
    try {
      process.env.CALLBOARD_TZ = 'Asia/Tokyo';
      const ctx = await requestContext(withServerSetup({}, { db: other, timeZone: 'Europe/Berlin' }));
      expect(ctx.db).toBe(other);
      expect(ctx).toMatchObject({ timeZone: 'Europe/Berlin', operatorTimeZone: 'Europe/Berlin' });
      // serve without --timezone: the stored zone (none stored: the default), whatever the environment says
      expect(await requestContext(withServerSetup({}, { db: other }))).toMatchObject({ timeZone: 'America/Chicago', operatorTimeZone: null });
    } finally {
      other.close();
    }
  });

  it('reads the stored zone once, and again after the settings page saved a new one', async () => {
    await storeZone('America/New_York');
    forgetStoredZone(db);
    expect((await requestContext()).timeZone).toBe('America/New_York');
    await storeZone('America/Denver'); // behind the server's back: the context keeps what it read
    expect((await requestContext()).timeZone).toBe('America/New_York');
    const saved = await call(api, 'PUT', '/api/settings/timezone', { cookie: cookies.admin, body: { timezone: 'Europe/Paris' } });
    expect(saved.status).toBe(200);
    expect(await requestContext()).toMatchObject({ db, timeZone: 'Europe/Paris', operatorTimeZone: null });
  });

  it('refuses an operator zone nobody knows, in one line', async () => {
    process.env.CALLBOARD_TZ = 'Mars/Olympus';
    await expect(requestContext()).rejects.toThrow('Unknown time zone "Mars/Olympus"');
  });

  it('is what the API answers from when the SvelteKit hook made it', async () => {
    const res = await api.request('/api/settings', { headers: { cookie: cookies.admin } }, { ctx: { db, timeZone: 'Asia/Tokyo', operatorTimeZone: 'Asia/Tokyo' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ timezone_override: 'Asia/Tokyo' });
  });
});

describe('handlers and page loads', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));

  it('take the database and zone from their context, never fetch them', () => {
    const root = join(import.meta.dirname, '..');
    const shells = [...files(join(root, 'api')), ...files(join(root, 'routes'))].filter((f) => /\.ts$/.test(f) && !/\.test\.ts$|test-support/.test(f));
    const fetching = shells.filter((f) => /getDatabase\(|CALLBOARD_TZ|centerTimeZone\(/.test(readFileSync(f, 'utf8')));
    expect(fetching).toEqual([]);
  });

  it('leave transactions to app/server, and app/lib holds no database work', () => {
    const root = join(import.meta.dirname, '..');
    const handlers = files(join(root, 'api')).filter((f) => /\.ts$/.test(f) && !/\.test\.ts$|test-support|review-test-db/.test(f));
    expect(handlers.filter((f) => /\.transaction\(/.test(readFileSync(f, 'utf8')))).toEqual([]);
    const lib = files(join(root, 'lib')).filter((f) => /\.(ts|svelte)$/.test(f) && !/\.test\.ts$/.test(f));
    expect(lib.filter((f) => /sql\/db\.ts'|\.transaction\(|\bdb\.(query|all|one|run)\(/.test(readFileSync(f, 'utf8')))).toEqual([]);
  });
});
