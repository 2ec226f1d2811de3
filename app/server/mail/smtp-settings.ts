/**
 * The SMTP server reports are mailed through: set by an admin on the Settings page (stored in
 * `mail_server`, migration 030), or given by the operator as CALLBOARD_SMTP_URL, which wins. The stored
 * password is used for sending only: no read here returns it, and the audit log never holds it.
 */
import type { Database } from '../../../sql/db.ts';
import { InputError } from '../../../sql/errors.ts';
import { audit, type Actor } from '../audit.ts';

/** What the Settings page offers: none, STARTTLS required, or TLS from the start (smtps, port 465). */
export const TLS_MODES = ['none', 'starttls', 'tls'] as const;
/** `auto` (an smtp:// URL only): STARTTLS when the server offers it, as nodemailer reads such URLs. */
export type TlsMode = (typeof TLS_MODES)[number] | 'auto';

/** What sending needs, password included: never leaves the server. */
export interface SmtpConfig {
  host: string;
  port: number;
  tls: TlsMode;
  username: string | null;
  password: string | null;
  from_address: string;
}

/** What the settings page and API show: the password only as "one is set". */
export interface SmtpView {
  host: string | null;
  port: number | null;
  tls: (typeof TLS_MODES)[number] | null;
  username: string | null;
  from_address: string | null;
  has_password: boolean;
  /** `env` when CALLBOARD_SMTP_URL is set (it wins over the stored server), `settings`, or null: none. */
  source: 'env' | 'settings' | null;
  /** The server from CALLBOARD_SMTP_URL, without its password, when it is set. */
  env_server: string | null;
}

export interface SmtpInput {
  host: string;
  port: number;
  tls: (typeof TLS_MODES)[number];
  username: string | null;
  /** A new password; undefined keeps the stored one, null removes it. */
  password?: string | null;
  from_address: string;
}

export const DEFAULT_FROM = 'callboard@localhost';

/**
 * Reads `smtp://user:pass@host:port` (upgraded by STARTTLS when the server offers it) or `smtps://...`
 * (TLS from the start); user and password URL-encoded; `?from=ADDRESS` sets the sender (default: the
 * user name when it is an address, else callboard@localhost).
 */
export function smtpFromUrl(url: string): SmtpConfig {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InputError('CALLBOARD_SMTP_URL: not a URL; write smtp://user:pass@host:port or smtps://user:pass@host:port');
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new InputError(`CALLBOARD_SMTP_URL: the scheme must be smtp:// or smtps:// (got ${u.protocol}//)`);
  if (!u.hostname) throw new InputError('CALLBOARD_SMTP_URL: no host');
  const tls: TlsMode = u.protocol === 'smtps:' ? 'tls' : 'auto';
  const username = u.username ? decodeURIComponent(u.username) : null;
  const from = u.searchParams.get('from');
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : tls === 'tls' ? 465 : 587,
    tls,
    username,
    password: u.password ? decodeURIComponent(u.password) : null,
    from_address: from ?? (username?.includes('@') ? username : DEFAULT_FROM)
  };
}

const serverText = (c: Pick<SmtpConfig, 'host' | 'port' | 'tls' | 'username'>) => `${c.username ? `${c.username}@` : ''}${c.host}:${c.port} (${c.tls})`;

async function storedSmtp(db: Database): Promise<(SmtpConfig & { tls: SmtpView['tls'] & string }) | null> {
  return (await db.one<SmtpConfig & { tls: SmtpView['tls'] & string }>('SELECT host, port, tls, username, password, from_address FROM mail_server WHERE id = 1')) ?? null;
}

/** The server mail goes through: CALLBOARD_SMTP_URL if given, else the stored one, else null. */
export async function smtpConfig(db: Database, smtpUrl: string | null): Promise<SmtpConfig | null> {
  return smtpUrl ? smtpFromUrl(smtpUrl) : storedSmtp(db);
}

export async function readSmtp(db: Database, smtpUrl: string | null): Promise<SmtpView> {
  const stored = await storedSmtp(db);
  let envServer: string | null = null;
  if (smtpUrl) {
    try {
      envServer = serverText(smtpFromUrl(smtpUrl));
    } catch (e) {
      envServer = (e as Error).message;
    }
  }
  return {
    host: stored?.host ?? null,
    port: stored?.port ?? null,
    tls: stored?.tls ?? null,
    username: stored?.username ?? null,
    from_address: stored?.from_address ?? null,
    has_password: !!stored?.password,
    source: smtpUrl ? 'env' : stored ? 'settings' : null,
    env_server: envServer
  };
}

const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

/** A mail address, trimmed and lower-cased, or an error that names it. */
export function checkAddress(address: string, field = 'address'): string {
  const a = address.trim().toLowerCase();
  if (!EMAIL.test(a) || a.length > 254) throw new InputError(`${field}: "${address}" is not a mail address (name@example.org)`);
  return a;
}

/** Stores the server (audited: before and after, never the password, only whether it changed). */
export async function saveSmtp(db: Database, user: Actor, input: SmtpInput, smtpUrl: string | null = null): Promise<SmtpView> {
  const host = input.host.trim();
  if (!/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/.test(host)) throw new InputError(`host: "${input.host}" is not a host name or address`);
  if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535) throw new InputError(`port: give 1 to 65535 (got ${input.port})`);
  const from = checkAddress(input.from_address, 'from_address');
  await db.transaction(async (conn) => {
    const before = await db.one<SmtpConfig>('SELECT host, port, tls, username, password, from_address FROM mail_server WHERE id = 1', {}, conn);
    const password = input.password === undefined ? (before?.password ?? null) : input.password || null;
    await db.run(
      `INSERT INTO mail_server (id, host, port, tls, username, password, from_address, updated_at)
       VALUES (1, $host, $port, $tls, $username, $password, $from, now())
       ON CONFLICT (id) DO UPDATE SET host = excluded.host, port = excluded.port, tls = excluded.tls, username = excluded.username,
         password = excluded.password, from_address = excluded.from_address, updated_at = excluded.updated_at`,
      { host, port: input.port, tls: input.tls, username: input.username?.trim() || null, password, from },
      conn
    );
    const shown = (c: SmtpConfig | undefined, pw: string | null) =>
      c ? { host: c.host, port: c.port, tls: c.tls, username: c.username, from_address: c.from_address, has_password: !!pw } : null;
    await audit(db, conn, {
      user,
      action: before ? 'update' : 'create',
      entity: 'mail_server',
      entityId: 'smtp',
      before: shown(before, before?.password ?? null),
      after: { ...shown({ host, port: input.port, tls: input.tls, username: input.username?.trim() || null, password, from_address: from }, password), password_changed: input.password !== undefined }
    });
  });
  return readSmtp(db, smtpUrl);
}
