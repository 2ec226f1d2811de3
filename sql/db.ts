/**
 * The one module that opens Callboard's DuckDB database and runs the named queries in sql/*.sql.
 *
 * Why a process-wide singleton: DuckDB lets one process own a database file; the CLI's `serve` and
 * the SvelteKit server bundle are two copies of this module in one process, so the instance lives on
 * globalThis and both share it. Each unit of work gets its own connection (connections are cheap;
 * a connection runs one statement at a time, and a transaction needs one of its own).
 */
import type { DuckDBConnection, DuckDBPreparedStatement, DuckDBResultReader, DuckDBValue } from '@duckdb/node-api';
import { DuckDBInstance } from './duckdb-api.ts';
import { AsyncLocalStorage } from 'node:async_hooks';
import { availableParallelism } from 'node:os';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DB_PATH } from './default-db-path.ts';
import { AnswerCache } from './answer-cache.ts';
import { DatabaseBusyError, errorMessage } from './errors.ts';
import { templateCopy, templateWanted } from './memory-template.ts';

export type Params = Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

export { DEFAULT_DB_PATH };
/** CALLBOARD_PROFILE=1 prints each script statement's and named query's time (finding slow steps). */
const PROFILE = process.env.CALLBOARD_PROFILE === '1';
/** CALLBOARD_DUCKDB_THREADS caps DuckDB's threads per database (the tests set 1: their files run side by side). */
const THREADS = process.env.CALLBOARD_DUCKDB_THREADS;
/**
 * The storage format a new database file is written in. DuckDB's default keeps files readable by
 * v0.10, whose string compression (dictionary and FSST, each tried on every text column) was most of
 * a load's write; v1.5's DICT_FSST wrote a million calls in a third less CPU and the events in a
 * quarter less, the file the same size (README, "Ingest"). A file made before keeps its format.
 */
export const STORAGE_VERSION = 'v1.5.0';

/** The options every database this code opens is created with. */
export function instanceOptions(extra: Record<string, string> = {}): Record<string, string> {
  return { storage_compatibility_version: STORAGE_VERSION, ...(THREADS ? { threads: THREADS } : {}), ...extra };
}

/** Finds the project's sql/ folder from this module, whether run from source or from build/. */
export function sqlDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'migrations'))) return dir;
    if (existsSync(join(dir, 'sql', 'migrations'))) return join(dir, 'sql');
    dir = dirname(dir);
  }
  throw new Error('Cannot find the sql/ folder next to the code');
}

const sqlCache = new Map<string, string>();

/** The text of sql/<name>.sql (cached). */
export function sqlText(name: string): string {
  let text = sqlCache.get(name);
  if (text === undefined) {
    text = readFileSync(join(sqlDir(), `${name}.sql`), 'utf8');
    sqlCache.set(name, text);
  }
  return text;
}

/** Plain JS values: BIGINT → number, timestamps → ISO strings; everything JSON-safe. */
export function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/**
 * A result's rows as plain objects (column name → plain value), the rows getRowObjectsJS gives run
 * through plain(). Converted a column at a time and then put together: converting row by row visits
 * every value through a callback, 0.3-0.7 s for the 83,000 rows of a year's forecast history at 10M
 * calls, against 0.07 s this way (the same values; sql/db-rows.test.ts).
 */
export function rowObjects<T>(reader: DuckDBResultReader): T[] {
  const names = reader.deduplicatedColumnNames();
  const columns = reader.getColumnsJS();
  const rows = new Array<T>(reader.currentRowCount);
  for (let r = 0; r < rows.length; r++) {
    const row: Record<string, unknown> = {};
    for (let k = 0; k < names.length; k++) row[names[k]] = plain(columns[k][r]);
    rows[r] = row as T;
  }
  return rows;
}

/** SQL that may change data (a false alarm only costs a shared answer its reuse). */
const WRITES = /\b(INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|COPY|ATTACH|DETACH|TRUNCATE|IMPORT)\b/i;

/** The values of the parameters a prepared statement names, taken from `params`. */
function boundFor(prepared: DuckDBPreparedStatement, params: Params): Params {
  const values: Params = {};
  for (let p = 1; p <= prepared.parameterCount; p++) {
    const name = prepared.parameterName(p);
    if (!(name in params)) throw new Error(`SQL parameter $${name} has no value`);
    values[name] = params[name];
  }
  return values;
}

/**
 * Reads answered at once (CALLBOARD_READ_CONNECTIONS): one per core. DuckDB already runs each query
 * on every core, so more at once only interleave and lengthen each of them (see the pool below).
 */
