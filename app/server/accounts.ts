/**
 * Local accounts and their sessions: who may sign in, and who is signed in.
 *
 * Why in app/server/ and not analytics/: accounts are the app shell's business (people acting on the
 * data); nothing on the data's path (ingest/, sql/, analytics/) needs to know who is signed in.
 *
 * - Passwords: argon2id (@node-rs/argon2) with the library's defaults, which are OWASP's recommended
 *   minimum for argon2id (m = 19 MiB, t = 2, p = 1); the PHC string keeps salt and parameters.
 * - Sessions: the cookie holds a random 32-byte token; the database keeps only its SHA-256, so a copy
 *   of the database signs nobody in. A session ends SESSION_IDLE_HOURS after its last use, and never
 *   later than SESSION_MAX_DAYS after sign-in (a lead's browser stays open through a shift).
 * - Sign-in is limited per account (a growing delay, never a lockout) and per address (held back only
 *   on the accounts it failed on): the rules are in sign-in-limits.ts; an attempt that must wait is
 *   answered 429 with the seconds to wait, before its password is checked.
 */
import { hash, verify } from '@node-rs/argon2';
import type { DuckDBConnection } from '@duckdb/node-api';
import { createHash, randomBytes } from 'node:crypto';
import { ROLES, isRole, type Role } from './roles.ts';
import { AnswerCache } from '../../sql/answer-cache.ts';
import type { Database } from '../../sql/db.ts';
import { AuthError, CallboardError, ConflictError, InputError, NotFoundError, errorMessage } from '../../sql/errors.ts';
import { audit, type Actor } from './audit.ts';
import { SIGN_IN_LIMITS, secondsToWait, type SignInHistory } from './sign-in-limits.ts';
import { passwordHashOptions } from './password-cost.ts';

export { ROLES, isRole, type Role };

export const SESSION_IDLE_HOURS = 12;
export const SESSION_MAX_DAYS = 7;
/** last_seen is written at most this often, so reading pages does not turn into a stream of writes. */
const TOUCH_EVERY_S = 60;
export const MIN_PASSWORD_LENGTH = 8; // NIST SP 800-63B, 5.1.1.2
export const MAX_PASSWORD_LENGTH = 1024; // bounds the hashing work one request can ask for

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._@-]{1,63}$/;
/** A member interface as the PBX writes it: PJSIP/7009, Agent/1127, Local/7009@from-queue/n. */
export const INTERFACE_PATTERN = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9/_.@:+-]{0,99}$/;

/** Too many failed sign-ins: 429, with the seconds to wait (the API's Retry-After). */
export class TooManyAttemptsError extends CallboardError {
  constructor(readonly retryAfterS: number) {
    super(
      `Too many failed sign-ins; try again in ${retryAfterS < 120 ? `${retryAfterS} seconds` : `${Math.ceil(retryAfterS / 60)} minutes`}.`,
      429,
      2
    );
  }
}

export interface User {
  id: number;
  username: string;
  role: Role;
  rep_interface: string | null;
  /** The rep this user is (GET /api/reps id), for role rep. */
  rep_id: string | null;
  created_at: string;
  disabled: boolean;
}

/** Who is making a request: a signed-in user, or the local command line (id null). */
export interface Principal extends Actor {
  role: Role;
  rep_id: string | null;
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  repInterface?: string | null;
}

