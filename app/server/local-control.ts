/**
 * How the command line reaches a running server. DuckDB lets one process own a database file, so while
 * `callboard serve` runs, `callboard backup` and `callboard user add` cannot open it. The server writes
 * `<db>.server.json` beside the database, readable by its owner only (mode 0600): its address, its pid
 * and a random token. The CLI reads it and asks the server over HTTP with `Authorization: Bearer
 * <token>`. Whoever can read that file can read the database file itself, so the token grants nothing
 * the file system does not already; it opens only the routes marked `local` in app/api/access.ts.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ServerAdvert {
  pid: number;
  url: string;
  token: string;
}

/**
 * The token lives on globalThis, like the database (sql/db.ts): `callboard serve` and the SvelteKit
 * server bundle are two copies of this module in one process; the one advertises, the other checks.
 */
type Shared = { __callboardLocalToken?: string | null };
const shared = globalThis as typeof globalThis & Shared;

export const advertPath = (dbPath: string) => `${resolve(dbPath)}.server.json`;

/** Publishes this process's API address for the CLI; answers a function that withdraws it. */
export function advertiseServer(dbPath: string, url: string): () => void {
  const file = advertPath(dbPath);
  const token = randomBytes(32).toString('base64url');
  rmSync(file, { force: true }); // a stale file may carry looser permissions; create ours afresh
  writeFileSync(file, JSON.stringify({ pid: process.pid, url, token } satisfies ServerAdvert), { mode: 0o600, flag: 'wx' });
  shared.__callboardLocalToken = token;
  return () => {
    if (shared.__callboardLocalToken === token) shared.__callboardLocalToken = null;
    try {
      const advert = JSON.parse(readFileSync(file, 'utf8')) as ServerAdvert;
      if (advert.token === token) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether a presented bearer token is this process's advertised one. */
export function isLocalToken(presented: string | undefined): boolean {
  const current = shared.__callboardLocalToken;
  if (!presented || !current) return false;
  return timingSafeEqual(digest(presented), digest(current));
}

/** The advert of the server that holds a database, if one is running. */
export function readServerAdvert(dbPath: string): ServerAdvert | null {
  const file = advertPath(dbPath);
  if (!existsSync(file)) return null;
  try {
    const advert = JSON.parse(readFileSync(file, 'utf8')) as ServerAdvert;
    process.kill(advert.pid, 0); // throws if that process is gone
    return advert;
  } catch {
    return null;
  }
}

/** A request to the running server's API as the local command line. */
export function callServer(advert: ServerAdvert, method: string, path: string, body?: unknown): Promise<Response> {
  const url = new URL(path, advert.url);
  return fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${advert.token}`,
      origin: url.origin,
      ...(body === undefined ? {} : { 'content-type': 'application/json' })
    },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
}
