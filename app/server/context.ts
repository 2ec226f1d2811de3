/**
 * The one per-request context: the database and the center's zone, made once per request (the API's
 * middleware in app/api/index.ts, `locals.ctx` in app/hooks.server.ts; the CLI makes its own in
 * app/cli/options.ts) and passed to every server function, instead of each one fetching them.
 *
 * Where they come from: `callboard serve` opens the database, reads --timezone, and hands both to the
 * dashboard on each request (`withServerSetup` below puts them on the Node request the hooks see; the
 * CLI and the built dashboard are two copies of this module in one process, so the request is the
 * way in). Without `serve` (tests calling `api.request()`, `vite dev`) the process's database is
 * used and the operator's zone is CALLBOARD_TZ.
 *
 * The zone: the operator's (--timezone / CALLBOARD_TZ) wins; else the stored `timezone` setting,
 * read once per database and read again after the settings page saves a new one (forgetStoredZone);
 * else America/Chicago (analytics/center-settings.ts, the one default).
 */
import { getDatabase, type Database } from '../../sql/db.ts';
import { centerTimeZone } from '../../analytics/center-settings.ts';
import { checkTimeZone } from '../../analytics/metrics/metric-query.ts';

export interface Context {
  db: Database;
  /** The center's IANA zone: days and intervals are cut in it. */
  timeZone: string;
  /** The zone the operator fixed (--timezone / CALLBOARD_TZ), which wins over the stored one; else null. */
  operatorTimeZone: string | null;
}

/** What `serve` started with: its database and the zone the operator chose (none: the stored one). */
export interface ServerSetup {
  db: Database;
  timeZone?: string;
}

const SETUP = Symbol.for('callboard.serverSetup');

/** Marks a Node request with the server's setup (`serve` does this for each request it hands on). */
export function withServerSetup<R extends object>(request: R, setup: ServerSetup): R {
  (request as Record<symbol, unknown>)[SETUP] = setup;
  return request;
}

/** The setup `serve` put on a Node request, if it came through `serve`. */
export function serverSetupOf(request: unknown): ServerSetup | undefined {
  return request && typeof request === 'object' ? ((request as Record<symbol, unknown>)[SETUP] as ServerSetup | undefined) : undefined;
}

const storedZones = new WeakMap<Database, Promise<string>>();

/** The stored zone of a database (or the default), read once. */
function storedZone(db: Database): Promise<string> {
  let zone = storedZones.get(db);
  if (!zone) {
    zone = centerTimeZone(db);
    zone.catch(() => storedZones.delete(db));
    storedZones.set(db, zone);
  }
  return zone;
}

/** After the stored zone changed: the next context reads it again. */
export function forgetStoredZone(db: Database): void {
  storedZones.delete(db);
}

/** The operator's zone when one was given: the setup's, else CALLBOARD_TZ (checked). */
function operatorZone(setup: ServerSetup | undefined): string | undefined {
  const zone = setup ? setup.timeZone : process.env.CALLBOARD_TZ || undefined;
  return zone === undefined ? undefined : checkTimeZone(zone);
}

/** The context of one request: from the setup `serve` passed on the Node request, else the process's. */
export async function requestContext(request?: unknown): Promise<Context> {
  const setup = serverSetupOf(request);
  const db = setup?.db ?? (await getDatabase());
  const operator = operatorZone(setup) ?? null;
  return { db, timeZone: operator ?? (await storedZone(db)), operatorTimeZone: operator };
}

/** A context for work outside a request (scheduled jobs): the zone read afresh each time. */
export async function jobContext(setup?: ServerSetup): Promise<Context> {
  const db = setup?.db ?? (await getDatabase());
  const operator = operatorZone(setup) ?? null;
  return { db, timeZone: await centerTimeZone(db, operator), operatorTimeZone: operator };
}