export interface UserChange {
  role?: Role;
  repInterface?: string | null;
  disabled?: boolean;
  password?: string;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function checkUsername(raw: string): string {
  const username = raw.trim().toLowerCase();
  if (!USERNAME_PATTERN.test(username)) {
    throw new InputError(`username "${raw}": 2-64 characters, letters, digits and . _ @ - (starting with a letter or digit)`);
  }
  return username;
}

export function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH) throw new InputError(`password: at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new InputError(`password: at most ${MAX_PASSWORD_LENGTH} characters`);
  return password;
}

function checkRepInterface(role: Role, iface: string | null | undefined): string | null {
  const value = iface?.trim() || null;
  if (value !== null && !INTERFACE_PATTERN.test(value)) {
    throw new InputError(`rep interface "${iface}": a member interface such as PJSIP/7009`);
  }
  if (role === 'rep' && value === null) throw new InputError('a rep needs their member interface, such as PJSIP/7009');
  return value;
}

/** Users with their rep id: the roster's, else derived from the interface (rep_id_of, migration 003). */
const USER_SELECT = `
  SELECT u.id, u.username, u.role, u.rep_interface,
         CASE WHEN u.rep_interface IS NULL THEN NULL
              ELSE coalesce(r.rep_id, rep_id_of(u.rep_interface)) END AS rep_id,
         strftime(u.created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, u.disabled
  FROM users u LEFT JOIN roster r ON r.interface = u.rep_interface`;

export async function listUsers(db: Database): Promise<User[]> {
  return db.all<User>(`${USER_SELECT} ORDER BY u.username`);
}

export async function getUser(db: Database, id: number, conn?: DuckDBConnection): Promise<User> {
  const user = await db.one<User>(`${USER_SELECT} WHERE u.id = $id`, { id }, conn);
  if (!user) throw new NotFoundError(`No user ${id}`);
  return user;
}

export async function createUser(db: Database, actor: Actor, input: NewUser): Promise<User> {
  const username = checkUsername(input.username);
  if (!isRole(input.role)) throw new InputError(`role "${input.role}": one of ${ROLES.join(', ')}`);
  const repInterface = checkRepInterface(input.role, input.repInterface);
  const passwordHash = await hash(checkPassword(input.password), passwordHashOptions());
  return db.transaction(async (conn) => {
    const taken = await db.one('SELECT 1 FROM users WHERE username = $username', { username }, conn);
    if (taken) throw new ConflictError(`username "${username}" is taken`);
    const [{ id }] = await db.all<{ id: number }>(
      `INSERT INTO users (username, role, rep_interface, password_hash)
       VALUES ($username, $role, $rep_interface, $password_hash) RETURNING id`,
      { username, role: input.role, rep_interface: repInterface, password_hash: passwordHash },
      conn
    );
    const user = await getUser(db, id, conn);
    await audit(db, conn, { user: actor, action: 'create', entity: 'user', entityId: id, after: user });
    return user;
  });
}

/** Changes a user's role, rep, password or disabled flag. Disabling or a new password ends their sessions. */
export async function updateUser(db: Database, actor: Actor, id: number, change: UserChange): Promise<User> {
  const passwordHash = change.password === undefined ? undefined : await hash(checkPassword(change.password), passwordHashOptions());
  return db.transaction(async (conn) => {
    const before = await getUser(db, id, conn);
    const role = change.role ?? before.role;
    if (!isRole(role)) throw new InputError(`role "${role}": one of ${ROLES.join(', ')}`);
    const repInterface = checkRepInterface(role, change.repInterface === undefined ? before.rep_interface : change.repInterface);
    const disabled = change.disabled ?? before.disabled;
    if (actor.id === id && (disabled || role !== 'admin')) {
      throw new ConflictError('You cannot disable yourself or take away your own admin role.');
    }
    await db.run(
      `UPDATE users SET role = $role, rep_interface = $rep_interface, disabled = $disabled,
              password_hash = coalesce($password_hash, password_hash)
       WHERE id = $id`,
      { id, role, rep_interface: repInterface, disabled, password_hash: passwordHash ?? null },
      conn
    );
    if (disabled || passwordHash) await db.run('DELETE FROM sessions WHERE user_id = $id', { id }, conn);
    const after = await getUser(db, id, conn);
    const action = disabled && !before.disabled ? 'disable' : !disabled && before.disabled ? 'enable' : 'update';
    await audit(db, conn, {
      user: actor,
      action,
      entity: 'user',
      entityId: id,
      before,
      after: passwordHash ? { ...after, password_changed: true } : after
    });
    return after;
  });
}

// ---- Signing in -------------------------------------------------------------------------------

/** Compared against when the username does not exist, so a wrong name takes as long as a wrong password (made at the cost users' hashes are). */
const decoyHashes = new Map<string, Promise<string>>();
const decoy = () => {
  const options = passwordHashOptions();
  const key = JSON.stringify(options ?? {});
  if (!decoyHashes.has(key)) decoyHashes.set(key, hash('callboard decoy password', options));
  return decoyHashes.get(key)!;
};

async function checkLimits(db: Database, username: string, ip: string, now: Date): Promise<void> {
  const [row] = await db.query<{
    account_failures: number;
    account_last_failure_ms: number | null;
    address_failures: number;
    pair_last_failure_ms: number | null;
  }>('sign-in-history', { username, ip, now: now.toISOString(), window_minutes: SIGN_IN_LIMITS.windowMinutes });
  const history: SignInHistory = {
    accountFailures: row.account_failures,
    accountLastFailureMs: row.account_last_failure_ms,
    addressFailures: row.address_failures,
    pairLastFailureMs: row.pair_last_failure_ms
  };
  const wait = secondsToWait(history, now.getTime());
  if (wait > 0) throw new TooManyAttemptsError(wait);
}

export interface SignIn {
  username: string;
  password: string;
  /** The client's address, for the sign-in limits ('unknown' where the server cannot tell). */
  ip: string;
  /** The clock (tests move it; default now). */
  now?: Date;
}

/**
 * Attempts at one account run one after another in this process, so a burst sent at once cannot all
 * pass the limits before the first failure is recorded.
 */
const accountQueues = new Map<string, Promise<unknown>>();

function oneAtATime<T>(username: string, fn: () => Promise<T>): Promise<T> {
  const before = accountQueues.get(username) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(fn);
  const settled = mine.catch(() => undefined);
  accountQueues.set(username, settled);
  void settled.then(() => {
    if (accountQueues.get(username) === settled) accountQueues.delete(username);
  });
  return mine;
}

/** Checks the password and opens a session; answers the new session's token (for the cookie only). */
export function signIn(db: Database, attempt: SignIn): Promise<{ token: string; user: User }> {
  const username = attempt.username.trim().toLowerCase().slice(0, 64);
  return oneAtATime(username, () => checkedSignIn(db, username, attempt));
}

async function checkedSignIn(db: Database, username: string, attempt: SignIn): Promise<{ token: string; user: User }> {
  const now = attempt.now ?? new Date();
  await checkLimits(db, username, attempt.ip, now);
  const row = await db.one<{ id: number; password_hash: string; disabled: boolean }>(
    'SELECT id, password_hash, disabled FROM users WHERE username = $username',
    { username }
  );
  const password = attempt.password.slice(0, MAX_PASSWORD_LENGTH);
  const ok = await verify(row?.password_hash ?? (await decoy()), password).catch(() => false);
  await db.query('sign-in-record', { now: now.toISOString(), username, ip: attempt.ip, ok: ok && !!row });
  if (!row || !ok) throw new AuthError('Wrong username or password.');
  if (row.disabled) throw new AuthError('This account is disabled; ask an admin.');
  const token = randomBytes(32).toString('base64url');
  await db.run(
    `INSERT INTO sessions (token_hash, user_id, expires_at)
     VALUES ($token_hash, $user_id, now() + to_hours(CAST($idle AS BIGINT)))`,
    { token_hash: hashToken(token), user_id: row.id, idle: SESSION_IDLE_HOURS }
  );
  await pruneSignInRecords(db);
  return { token, user: await getUser(db, row.id) };
}

/** Deletes expired sessions and sign-in attempts older than a day. */
export async function pruneSignInRecords(db: Database): Promise<void> {
  await db.run(`DELETE FROM sessions WHERE expires_at <= now()`);
  await db.run(`DELETE FROM signin_attempts WHERE attempted_at < now() - INTERVAL 1 DAY`);
}

/**
 * Who is signed in, remembered per database (sql/answer-cache.ts): every request asks, and 50
 * readers would otherwise each cost a query before their page. A remembered answer is dropped as
 * soon as anything other than a load of an export is written through the database (a sign-out, a
 * role change, a disabled account, a new session, the roster: Database.versionBesideLoads), so it is
 * never older than the last such change; a load writes no account and no session, and a followed log
 * loads every second. It is kept for SESSION_ANSWER_MS at most, and never past the session's own
 * expiry; only the idle-time extension below is written without counting as a change.
 */
const sessionAnswers = new WeakMap<Database, AnswerCache>();
const SESSION_ANSWER_MS = 30_000;

interface SessionAnswer {
  principal: Principal | null;
  /** When the session ends unless used again (ms since the epoch). */
  expiresAt: number;
}

/** The user a session token belongs to, or null (unknown, expired, or the user disabled). Extends the session. */
export async function sessionUser(db: Database, token: string | undefined): Promise<Principal | null> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const tokenHash = hashToken(token);
  let answers = sessionAnswers.get(db);
  if (!answers) sessionAnswers.set(db, (answers = new AnswerCache(() => db.versionBesideLoads)));
  const read = () => readSessionUser(db, tokenHash);
  const answer = await answers.get(tokenHash, read, SESSION_ANSWER_MS);
  if (answer.expiresAt > Date.now()) return answer.principal;
  answers.forget(tokenHash); // remembered past the session's end: ask the database again
  return (await answers.get(tokenHash, read, SESSION_ANSWER_MS)).principal;
}

async function readSessionUser(db: Database, tokenHash: string): Promise<SessionAnswer> {
  const row = await db.one<User & { stale: boolean; expires_ms: number }>(
    `SELECT u.*, epoch(now()) - epoch(s.last_seen) > $touch AS stale, epoch_ms(s.expires_at) AS expires_ms
     FROM sessions s JOIN (${USER_SELECT}) u ON u.id = s.user_id
     WHERE s.token_hash = $token_hash AND s.expires_at > now() AND NOT u.disabled`,
    { token_hash: tokenHash, touch: TOUCH_EVERY_S }
  );
  // No session: remembered as such until something is written (a sign-in is a write).
  if (!row) return { principal: null, expiresAt: Infinity };
  if (row.stale) {
    await db
      .runUncounted(
        `UPDATE sessions SET last_seen = now(),
                expires_at = least(now() + to_hours(CAST($idle AS BIGINT)), created_at + to_days(CAST($max AS INTEGER)))
         WHERE token_hash = $token_hash`,
        { token_hash: tokenHash, idle: SESSION_IDLE_HOURS, max: SESSION_MAX_DAYS }
      )
      // Two requests of one browser touching the session at once: one write wins, which is all we need.
      .catch((e) => {
        if (!/conflict/i.test(errorMessage(e))) throw e;
      });
  }
  return { principal: { id: row.id, username: row.username, role: row.role, rep_id: row.rep_id }, expiresAt: row.expires_ms };
}

export async function signOut(db: Database, token: string | undefined): Promise<void> {
  if (token) await db.run('DELETE FROM sessions WHERE token_hash = $token_hash', { token_hash: hashToken(token) });
}
