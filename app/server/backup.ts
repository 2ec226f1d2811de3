/**
 * Backups: a consistent copy of everything (calls, notes, schedules, settings, users, the audit log),
 * taken while the server runs, and restored exactly.
 *
 * The decision: the process that owns the database takes every backup, inside DuckDB. It ATTACHes a
 * new file and runs COPY FROM DATABASE into it within ONE transaction, so the copy is one snapshot: a
 * load publishing at the same moment is wholly in it or wholly not. The backup is itself a DuckDB
 * database (schema, data, sequence positions, macros, views), which any DuckDB 1.5 can open.
 * - `callboard backup FILE` with no server running opens the database itself and does just that.
 * - While a server holds the file (DuckDB: one process per file), the CLI asks that server instead:
 *   POST /api/backup with the local token (local-control.ts); the server streams the copy back and
 *   the CLI writes FILE. Admins can download the same from the app with their session.
 * - Restore puts a backup file in place of the database. It needs the server stopped (it replaces the
 *   file the server holds), refuses to overwrite a database without `force`, and even then keeps the
 *   replaced file beside it (`<db>.before-restore-<time>`): nothing people wrote is thrown away.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance, quotedIdentifier, quotedString } from '../../sql/duckdb-api.ts';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { sqlDir, type Database } from '../../sql/db.ts';
import { CallboardError, ConflictError, DatabaseBusyError, InputError, errorMessage } from '../../sql/errors.ts';
import { callServer, type ServerAdvert } from './local-control.ts';
import { audit, type Actor } from './audit.ts';

export interface BackupSummary {
  file: string;
  schema_version: number;
  /** Rows per table. */
  tables: Record<string, number>;
}

/** Catalog and table names, and ATTACH's path (ATTACH takes no bound parameters): DuckDB's own quoting. */
const quoteIdent = quotedIdentifier;
const quoteLiteral = quotedString;

async function scalar<T>(conn: DuckDBConnection, sql: string, params: Record<string, string> = {}): Promise<T> {
  const reader = await conn.runAndReadAll(sql, params);
  return reader.getRowsJS()[0]?.[0] as T;
}

async function tableCounts(conn: DuckDBConnection, catalog: string): Promise<Record<string, number>> {
  const reader = await conn.runAndReadAll(
    `SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = $catalog AND NOT internal
     ORDER BY schema_name, table_name`,
    { catalog }
  );
  const counts: Record<string, number> = {};
  for (const [schema, table] of reader.getRowsJS() as [string, string][]) {
    const name = schema === 'main' ? table : `${schema}.${table}`;
    counts[name] = Number(
      await scalar<bigint>(conn, `SELECT count(*) FROM ${quoteIdent(catalog)}.${quoteIdent(schema)}.${quoteIdent(table)}`)
    );
  }
  return counts;
}

async function schemaVersion(conn: DuckDBConnection, catalog: string): Promise<number> {
  return Number(await scalar<number>(conn, `SELECT max(version) FROM ${quoteIdent(catalog)}.main.schema_migrations`));
}

/**
 * Writes a consistent copy of the database to `file` (which must not exist, unless `replace`). The
 * copy is built under a temporary name beside it and renamed into place once complete.
 */
