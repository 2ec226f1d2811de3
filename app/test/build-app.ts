/**
 * The built dashboard for browser tests: `vite build` runs when build/ was not made from the sources
 * as they are now (a hash of their contents, kept in build/source-hash.txt: a checkout or a touch that
 * changes no byte does not rebuild, an edit always does; one test file builds while the others wait
 * on a lock file), and each test server then runs from a private copy of that build
 * (test-results/app-build-<hash>/build), so a rebuild started by someone else's run never swaps files
 * under a server that is still answering. The copy sits two levels inside the project, so the server
 * still finds sql/ and node_modules/.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BUILD = join(ROOT, 'build');
const BUILD_HASH = join(BUILD, 'source-hash.txt');
export const RESULTS = join(ROOT, 'test-results');
/** What the build is made of: the code under these folders and the configs (not tests or docs). */
const SOURCE_DIRS = ['app', 'analytics', 'ingest', 'sql'];
const SOURCE_FILES = ['svelte.config.js', 'vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];
/** sql/*.sql files are read at run time from sql/, not bundled; tests and docs are not bundled either. */
const NOT_BUNDLED = /(\.test\.ts|\.sql|\.md)$/;

/** The files under `dir` (relative to the project) whose names pass `wanted`, skipping test folders. */
export function sourceFiles(dir: string, wanted: (name: string) => boolean): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'test' || entry.name.startsWith('.')) continue;
      files.push(...sourceFiles(path, wanted));
    } else if (wanted(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

/** A hash of the names and contents of `files` (relative to the project): equal exactly when no byte differs. */
export function contentHash(files: string[]): string {
  const hash = createHash('sha256');
  for (const f of [...files].sort()) {
    hash.update(`${f}\0`);
    hash.update(readFileSync(join(ROOT, f)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** Everything the build is made from (relative to the project). */
export function buildSources(): string[] {
  const files = SOURCE_DIRS.flatMap((d) => sourceFiles(d, (name) => !NOT_BUNDLED.test(name)));
  return [...files, ...SOURCE_FILES.filter((f) => existsSync(join(ROOT, f)))];
}

/** The hash of everything the build is made from. */
export const sourcesHash = () => contentHash(buildSources());

/** The source hash build/ was made from (null when there is no build, or it was not made here). */
function builtHash(): string | null {
  return existsSync(join(BUILD, 'handler.js')) && existsSync(BUILD_HASH) ? readFileSync(BUILD_HASH, 'utf8').trim() : null;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Runs `fn` holding a lock file (in test-results/); a lock left by a process that died is taken over. */
export async function withFileLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  mkdirSync(RESULTS, { recursive: true });
  const LOCK = join(RESULTS, name);
  const started = Date.now();
  for (;;) {
    try {
      const fd = openSync(LOCK, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readFileSync(LOCK, { encoding: 'utf8', flag: 'r' }) || 'NaN');
      if (Number.isInteger(holder) && holder !== process.pid && !alive(holder)) {
        rmSync(LOCK, { force: true });
        continue;
      }
      if (Date.now() - started > 240_000) throw new Error(`${LOCK} has been held for 4 minutes (pid ${holder}); remove it if that process is not running`);
      await new Promise((r) => setTimeout(r, 200)); // polling another process's lock
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { force: true });
  }
}

function viteBuild(): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b) => (output += b));
    child.stderr.on('data', (b) => (output += b));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`vite build failed (exit ${code}):\n${output.slice(-4000)}`))));
  });
}

/** Removes copies of older builds that no server has started from for half an hour. */
function pruneSnapshots(keep: string): void {
  for (const name of readdirSync(RESULTS)) {
    const path = join(RESULTS, name);
    if (!name.startsWith('app-build-') || path === keep) continue;
    if (Date.now() - statSync(path).mtimeMs > 30 * 60_000) rmSync(path, { recursive: true, force: true });
  }
}

function jsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []
  );
}

/**
 * Whether a build's server and browser halves come from the same `vite build`: the server's
 * version hash names the global the browser code reads (`__sveltekit_<hash>`). Two builds running
 * at once in one project (someone's `npm run build` next to a test run) leave a mix that renders on
 * the server but never hydrates.
 */
export function isConsistentBuild(buildDir: string): boolean {
  const server = new Set(jsFiles(join(buildDir, 'server')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/version_hash: ?"([a-z0-9]+)"/g)].map((m) => m[1])));
  const client = new Set(
    jsFiles(join(buildDir, 'client', '_app', 'immutable'))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/__sveltekit_([a-z0-9]+)/g)].map((m) => m[1]))
      .filter((h) => h !== 'sw' && h !== 'fetch')
  );
  return server.size === 1 && client.size === 1 && [...server][0] === [...client][0];
}

/**
 * A folder holding an up-to-date `build/` to run `callboard serve` in (its cwd). Builds first when
 * build/ was made from other sources than the ones here now, or is a mix of two builds.
 */
export async function ensureBuilt(): Promise<string> {
  return withFileLock('app-build.lock', async () => {
    for (let attempt = 1; ; attempt++) {
      const hash = sourcesHash();
      if (builtHash() !== hash || !isConsistentBuild(BUILD)) {
        await viteBuild();
        writeFileSync(BUILD_HASH, `${hash}\n`);
      }
      const snapshot = join(RESULTS, `app-build-${hash}`);
      if (!existsSync(join(snapshot, 'build', 'handler.js'))) {
        const partial = `${snapshot}.partial-${process.pid}`;
        rmSync(partial, { recursive: true, force: true });
        cpSync(BUILD, join(partial, 'build'), { recursive: true });
        rmSync(snapshot, { recursive: true, force: true });
        renameSync(partial, snapshot);
      }
      if (!isConsistentBuild(join(snapshot, 'build'))) {
        rmSync(snapshot, { recursive: true, force: true });
        if (attempt === 3) throw new Error('build/ keeps changing while it is copied: another `vite build` is running in this project; run the tests again when it is done');
        continue;
      }
      const now = new Date();
      utimesSync(snapshot, now, now); // marks it in use, for pruneSnapshots
      pruneSnapshots(snapshot);
      return snapshot;
    }
  });
}
