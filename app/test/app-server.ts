/**
 * The real app for browser tests: a fresh database file seeded with the demo center through the
 * real ingest path, served by `callboard serve` in a child process from an up-to-date build
 * (build-app.ts). Call `startApp()` once per test file (in `beforeAll`) and `stop()` in `afterAll`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../sql/db.ts';
import { seedDemo } from '../server/demo/seed-demo.ts';
import { passwordCostLowered } from '../server/password-cost.ts';
import { contentHash, ensureBuilt, RESULTS, ROOT, sourceFiles, withFileLock } from './build-app.ts';

/** The demo center the browser tests see: five weeks up to a fixed Wednesday afternoon (Chicago). */
export const DEMO = {
  timeZone: 'America/Chicago',
  end: new Date('2026-11-25T20:00:00Z'),
  days: 35,
  /** A full weekday with calls, whose four previous Tuesdays are in the data too. */
  day: '2026-11-24',
  /** A Sunday: the center is closed, no calls. */
  closedDay: '2026-11-22'
} as const;

export interface StartOptions {
  /** Fill the new database before the server starts (default: the DEMO center). */
  seed?: (db: Database) => Promise<void>;
  /** Serve a copy of this database file instead (e.g. a demo copy a test loaded more into first). */
  dbFile?: string;
  /** Add to a copy of the seeded DEMO center before the server starts (cheaper than `seed` calling seedDemoCenter). */
  addToDemo?: (db: Database) => Promise<void>;
  /** Serve a copy of this database file instead (the benchmarks' large center). */
  copyOf?: string;
  /** Extra environment for the server. */
  env?: Record<string, string>;
  /** The port to listen on (default: any free one the system gives). */
  port?: number;
}

export interface RunningApp {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** The server's database file (owned by the server while it runs). */
  dbPath: string;
  /** What the server printed so far (for failure messages). */
  output(): string;
  /** The server process's id (the benchmarks read its CPU time and memory). */
  pid: number;
  stop(): Promise<void>;
}

export const seedDemoCenter = async (db: Database) => {
  await seedDemo(db, { timeZone: DEMO.timeZone, end: DEMO.end, days: DEMO.days });
};

const CLI = join(ROOT, 'app/cli/callboard.js');

/** What a seeded demo database is made from: the generator, the loader, the summaries, the schema, the accounts. */
const DEMO_SOURCES = ['app/server', 'ingest', 'analytics', 'sql'];
const demoSource = (name: string) => /\.(ts|sql)$/.test(name) && !name.endsWith('.test.ts');

/**
 * A seeded demo database to copy (test-results/demo-<days>d-<end>-<hash>.duckdb): seeding takes
 * seconds, copying milliseconds. Made again when the contents of anything it is made from change;
 * one test file (or the browser tests' warm-up, prepare-app.ts) makes it while the others wait.
 */
export async function demoTemplate(): Promise<string> {
  const hash = contentHash(DEMO_SOURCES.flatMap((d) => sourceFiles(d, demoSource)));
  // Users hashed at the tests' cheap password cost (unit-setup.ts) are kept apart from a benchmark's.
  const name = `demo-${DEMO.days}d-${DEMO.end.getTime()}-${hash}${passwordCostLowered() ? '-testpw' : ''}.duckdb`;
  const path = join(RESULTS, name);
  if (existsSync(path)) return path;
  return withFileLock('demo-db.lock', async () => {
    if (existsSync(path)) return path;
    const partial = `${path}.partial-${process.pid}`;
    rmSync(partial, { force: true });
    const db = await openDatabase(partial);
    try {
      await seedDemoCenter(db);
    } finally {
      db.close();
    }
    renameSync(partial, path);
    for (const old of readdirSync(RESULTS)) {
      const file = join(RESULTS, old);
      if (/^demo-.*\.duckdb/.test(old) && old !== name && Date.now() - statSync(file).mtimeMs > 10 * 60_000) rmSync(file, { force: true });
    }
    return path;
  });
}

function waitForUp(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server did not come up within 60 s:\n${output()}`)), 60_000);
    const onData = () => {
      const m = /Callboard is up: (http:\/\/\S+?)\/?\s/.exec(output());
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        ok(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the server exited (code ${code}) before it was up:\n${output()}`));
    });
  });
}

export async function startApp(opts: StartOptions = {}): Promise<RunningApp> {
  const [cwd, dir] = await Promise.all([ensureBuilt(), Promise.resolve(mkdtempSync(join(tmpdir(), 'callboard-browser-')))]);
  const dbPath = join(dir, 'callboard.duckdb');
  if (opts.copyOf) copyFileSync(opts.copyOf, dbPath);
  else if (!opts.seed) copyFileSync(opts.dbFile ?? (await demoTemplate()), dbPath);
  const fill = opts.seed ?? opts.addToDemo;
  if (fill) {
    const db = await openDatabase(dbPath);
    try {
      await fill(db);
    } finally {
      db.close();
    }
  }

  const env: NodeJS.ProcessEnv = { ...process.env, CALLBOARD_NO_JOBS: '1', CALLBOARD_INBOX: join(dir, 'inbox'), ...opts.env };
  delete env.CALLBOARD_TZ; // the center's zone comes from the database's settings (default America/Chicago)
  delete env.CALLBOARD_DB;
  delete env.PORT;
  const child = spawn(process.execPath, [CLI, 'serve', '--db', dbPath, '--port', String(opts.port ?? 0), '--host', '127.0.0.1', '--no-demo'], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let log = '';
  child.stdout!.on('data', (b) => (log += b));
  child.stderr!.on('data', (b) => (log += b));
  const output = () => log;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  let url: string;
  try {
    url = await waitForUp(child, output);
  } catch (e) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    url,
    dbPath,
    output,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(forced);
      }
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