const READ_CONNECTIONS = Math.max(1, Number(process.env.CALLBOARD_READ_CONNECTIONS) || availableParallelism());

/** Set while an export is being loaded (Database.loading): what its writes count as. */
const loadingNow = new AsyncLocalStorage<true>();

/**
 * Runs `fn` in one transaction on `conn`, a connection the caller holds (a load keeps its temp
 * tables on its own): committed when it returns, rolled back when it throws.
 */
export async function transactionOn<T>(conn: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const result = await fn();
    await conn.run('COMMIT');
    return result;
  } catch (e) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** A few connections lent out in turn (first come, first served). */
class ReadPool {
  private readonly idle: DuckDBConnection[] = [];
  private readonly waiting: Array<(conn: DuckDBConnection) => void> = [];
  private opened = 0;

  constructor(
    private readonly open: () => Promise<DuckDBConnection>,
    private readonly size: number
  ) {}

  async take(): Promise<DuckDBConnection> {
    const conn = this.idle.pop();
    if (conn) return conn;
    if (this.opened < this.size) {
      this.opened++;
      try {
        return await this.open();
      } catch (e) {
        this.opened--;
        throw e;
      }
    }
    return new Promise((lend) => this.waiting.push(lend));
  }

  give(conn: DuckDBConnection): void {
    const next = this.waiting.shift();
    if (next) next(conn);
    else this.idle.push(conn);
  }

  close(): void {
    for (const conn of this.idle.splice(0)) conn.closeSync();
  }
}

export class Database {
  /**
   * Raised after every settled write made through this object (run, script, transaction,
   * withConnection, and all() of SQL that writes): answers read before it are not shared after it
   * (answer-cache.ts).
   */
  private writes = 0;
  /** The same count without the writes of loads (Database.loading): what who-is-signed-in depends on. */
  private writesBesideLoads = 0;
  /** Answers shared between readers while the data is unchanged (sql/answer-cache.ts). */
  readonly answers = new AnswerCache(() => this.writes, { serveWhileRefreshing: true });
  /**
   * Small look-ups many queries of one page ask again (whether the summary is current, the span of
   * the data): shared the same way, and always on (CALLBOARD_ANSWER_CACHE=0 leaves them on).
   */
  readonly lookups = new AnswerCache(() => this.writes, { enabled: true, serveWhileRefreshing: true });

  constructor(
    readonly instance: DuckDBInstance,
    readonly path: string,
    /** After close: what else goes with the database (the tests' template copies, memory-template.ts). */
    private readonly afterClose?: () => void
  ) {}

  /** How many writes this process has made (what a shared answer was read at). */
  get version(): number {
    return this.writes;
  }

  /**
   * Writes other than loads of exports: accounts, sessions, settings, notes... A load writes calls,
   * events, their summaries and its own records, never an account or a session, so answers about
   * who is signed in are keyed by this and survive the loads (a followed log loads every second).
   */
  get versionBesideLoads(): number {
    return this.writesBesideLoads;
  }

  /**
   * Runs `fn` (a load of an export: ingest/load.ts) with its writes counted as a load's: they make
   * readers' shared answers stale as any write does, but not who is signed in (versionBesideLoads).
   */
  loading<T>(fn: () => Promise<T>): Promise<T> {
    return loadingNow.run(true, fn);
  }

  /**
   * Marks the data as changed; called after each write (and by anyone writing around this object).
   * `settled` false: a statement inside a connection someone still holds (a load's staging into temp
   * tables, a statement of an open transaction): nothing is counted yet, since nobody else sees it;
   * the holder counts the change when it lets the connection go (withConnection, transaction), and a
   * load right after its COMMIT. So a load that stages for half a minute does not make every reader
   * compute afresh at each of its statements (it did: the readers of the load test waited seconds
   * behind recomputations of answers nothing had changed). The bound: a write on a held connection
   * outside a transaction is seen by shared answers when the holder lets go.
   */
  changed(settled = true): void {
    if (!settled) return;
    this.writes++;
    if (!loadingNow.getStore()) this.writesBesideLoads++;
    // Outside the load's context: what a listener starts (the live feed's timers) is no part of the load.
    loadingNow.exit(() => {
      for (const listener of this.listeners) listener();
    });
  }

  private readonly listeners = new Set<() => void>();

