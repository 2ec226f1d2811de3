/**
 * Tests only: the demo center (app/server/demo, loaded by seedDemo through the real ingest path) as a
 * database of its own for each test file. Generating and loading 17 weeks takes ~20 s, so the loaded
 * database file is built once and cached in the OS temp folder under a hash of everything that
 * shapes it (ingest/, sql/, app/server/demo/ and the DuckDB version); each test gets a fresh copy.
 * Test files running in parallel wait for the one that builds it (a lock folder).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../../sql/db.ts';
import { seedDemo } from '../../app/server/demo/seed-demo.ts';

export const DEMO_TZ = 'America/Chicago';
/** Friday 2026-06-05, 18:00 in Chicago: the data ends during the last open hour of a Friday. */
export const DEMO_END = new Date('2026-06-05T23:00:00Z');
export const DEMO_DAYS = 7 * 17;
/** The Monday after the data ends: the week the tests plan. */
export const DEMO_NEXT_MONDAY = '2026-06-08';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE = join(tmpdir(), 'callboard-test-demo');

function hashTree(hash: ReturnType<typeof createHash>, dir: string, keep: (name: string) => boolean = () => true): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(hash, path, keep);
    else if (!name.endsWith('.test.ts') && keep(name)) hash.update(name).update(readFileSync(path));
  }
}

function cacheKey(): string {
  const hash = createHash('sha256');
  for (const dir of ['ingest', 'sql/migrations', 'app/server/demo']) hashTree(hash, join(ROOT, dir));
  // The loader's SQL (stage-*, derive-*), the database module and the demo sign-ins' accounts code.
  hashTree(hash, join(ROOT, 'sql'), (name) => /^(stage-|derive-)|^db\.ts$/.test(name));
  hash.update(readFileSync(join(ROOT, 'app/server/accounts.ts')));
  hash.update(readFileSync(join(ROOT, 'node_modules/@duckdb/node-api/package.json')));
  hash.update(JSON.stringify({ end: DEMO_END.toISOString(), days: DEMO_DAYS, tz: DEMO_TZ }));
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  return hash.digest('hex').slice(0, 24);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function buildOnce(file: string): Promise<void> {
  const lock = `${file}.lock`;
  for (;;) {
    if (existsSync(file)) return;
    try {
      mkdirSync(lock);
    } catch {
      // Someone else is building it; a lock older than 10 minutes is left over from a killed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
      await sleep(250);
      continue;
    }
    const building = `${file}.${process.pid}.building`;
    try {
      rmSync(building, { force: true });
      const db = await openDatabase(building);
      try {
        await seedDemo(db, { timeZone: DEMO_TZ, end: DEMO_END, days: DEMO_DAYS });
        await db.run('CHECKPOINT');
      } finally {
        db.close();
      }
      renameSync(building, file);
      return;
    } finally {
      rmSync(building, { force: true });
      rmSync(`${building}.wal`, { force: true });
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** A fresh copy of the demo center's database (at `path`); `dispose` closes it if open and deletes it. */
export async function demoDatabase(): Promise<{ db: Database; path: string; dispose: () => void }> {
  mkdirSync(CACHE, { recursive: true });
  const key = cacheKey();
  const file = join(CACHE, `${key}.duckdb`);
  await buildOnce(file);
  for (const old of readdirSync(CACHE)) {
    const path = join(CACHE, old);
    if (!old.startsWith(key) && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
  const dir = mkdtempSync(join(tmpdir(), 'callboard-demo-copy-'));
  const copy = join(dir, 'demo.duckdb');
  copyFileSync(file, copy);
  const db = await openDatabase(copy);
  return {
    db,
    path: copy,
    dispose: () => {
      try {
        db.close();
      } catch {
        // closed already (a test handed the file to a child process)
      }
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
