/** Accounts, the audit log's redaction, the page table, and the local token. */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { FIXTURES } from '../../fixtures/paths.ts';
import { decidePage } from '../api/auth.ts';
import { PASSWORD, seededDatabase, sessionCookie } from '../api/test-support.ts';
import { createUser, pruneSignInRecords, sessionUser, signIn, signOut, updateUser } from './accounts.ts';
import { audit, auditRecords } from './audit.ts';
import { lowerPasswordCostForTests } from './password-cost.ts';
import { advertPath, advertiseServer, isLocalToken, readServerAdvert } from './local-control.ts';

let db: Database;
const CLI = { id: null, username: 'cli:test' };

beforeAll(async () => {
  db = await seededDatabase();
});

afterAll(() => closeDatabase());

describe('users', () => {
  it('stores an argon2id hash at production\'s cost, never the password, and signs in with it', async () => {
    lowerPasswordCostForTests(false); // the suite's setup lowers it (unit-setup.ts): this is the cost users get
    try {
      await createUser(db, CLI, { username: 'Maya', password: PASSWORD, role: 'manager' });
    } finally {
      lowerPasswordCostForTests();
    }
    const row = await db.one<{ password_hash: string }>(`SELECT password_hash FROM users WHERE username = 'maya'`);
    expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row?.password_hash).not.toContain(PASSWORD);
    expect((await signIn(db, { username: 'maya', password: PASSWORD, ip: 'x' })).user.username).toBe('maya');
    await expect(signIn(db, { username: 'maya', password: 'not the password', ip: 'y' })).rejects.toThrow(/Wrong/);
  });

  it('hashes at the tests\' lowered cost while the suite\'s setup asks for it', async () => {
    await createUser(db, CLI, { username: 'cheap', password: PASSWORD, role: 'lead' });
    const row = await db.one<{ password_hash: string }>(`SELECT password_hash FROM users WHERE username = 'cheap'`);
    expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
  });

  it('gives a rep the roster\'s id, or one derived from the interface', async () => {
    const ana = await createUser(db, CLI, { username: 'ana', password: PASSWORD, role: 'rep', repInterface: 'Agent/7001' });
    const carl = await createUser(db, CLI, { username: 'carl', password: PASSWORD, role: 'rep', repInterface: 'Local/7010@from-queue/n' });
    expect([ana.rep_id, carl.rep_id]).toEqual(['ana', 'local-7010-from-queue-n']);
    expect(await db.one(`SELECT rep_id_of('PJSIP/7009') AS id`)).toEqual({ id: 'pjsip-7009' });
  });

  it('refuses bad input with a message naming the field', async () => {
    await expect(createUser(db, CLI, { username: 'x', password: PASSWORD, role: 'lead' })).rejects.toThrow(/^username "x"/);
    await expect(createUser(db, CLI, { username: 'bob', password: 'short', role: 'lead' })).rejects.toThrow(/^password: at least 8/);
    await expect(createUser(db, CLI, { username: 'bob', password: PASSWORD, role: 'rep' })).rejects.toThrow(/member interface/);
    await expect(
      createUser(db, CLI, { username: 'bob', password: PASSWORD, role: 'rep', repInterface: '../../etc/passwd' })
    ).rejects.toThrow(/rep interface/);
    await expect(createUser(db, CLI, { username: 'MAYA', password: PASSWORD, role: 'lead' })).rejects.toThrow(/taken/);
  });

  it('a new password ends the user\'s sessions and is logged without the hash', async () => {
    const user = await createUser(db, CLI, { username: 'pat', password: PASSWORD, role: 'lead' });
    const cookie = await sessionCookie(db, 'pat');
    await updateUser(db, CLI, user.id, { password: 'another long password' });
    expect(await sessionUser(db, cookie.split('=')[1])).toBeNull();
    await expect(signIn(db, { username: 'pat', password: PASSWORD, ip: 'x' })).rejects.toThrow(/Wrong/);
    expect((await signIn(db, { username: 'pat', password: 'another long password', ip: 'x' })).user.username).toBe('pat');
    const [record] = await auditRecords(db, { entity: 'user', entityId: String(user.id) });
    expect(record).toMatchObject({ action: 'update', username: 'cli:test', after: { password_changed: true } });
    expect(JSON.stringify(record)).not.toMatch(/argon2/);
  });

  it('who is signed in is remembered between requests, but a role change, a disabled account or a sign-out counts at once', async () => {
    const user = await createUser(db, CLI, { username: 'remy', password: PASSWORD, role: 'lead' });
    const token = (await sessionCookie(db, 'remy')).split('=')[1];
    expect((await sessionUser(db, token))?.role).toBe('lead');
    const version = db.version;
    expect((await sessionUser(db, token))?.role).toBe('lead'); // remembered: asking again writes nothing
    expect(db.version).toBe(version);
    await updateUser(db, CLI, user.id, { role: 'scheduler' });
    expect((await sessionUser(db, token))?.role).toBe('scheduler');
    await updateUser(db, CLI, user.id, { disabled: true });
    expect(await sessionUser(db, token)).toBeNull();
    await updateUser(db, CLI, user.id, { disabled: false });
    const again = (await sessionCookie(db, 'remy')).split('=')[1];
    expect((await sessionUser(db, again))?.username).toBe('remy');
    await signOut(db, again);
    expect(await sessionUser(db, again)).toBeNull();
  });

  it('who is signed in stays remembered across a load of an export (it writes no account), not across other writes', async () => {
    await createUser(db, CLI, { username: 'lena', password: PASSWORD, role: 'manager' });
    const token = (await sessionCookie(db, 'lena')).split('=')[1];
    expect((await sessionUser(db, token))?.username).toBe('lena');
    // Ended behind the cache's back (a write that is not counted): only the remembered answer still knows her.
    await db.runUncounted(`DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = 'lena')`);
    const dir = mkdtempSync(join(tmpdir(), 'callboard-accounts-'));
    try {
      const log = join(dir, 'queue_log');
      writeFileSync(log, readFileSync(join(FIXTURES, 'queue-logs', 'service-level.queue_log')));
      const version = db.version;
      expect((await ingestFile(db, log, { timeZone: 'America/Chicago' })).error).toBeUndefined();
      expect(db.version).toBeGreaterThan(version); // the load was a write: the day's answers are read afresh
      expect((await sessionUser(db, token))?.username).toBe('lena'); // but who is signed in was not asked again
      await db.run(`UPDATE users SET disabled = false WHERE username = 'nobody'`); // any other write
      expect(await sessionUser(db, token)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prunes expired sessions and day-old sign-in attempts', async () => {
    await db.run(`UPDATE sessions SET expires_at = now() - INTERVAL 1 SECOND`);
    await db.run(`UPDATE signin_attempts SET attempted_at = now() - INTERVAL 2 DAY`);
    await pruneSignInRecords(db);
    expect(await db.one(`SELECT (SELECT count(*) FROM sessions) AS s, (SELECT count(*) FROM signin_attempts) AS a`)).toEqual({ s: 0, a: 0 });
  });
});

describe('audit', () => {
  it('records who, what, before and after, dropping secrets at any depth', async () => {
    await db.transaction((conn) =>
      audit(db, conn, {
        user: { id: 7, username: 'lead1' },
        action: 'update',
        entity: 'schedule',
        entityId: 'week-2026-10',
        before: { shifts: [{ rep: 'ana', start: 480 }] },
        after: { shifts: [{ rep: 'ana', start: 540 }], nested: { token: 'secret', password_hash: 'h' } }
      })
    );
    const [record] = await auditRecords(db, { entity: 'schedule' });
    expect(record).toMatchObject({
      user_id: 7,
      username: 'lead1',
      action: 'update',
      entity_id: 'week-2026-10',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      before: { shifts: [{ rep: 'ana', start: 480 }] },
      after: { shifts: [{ rep: 'ana', start: 540 }], nested: {} }
    });
  });

  it('is written in the change\'s own transaction: a failed change leaves no record', async () => {
    const count = async () => (await db.one<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE entity = 'setting'`))!.n;
    await expect(
      db.transaction(async (conn) => {
        await audit(db, conn, { user: CLI, action: 'update', entity: 'setting', entityId: 'timezone', after: 'x' });
        throw new Error('the change failed');
      })
    ).rejects.toThrow('the change failed');
    expect(await count()).toBe(0);
  });
});

describe('pages', () => {
  it('sends strangers to sign in, refuses other roles, lets /login through, knows who is signed in', async () => {
    await createUser(db, CLI, { username: 'sched', password: PASSWORD, role: 'scheduler' });
    const sched = (await sessionCookie(db, 'sched')).split('=')[1];
    const ana = (await sessionCookie(db, 'ana')).split('=')[1];
    const decide = async (id: string | null, token?: string, params: Record<string, string> = {}) => {
      const { verdict } = await decidePage(db, { id, params }, token);
      return verdict.allow ? 'ok' : verdict.status;
    };
    expect(await decide('/login')).toBe('ok');
    expect((await decidePage(db, { id: '/login', params: {} }, ana)).user?.username).toBe('ana');
    expect(await decide(null)).toBe(404);
    expect(await decide(null, sched)).toBe(404);
    expect(await decide('/')).toBe(401);
    expect(await decide('/day')).toBe(401);
    expect(await decide('/schedule', sched)).toBe('ok');
    expect(await decide('/settings', sched)).toBe(403);
    expect(await decide('/reps/[id]', ana, { id: 'ana' })).toBe('ok');
    expect(await decide('/reps/[id]', ana, { id: 'ben' })).toBe(403);
    expect(await decide('/calls', ana)).toBe(403);
  });
});

describe('local control', () => {
  it('advertises the server to its owner only, and accepts only its own token', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-local-'));
    try {
      const dbPath = join(dir, 'callboard.duckdb');
      const withdraw = advertiseServer(dbPath, 'http://127.0.0.1:3999');
      expect(statSync(advertPath(dbPath)).mode & 0o777).toBe(0o600);
      const advert = readServerAdvert(dbPath)!;
      expect(advert).toMatchObject({ pid: process.pid, url: 'http://127.0.0.1:3999' });
      expect(isLocalToken(advert.token)).toBe(true);
      expect(isLocalToken(advert.token + 'x')).toBe(false);
      expect(isLocalToken(undefined)).toBe(false);
      withdraw();
      expect(readServerAdvert(dbPath)).toBeNull();
      expect(isLocalToken(advert.token)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