  /**
   * Calls `listener` after every settled write from now on (a statement of its own, or the end of a
   * connection or transaction that wrote: the live floor's feed, so a load shows on the wallboards
   * without waiting for a poll). It must be cheap and must not throw; returns the removal.
   */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async connect(): Promise<DuckDBConnection> {
    const conn = await this.instance.connect();
    await conn.run(`SET TimeZone = 'UTC'`);
    return conn;
  }

  /** Runs `fn` with a fresh connection, closed afterwards; counted as a write (fn may write). */
  async withConnection<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    try {
      return await this.reading(fn);
    } finally {
      this.changed();
    }
  }

  /**
   * Runs one read on a connection of the read pool, waiting its turn when all are busy. Why a pool:
   * 50 readers each asking a page's nine queries at once put hundreds of queries on two cores, every
   * one of them slowed by all the others, so none finished in time (the load test's readers timed
   * out). A few connections answering in turn finish each request's queries first, so readers are
   * served in order; reads share the connections, writes and transactions keep connections of their
   * own. Pooled connections only ever run single read statements, so none carries state to the next.
   */
  private async pooled<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const conn = await this.pool.take();
    try {
      return await fn(conn);
    } finally {
      this.pool.give(conn);
    }
  }

  private readonly pool = new ReadPool(() => this.connect(), READ_CONNECTIONS);

  /** Runs `fn` with a fresh connection that only reads. */
  private async reading<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const conn = await this.connect();
    try {
      return await fn(conn);
    } finally {
      conn.closeSync();
    }
  }

  /** Runs `fn` inside one transaction: all of it is published, or none of it. */
  async transaction<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.withConnection((conn) => transactionOn(conn, () => fn(conn)));
  }

  /**
   * Rows of an SQL text with bound parameters. The statement takes the parameters it names from
   * `params` (one parameter set can serve several questions); a name it needs but lacks is an error.
   */
  async all<T = Row>(sql: string, params: Params = {}, conn?: DuckDBConnection, label?: string): Promise<T[]> {
    const asked = performance.now();
    const run = async (c: DuckDBConnection) => {
      const t0 = performance.now();
      const prepared = await c.prepare(sql);
      try {
        prepared.bind(boundFor(prepared, params));
        return rowObjects<T>(await prepared.runAndReadAll());
      } finally {
        prepared.destroySync();
        // (profiling: the statement's own time, apart from any wait for a pooled connection)
        if (label) console.error(`[sql ${(performance.now() - t0).toFixed(0)} ms${t0 - asked >= 1 ? `, waited ${(t0 - asked).toFixed(0)} ms` : ''}] ${label}`);
      }
    };
    if (conn) return run(conn);
    if (!WRITES.test(sql)) return this.pooled(run);
    return this.reading(run).finally(() => this.changed());
  }

  /** Rows of the named query sql/<name>.sql (with CALLBOARD_PROFILE=1, its time is printed). */
  query<T = Row>(name: string, params: Params = {}, conn?: DuckDBConnection): Promise<T[]> {
    return this.all<T>(sqlText(name), params, conn, PROFILE ? name : undefined);
  }

  async one<T = Row>(sql: string, params: Params = {}, conn?: DuckDBConnection): Promise<T | undefined> {
    return (await this.all<T>(sql, params, conn))[0];
  }

  /**
   * Runs every statement of an SQL text in order on one connection, binding to each statement
   * only the parameters it names (sql/*.sql files may hold several statements). Each prepared
   * statement is freed as soon as it has run: it holds on to memory from its run (tens of MB for a
   * large aggregate) until destroyed, and over the many passes of a large load the garbage
   * collector gets to it too late.
   */
  async script(sql: string, params: Params, conn: DuckDBConnection, label = sql.slice(0, 40).replace(/\s+/g, ' ')): Promise<void> {
    const statements = await conn.extractStatements(sql);
    for (let i = 0; i < statements.count; i++) {
      const prepared = await statements.prepare(i);
      try {
        prepared.bind(boundFor(prepared, params));
        const t0 = PROFILE ? performance.now() : 0;
        await prepared.run();
        if (PROFILE) console.error(`[sql ${(performance.now() - t0).toFixed(0)} ms] ${label} statement ${i + 1}`);
      } finally {
        prepared.destroySync();
      }
    }
    this.changed(false);
  }

  /** Runs the statements of sql/<name>.sql in order on one connection (see script). */
  scriptFile(name: string, params: Params, conn: DuckDBConnection): Promise<void> {
    return this.script(sqlText(name), params, conn, `${name}.sql`);
  }

  async run(sql: string, params: Params = {}, conn?: DuckDBConnection): Promise<void> {
    try {
      if (conn) await conn.run(sql, params);
      else await this.reading((c) => c.run(sql, params).then(() => undefined));
    } finally {
      this.changed(!conn);
    }
  }

  /**
   * A write no shared answer depends on (a session's last use): not counted as a change, so it
   * does not make readers compute their answers afresh.
   */
  async runUncounted(sql: string, params: Params = {}): Promise<void> {
    await this.reading((c) => c.run(sql, params).then(() => undefined));
  }

  close(): void {
    this.pool.close();
    this.instance.closeSync();
    this.afterClose?.();
  }
}