export async function backupDatabase(db: Database, file: string, opts: { replace?: boolean } = {}): Promise<BackupSummary> {
  const target = resolve(file);
  if (existsSync(target) && !opts.replace) throw new ConflictError(`${file} already exists`);
  mkdirSync(dirname(target), { recursive: true });
  const partial = join(dirname(target), `.${basename(target)}.partial-${randomBytes(6).toString('hex')}`);
  const alias = `callboard_backup_${randomBytes(6).toString('hex')}`;
  try {
    const summary = await db.withConnection(async (conn) => {
      const source = await scalar<string>(conn, 'SELECT current_database()');
      await conn.run(`ATTACH ${quoteLiteral(partial)} AS ${alias}`);
      try {
        await conn.run('BEGIN TRANSACTION');
        await conn.run(`COPY FROM DATABASE ${quoteIdent(source)} TO ${alias}`);
        // Same transaction, same snapshot: the copy must hold exactly what the source holds.
        const [from, to] = [await tableCounts(conn, source), await tableCounts(conn, alias)];
        for (const [table, rows] of Object.entries(from)) {
          if (to[table] !== rows) throw new Error(`backup check: ${table} has ${rows} rows but the copy ${to[table]}`);
        }
        const version = await schemaVersion(conn, source);
        await conn.run('COMMIT');
        await conn.run(`CHECKPOINT ${alias}`);
        return { schema_version: version, tables: from };
      } catch (e) {
        await conn.run('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        await conn.run(`DETACH ${alias}`).catch(() => undefined);
      }
    });
    chmodSync(partial, 0o600); // callers' numbers and password hashes: for the owner's eyes only
    renameSync(partial, target);
    return { file: target, ...summary };
  } finally {
    rmSync(partial, { force: true });
    rmSync(`${partial}.wal`, { force: true });
  }
}

/**
 * A backup in a fresh private temporary folder (for streaming it to a client), audit-logged as taken
 * by `user`; `remove` deletes it.
 */
export async function backupToTemporaryFile(db: Database, user: Actor): Promise<BackupSummary & { remove: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-backup-'));
  try {
    const summary = await backupDatabase(db, join(dir, 'callboard-backup.duckdb'));
    await db.transaction((conn) =>
      audit(db, conn, { user, action: 'backup', entity: 'database', after: { schema_version: summary.schema_version, tables: summary.tables } })
    );
    return { ...summary, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Asks the server that holds the database for a backup (POST /api/backup with the local token) and
 * writes it to `file`, then checks it opens and holds a Callboard database.
 */
export async function backupThroughServer(advert: ServerAdvert, file: string, opts: { replace?: boolean } = {}): Promise<BackupSummary> {
  const target = resolve(file);
  if (existsSync(target) && !opts.replace) throw new ConflictError(`${file} already exists`);
  let response: Response;
  try {
    response = await callServer(advert, 'POST', '/api/backup');
  } catch (e) {
    throw new DatabaseBusyError(`the server holding the database (process ${advert.pid}, ${advert.url}) does not answer: ${errorMessage(e)}`);
  }
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new CallboardError(`the server refused the backup: ${body.error ?? response.statusText}`, response.status, 1);
  }
  mkdirSync(dirname(target), { recursive: true });
  const partial = join(dirname(target), `.${basename(target)}.partial-${randomBytes(6).toString('hex')}`);
  try {
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), createWriteStream(partial, { mode: 0o600 }));
    await inspectBackup(partial);
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
  return inspectBackup(target);
}

/** Opens a backup read-only and says what it holds; refuses a file that is not a Callboard database. */
export async function inspectBackup(file: string): Promise<BackupSummary> {
  if (!existsSync(file)) throw new InputError(`${file}: no such file`);
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(resolve(file), { access_mode: 'READ_ONLY' });
  } catch (e) {
    throw new InputError(`${file}: not a DuckDB database (${errorMessage(e).split('\n')[0]})`);
  }
  try {
    const conn = await instance.connect();
    try {
      const catalog = await scalar<string>(conn, 'SELECT current_database()');
      const tables = await tableCounts(conn, catalog);
      if (!('schema_migrations' in tables) || !('calls' in tables)) {
        throw new InputError(`${file}: not a Callboard backup (it has no calls or schema_migrations table)`);
      }
      return { file: resolve(file), schema_version: await schemaVersion(conn, catalog), tables };
    } finally {
      conn.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** The newest schema version this code knows (sql/migrations/NNN-*.sql). */
function knownSchemaVersion(): number {
  const versions = readdirSync(join(sqlDir(), 'migrations'))
    .filter((f) => /^\d{3}-.+\.sql$/.test(f))
    .map((f) => Number(f.slice(0, 3)));
  return Math.max(0, ...versions);
}

/** Fails if another process holds the database file; otherwise checkpoints it (no WAL left behind). */
async function checkNotInUse(path: string): Promise<void> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path);
  } catch (e) {
    const msg = errorMessage(e);
    if (!/lock/i.test(msg)) throw e;
    const pid = /PID (\d+)/.exec(msg)?.[1];
    throw new DatabaseBusyError(
      `${path} is in use${pid ? ` by process ${pid}` : ''}: stop the Callboard server, then run restore again`
    );
  }
  try {
    const conn = await instance.connect();
    await conn.run('CHECKPOINT');
    conn.closeSync();
  } finally {
    instance.closeSync();
  }
}

export interface RestoreSummary extends BackupSummary {
  /** Where the database that was replaced now is (with --force), else null. */
  kept_as: string | null;
}

/** Puts a backup in place of the database at `dbPath`. The server must be stopped. */
export async function restoreDatabase(backupFile: string, dbPath: string, opts: { force?: boolean } = {}): Promise<RestoreSummary> {
  if (dbPath === ':memory:') throw new InputError('restore needs a database file (--db PATH), not :memory:');
  const summary = await inspectBackup(backupFile);
  const known = knownSchemaVersion();
  if (summary.schema_version > known) {
    throw new InputError(`${backupFile} was made by a newer Callboard (schema ${summary.schema_version}; this one knows ${known})`);
  }
  const target = resolve(dbPath);
  if (target === summary.file) throw new InputError('the backup and the database are the same file');
  let keptAs: string | null = null;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  if (existsSync(target)) {
    if (!opts.force) {
      throw new ConflictError(`${dbPath} already exists; add --force to replace it (the current database is then kept beside it)`);
    }
    await checkNotInUse(target);
    keptAs = `${target}.before-restore-${stamp}`;
    renameSync(target, keptAs);
    if (existsSync(`${target}.wal`)) renameSync(`${target}.wal`, `${keptAs}.wal`);
  } else if (existsSync(`${target}.wal`)) {
    // A WAL without its database would be replayed onto the restored file: set it aside.
    renameSync(`${target}.wal`, `${target}.wal.orphaned-${stamp}`);
  }
  const incoming = `${target}.restoring`;
  copyFileSync(backupFile, incoming);
  renameSync(incoming, target);
  return { ...summary, file: target, kept_as: keptAs };
}
