/**
 * `serve --follow PATH`: loads each new complete line of a growing queue_log soon after the PBX
 * writes it, through the one loader (ingest/load.ts: only new complete lines, a partial last line
 * waits, a rotated or compressed copy adds nothing, no line twice after a restart). It watches the
 * file's folder (fs.watch: a rename or re-creation by logrotate is seen too) and checks the file's
 * size, inode and time every `pollMs` as well, since fs events are not delivered on every file system
 * (network mounts, some containers). A load runs only when the file changed; loads of one file never
 * overlap, and changes during a load make one more load after it. A missing file is waited for. The
 * live feed (live-feed.ts) sees each load through the data version and pushes the snapshot.
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Database } from '../../../sql/db.ts';
import { ingestFile, type FileSummary } from '../../../ingest/load.ts';

export interface FollowOptions {
  timeZone: () => Promise<string>;
  pollMs?: number;
  onLoad?: (path: string, summary: FileSummary) => void;
}

export interface Follower {
  stop(): void;
  /** Resolves when no load is running or due (tests). */
  idle(): Promise<void>;
}

/** CALLBOARD_FOLLOW_TRACE=1: one line per load on stderr (lines, milliseconds): what following costs (bench/live-burst.ts reads it). */
const TRACE = process.env.CALLBOARD_FOLLOW_TRACE === '1';

const stamp = (path: string) => {
  try {
    const s = statSync(path);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
};

export function followLogs(db: Database, paths: readonly string[], opts: FollowOptions): Follower {
  const pollMs = opts.pollMs ?? 1000;
  const stops: Array<() => void> = [];
  const runs: Array<() => Promise<void>> = [];
  for (const p of paths) {
    const path = resolve(p);
    let seen = '';
    let running: Promise<void> | null = null;
    let again = false;
    const load = async (): Promise<void> => {
      const now = stamp(path);
      if (now === seen || now === 'missing') return;
      seen = now;
      const t0 = performance.now();
      const summary = await ingestFile(db, path, { timeZone: await opts.timeZone(), origin: 'cli' });
      if (TRACE) console.error(`follow: ${path} +${summary.rows_read} lines in ${Math.round(performance.now() - t0)} ms`);
      opts.onLoad?.(path, summary);
    };
    const kick = () => {
      if (running) {
        again = true;
        return;
      }
      running = (async () => {
        do {
          again = false;
          try {
            await load();
          } catch (e) {
            console.error(`follow ${path}: ${e instanceof Error ? e.message : String(e)}`);
          }
        } while (again);
        running = null;
      })();
    };
    let watcher: FSWatcher | null = null;
    try {
      watcher = watch(dirname(path), (_event, name) => {
        if (!name || name.toString() === basename(path)) kick();
      });
      watcher.on('error', () => undefined); // the folder went away: polling carries on
    } catch {
      // no fs events here: polling alone
    }
    const timer = setInterval(kick, pollMs);
    kick();
    stops.push(() => {
      clearInterval(timer);
      watcher?.close();
    });
    runs.push(async () => {
      while (running) await running;
    });
  }
  return {
    stop: () => stops.forEach((s) => s()),
    idle: async () => {
      for (const r of runs) await r();
    }
  };
}