/** Applies sql/migrations/NNN-name.sql in order, each once, each in its own transaction. */
export async function migrate(db: Database): Promise<number> {
  await db.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
  const done = new Set((await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
  const dir = join(sqlDir(), 'migrations');
  const files = readdirSync(dir).filter((f) => /^\d{3}-.+\.sql$/.test(f)).sort();
  let applied = 0;
  for (const file of files) {
    const version = Number(file.slice(0, 3));
    if (done.has(version)) continue;
    await db.transaction(async (conn) => {
      await conn.run(readFileSync(join(dir, file), 'utf8'));
      await conn.run('INSERT INTO schema_migrations (version, name) VALUES ($v, $n)', { v: version, n: file });
    });
    applied++;
  }
  return applied;
}

const LOCK_HINT =
  'Callboard is already running on this database (DuckDB allows one process to write it). ' +
  'Load files through the running server instead: upload them on the Imports page, POST /api/imports, ' +
  'or drop them into its inbox folder (data/inbox); or stop the server and run the command again.';

/**
 * The database holds callers' numbers: its file and its WAL are for the owner only (0600, like
 * backups). DuckDB creates the WAL afresh after every checkpoint, so a chmod once is not enough: the
 * process's umask gains 077 (group and others lose every bit) from the first open of a file on, and
 * files made before (by an older version) are chmodded. In a worker thread, where the umask cannot be
 * set, only the chmod happens.
 */
function keepPrivate(file: string): void {
  try {
    process.umask(process.umask(0o077) | 0o077); // sets and reads in one call: the no-argument form is deprecated
  } catch {
    // worker threads may not change the process's umask
  }
  for (const f of [file, `${file}.wal`]) if (existsSync(f)) chmodSync(f, 0o600);
}

/** Opens (creating if missing) and migrates a database file, or ':memory:'. */
export async function openDatabase(path: string = DEFAULT_DB_PATH): Promise<Database> {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true });
    keepPrivate(file);
  }
  let instance: DuckDBInstance;
  if (file === ':memory:' && templateWanted()) {
    // The tests: a private copy of a database migrated once, not every migration again (memory-template.ts).
    const copy = await templateCopy(async (path) => (await openDatabase(path)).close(), instanceOptions());
    const db = new Database(copy.instance, file, copy.removeCopy);
    await migrate(db);
    return db;
  }
  try {
    instance = await DuckDBInstance.create(file, instanceOptions());
    if (file !== ':memory:') keepPrivate(file);
  } catch (e) {
    const msg = errorMessage(e);
    if (/lock/i.test(msg)) {
      const pid = /PID (\d+)/.exec(msg)?.[1];
      throw new DatabaseBusyError(`${path} is in use${pid ? ` by process ${pid}` : ''}. ${LOCK_HINT}`);
    }
    throw e;
  }
  const db = new Database(instance, file);
  await migrate(db);
  return db;
}

type Shared = { __callboardDb?: Promise<Database>; __callboardDbPath?: string };
const shared = globalThis as typeof globalThis & Shared;

/** The process's database (opened once, shared by the CLI, the API and the pages). */
export function getDatabase(path = process.env.CALLBOARD_DB ?? DEFAULT_DB_PATH): Promise<Database> {
  if (!shared.__callboardDb) {
    shared.__callboardDbPath = path;
    shared.__callboardDb = openDatabase(path).catch((e) => {
      shared.__callboardDb = undefined;
      throw e;
    });
  }
  return shared.__callboardDb;
}

/** Whether the process already has its database (opened, or installed by setDatabase). */
export function hasDatabase(): boolean {
  return shared.__callboardDb !== undefined;
}

/** Installs an already-open database as the process's database (tests, `serve`). */
export function setDatabase(db: Database): void {
  shared.__callboardDb = Promise.resolve(db);
  shared.__callboardDbPath = db.path;
}

export async function closeDatabase(): Promise<void> {
  const db = await shared.__callboardDb?.catch(() => undefined);
  shared.__callboardDb = undefined;
  db?.close();
}
