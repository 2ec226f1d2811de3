/**
 * Test helpers for the API (the app under test is `api` from app/api/index.ts): a real in-memory
 * database installed as the process's database, users of every role with sessions, requests as a
 * browser on this site would send them, and a checksum of every table to prove that a refused
 * request changed nothing.
 */
import { openDatabase, setDatabase, type Database } from '../../sql/db.ts';
import { ROLES, createUser, signIn, type Role } from '../server/accounts.ts';

export const ORIGIN = 'http://localhost';
export const PASSWORD = 'correct horse battery';
const CLI = { id: null, username: 'test' };

/** A fresh in-memory database with two reps on the roster, one more seen only in calls, and a note. */
export async function seededDatabase(path = ':memory:'): Promise<Database> {
  const db = await openDatabase(path);
  setDatabase(db);
  await db.run(`INSERT INTO roster (interface, rep_id, name, team) VALUES
    ('PJSIP/7001', 'ana', 'Ana Ruiz', 'Billing'), ('Agent/7001', 'ana', 'Ana Ruiz', 'Billing'),
    ('PJSIP/7002', 'ben', 'Ben Okafor', 'Billing')`);
  await db.run(`INSERT INTO calls (source, file_id, line_no, callid, queue, enter_ts, outcome, agent, wait_s, talk_s)
    SELECT 'queue_log', 1, i, 'c' || i, 'billing', TIMESTAMPTZ '2026-03-02 15:00:00+00' + to_minutes(i),
           'answered', ['PJSIP/7001', 'PJSIP/7002', 'PJSIP/7009'][1 + i % 3], 10, 120
    FROM range(1, 31) t(i)`);
  return db;
}

/** One user per role (the rep is Ana, 'ana'; rep2 is Ben, 'ben'), each signed in. */
export async function signedInUsers(db: Database): Promise<Record<Role | 'rep2', string>> {
  const cookies = {} as Record<Role | 'rep2', string>;
  for (const role of [...ROLES, 'rep2'] as const) {
    const username = role === 'rep2' ? 'rep2' : `${role}1`;
    const repInterface = role === 'rep' ? 'PJSIP/7001' : role === 'rep2' ? 'PJSIP/7002' : null;
    await createUser(db, CLI, { username, password: PASSWORD, role: role === 'rep2' ? 'rep' : role, repInterface });
    cookies[role] = await sessionCookie(db, username);
  }
  return cookies;
}

export async function sessionCookie(db: Database, username: string): Promise<string> {
  const { token } = await signIn(db, { username, password: PASSWORD, ip: `test-${Math.random()}` });
  return `callboard_session=${token}`;
}

export interface Call {
  cookie?: string;
  body?: unknown;
  /** The Origin header; same-site by default for changes, absent when null. A body is sent only with changes. */
  origin?: string | null;
  headers?: Record<string, string>;
}

/** Anything that answers requests like a Hono app. */
export type Requestable = { request: (input: string, init?: RequestInit) => Response | Promise<Response> };

/** A request as the app's own pages would send it. */
export function call(app: Requestable, method: string, path: string, opts: Call = {}): Promise<Response> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  const origin = opts.origin === undefined ? ORIGIN : opts.origin;
  if (origin !== null && method !== 'GET' && method !== 'HEAD') headers.origin = origin;
  let body: string | undefined;
  if (opts.body !== undefined && method !== 'GET' && method !== 'HEAD') {
    headers['content-type'] ??= 'application/json';
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  }
  return Promise.resolve(app.request(`${ORIGIN}${path}`, { method, headers, body }));
}

/**
 * A checksum (rows and a hash of their contents) of every table. Sessions are compared without
 * last_seen and expires_at, which move forward whenever a signed-in user is seen.
 */
export async function tableChecksums(db: Database): Promise<Record<string, string>> {
  const tables = await db.all<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'
     ORDER BY table_name`
  );
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    if (!/^\w+$/.test(name)) throw new Error(`unexpected table name ${name}`);
    const source = name === 'sessions' ? '(SELECT * EXCLUDE (last_seen, expires_at) FROM sessions)' : name;
    const [row] = await db.all<{ sum: string }>(
      `SELECT count(*) || ':' || coalesce(sum(hash(t)::HUGEINT), 0) AS sum FROM ${source} t`
    );
    sums[name] = row.sum;
  }
  return sums;
}

/** The concrete path of a route pattern, each parameter replaced by `fill(name)`. */
export function fillPath(pattern: string, fill: (name: string) => string): string {
  return pattern.replace(/:(\w+)(\{[^}]*\})?\??/g, (_, name: string) => fill(name));
}
