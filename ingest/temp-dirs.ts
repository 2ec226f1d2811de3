/**
 * Callboard's own temporary folders (a region copy, an inflated gzip, an upload on its way to the
 * loader) and the sweep that removes the ones a killed process left behind.
 *
 * Each folder is named `callboard-<kind>-<pid>-XXXXXX`, so its owner is in its name: a folder whose
 * process is gone is stale and goes at the next load or server start; one whose process still runs
 * (a concurrent load, here or in another process) is left alone. A kill -9 runs no `finally`, and a
 * region copy of a large append is tens of MB, so without the sweep they pile up in the temp folder.
 * Folders of older versions (`callboard-XXXXXX` holding only `region.txt`) name no owner: they go
 * once they have not changed for a day, longer than any load takes.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TempKind = 'region' | 'gunzip' | 'upload';

const OURS = /^callboard-(region|gunzip|upload)-(\d+)-[A-Za-z0-9]{6}$/;
const LEGACY_REGION = /^callboard-[A-Za-z0-9]{6}$/;
const LEGACY_AGE_MS = 24 * 60 * 60 * 1000;

/** A new private folder (0700, as mkdtemp makes it) in the OS temp folder, named after this process. */
export function makeTempDir(kind: TempKind): string {
  return mkdtempSync(join(tmpdir(), `callboard-${kind}-${process.pid}-`));
}

function running(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // it exists, owned by someone else
  }
}

function isLegacyRegionCopy(path: string, now: number): boolean {
  try {
    const entries = readdirSync(path);
    return entries.length <= 1 && entries.every((e) => e === 'region.txt') && now - statSync(path).mtimeMs > LEGACY_AGE_MS;
  } catch {
    return false;
  }
}

/** Removes the temporary folders of Callboard processes that are gone; returns the names removed. */
export function sweepStaleTempDirs(dir = tmpdir(), now = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const ours = OURS.exec(name);
    const stale = ours ? !running(Number(ours[2])) : LEGACY_REGION.test(name) && isLegacyRegionCopy(join(dir, name), now);
    if (!stale) continue;
    try {
      rmSync(join(dir, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // not ours to remove after all (another user's): leave it
    }
  }
  return removed;
}

const lastSweeps = new Map<string, number>();

/**
 * The sweep at a load: at most once a minute per temp folder in a process, as a followed file loads
 * several times a second and the folder may hold hundreds of entries (a process that was killed is
 * gone for good, so its folders can wait a minute).
 */
export function sweepBeforeLoad(dir = tmpdir(), now = Date.now(), everyMs = 60_000): string[] {
  const last = lastSweeps.get(dir);
  if (last !== undefined && now - last < everyMs) return [];
  lastSweeps.set(dir, now);
  return sweepStaleTempDirs(dir, now);
}
