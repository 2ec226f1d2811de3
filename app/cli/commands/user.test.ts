/** `callboard user add`, run as a real process with a temporary --db and the password on stdin. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../sql/db.ts';
import { signIn } from '../../server/accounts.ts';
import { seededDatabase } from '../../api/test-support.ts';
import { runCli, serveLikeCallboard } from '../test-support.ts';

let dir: string;
let dbPath: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'callboard-user-cli-'));
  dbPath = join(dir, 'callboard.duckdb');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function usersIn(path: string) {
  const db = await openDatabase(path);
  try {
    return await db.all<{ username: string; role: string; rep_interface: string | null }>(
      'SELECT username, role, rep_interface FROM users ORDER BY username'
    );
  } finally {
    db.close();
  }
}

describe('callboard user add', () => {
  it('adds a user whose password comes from standard input, who can then sign in', async () => {
    const res = await runCli(['user', 'add', 'Lena', '--role', 'lead', '--db', dbPath], 'a long lead password\n');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('Added lead lena\n');

    const rep = await runCli(['user', 'add', 'ana', '--role', 'rep', '--rep', 'PJSIP/7001', '--db', dbPath], 'ana password 1\r\n');
    expect(rep.code).toBe(0);
    expect(rep.stdout).toBe('Added rep ana (rep pjsip-7001, PJSIP/7001)\n');

    const db = await openDatabase(dbPath);
    try {
      const { user } = await signIn(db, { username: 'lena', password: 'a long lead password', ip: 'test' });
      expect(user.role).toBe('lead');
      const log = await db.one<{ username: string }>(`SELECT username FROM audit_log WHERE entity = 'user' AND action = 'create' LIMIT 1`);
      expect(log?.username).toMatch(/^cli:/);
    } finally {
      db.close();
    }
  });

  it('rejects a bad role (and other mistakes) with one line and a non-zero exit, adding nobody', async () => {
    const cases: [string[], string, RegExp][] = [
      [['user', 'add', 'bob', '--role', 'boss'], 'long enough password\n', /^callboard: --role: "boss" is not a role \(use admin, manager, lead, scheduler, rep, wallboard\)\n$/],
      [['user', 'add', 'bob'], 'long enough password\n', /^callboard: --role is required/],
      [['user', 'add', 'bob', '--role', 'rep'], 'long enough password\n', /^callboard: --rep: a rep needs their member interface/],
      [['user', 'add', 'bob', '--role', 'lead'], 'short\n', /^callboard: password: at least 8 characters\n$/],
      [['user', 'add', 'bob', '--role', 'lead'], '', /^callboard: no password on standard input/],
      [['user', 'add', 'b', '--role', 'lead'], 'long enough password\n', /^callboard: username "b"/],
      [['user', 'add', 'lena', '--role', 'lead'], 'long enough password\n', /^callboard: username "lena" is taken\n$/]
    ];
    for (const [args, stdin, message] of cases) {
      const res = await runCli([...args, '--db', dbPath], stdin);
      expect(res.code, args.join(' ')).not.toBe(0);
      expect(res.stderr, args.join(' ')).toMatch(message);
      expect(res.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect((await usersIn(dbPath)).map((u) => u.username)).toEqual(['ana', 'lena']);
  });

  it('adds the user through the running server when one holds the database', async () => {
    const path = join(dir, 'served.duckdb');
    const db = await seededDatabase(path);
    const server = await serveLikeCallboard(db);
    try {
      const res = await runCli(['user', 'add', 'maria', '--role', 'manager', '--db', path], 'manager password\n');
      expect(res.stderr).toBe('');
      expect(res.stdout).toBe('Added manager maria\n');
      expect(await db.one(`SELECT role FROM users WHERE username = 'maria'`)).toEqual({ role: 'manager' });
      const refused = await runCli(['user', 'add', 'maria', '--role', 'lead', '--db', path], 'manager password\n');
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toBe('callboard: username "maria" is taken\n');
    } finally {
      await server.stop();
      await closeDatabase();
    }
  });
});
