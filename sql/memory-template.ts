/**
 * For the tests: a new ':memory:' database starts as a copy of a database file migrated once, instead
 * of running every migration again (about 0.17 s of CPU each, and the unit tests open hundreds). Off
 * unless useMigratedTemplate() was called (app/test/unit-setup.ts does): production always migrates.
 *
 * The copy is a private file in /dev/shm (memory, where there is one; else the temp folder), removed
 * when the database closes or the process ends; it is never checkpointed, so what a test writes stays
 * in its write-ahead log, also in memory. vitest ends its workers with a signal, which skips 'exit'
 * handlers: so each new template first removes the files of processes that are gone. A byte copy, not DuckDB's `COPY FROM DATABASE`: that one
 * writes macros back out as SQL and changed their meaning (`a CROSS JOIN b LEFT JOIN c` came back as
 * `a, b LEFT JOIN c`). memory-template.test.ts checks a copy equals a migrated database.
 */
import { DuckDBInstance } from './duckdb-api.ts';
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let wanted = false;
let template: Promise<string> | undefined;
let copies = 0;
const open = new Set<string>();

/** From now on, new ':memory:' databases of this process copy a migrated template. */
export function useMigratedTemplate(): void {
  wanted = true;
}

/** Whether new in-memory databases copy the template (the tests). */
export const templateWanted = (): boolean => wanted;

const FOLDER = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const remove = (path: string) => {
  for (const f of [path, `${path}.wal`]) rmSync(f, { force: true });
  open.delete(path);
};
const PREFIX = 'callboard-migrated-';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // someone else's: leave it
  }
};

/** Removes the templates and copies (with their logs) of processes no longer running. */
export function sweepLeftCopies(folder = FOLDER): number {
  let removed = 0;
  for (const name of readdirSync(folder)) {
    const pid = name.startsWith(PREFIX) ? Number(name.slice(PREFIX.length).split('-')[0]) : NaN;
    if (!Number.isInteger(pid) || pid === process.pid || alive(pid)) continue;
    rmSync(join(folder, name), { force: true });
    removed++;
  }
  return removed;
}

/**
 * A DuckDB instance on a fresh copy of the migrated template, and what removes the copy (call it after
 * closing the instance). `migrateFile` makes the template on first use (opens a file, migrates it,
 * closes it); one template per process, so no lock between processes.
 */
export async function templateCopy(
  migrateFile: (path: string) => Promise<void>,
  options: Record<string, string>
): Promise<{ instance: DuckDBInstance; removeCopy: () => void }> {
  template ??= (async () => {
    sweepLeftCopies();
    const path = join(FOLDER, `${PREFIX}${process.pid}-${Date.now()}.duckdb`);
    open.add(path);
    process.once('exit', () => [...open].forEach(remove));
    await migrateFile(path);
    return path;
  })().catch((e) => {
    template = undefined;
    throw e;
  });
  const from = await template;
  return openCopy([from], from.replace(/\.duckdb$/, `-${++copies}.duckdb`), options);
}

/** Where each instance's copy is (copyOfCopy). */
const copyPaths = new WeakMap<DuckDBInstance, string>();

async function openCopy(
  files: string[],
  path: string,
  options: Record<string, string>
): Promise<{ instance: DuckDBInstance; removeCopy: () => void }> {
  copyFileSync(files[0], path);
  if (files[1]) copyFileSync(files[1], `${path}.wal`);
  open.add(path);
  // Never written back into the file: a test's writes stay in the log (memory), as in ':memory:'.
  const instance = await DuckDBInstance.create(path, { ...options, checkpoint_threshold: '1TB' });
  const conn = await instance.connect();
  await conn.run('PRAGMA disable_checkpoint_on_shutdown');
  conn.closeSync();
  copyPaths.set(instance, path);
  return { instance, removeCopy: () => remove(path) };
}

/**
 * A new instance on a copy of another copy as it is now (its file and its write-ahead log, which
 * holds everything written to it): for tests that branch one database's history instead of
 * repeating it. Nothing may be writing to `instance` meanwhile.
 */
export async function copyOfCopy(
  instance: DuckDBInstance,
  options: Record<string, string>
): Promise<{ instance: DuckDBInstance; removeCopy: () => void }> {
  const from = copyPaths.get(instance);
  if (!from || !template) throw new Error('copyOfCopy: not a copy of the migrated template');
  const base = await template;
  const wal = `${from}.wal`;
  return openCopy(existsSync(wal) ? [from, wal] : [from], base.replace(/\.duckdb$/, `-${++copies}.duckdb`), options);
}
