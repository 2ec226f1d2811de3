// A load killed at random points (a real child process, SIGKILL) leaves the database opening
// cleanly with exactly the calls from before or after the load; the next run completes it.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../sql/db.ts';
import { PROJECT, golden } from '../fixtures/paths.ts';
import { writeScaleQueueLog } from '../fixtures/scale/generate-queue-log.ts';

const CLI = join(PROJECT, 'app', 'cli', 'callboard.js');

function ingest(db: string, file: string, killAfterMs?: number): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, 'ingest', '--db', db, '--json', file], { stdio: 'ignore' });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done(code);
    });
  });
}

async function callsIn(dbPath: string): Promise<number> {
  const db = await openDatabase(dbPath);
  try {
    return (await db.one<{ n: number }>('SELECT count(*) AS n FROM calls'))!.n;
  } finally {
    db.close();
  }
}

describe('a load killed mid-way', () => {
  it('leaves the database with the calls from before or after, never half', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-kill-'));
    const big = join(dir, 'queue_log');
    const N = 150_000;
    await writeScaleQueueLog(big, { calls: N });
    const dbPath = join(dir, 'cb.duckdb');
    expect(await ingest(dbPath, golden('basic.queue_log'))).toBe(0);
    const before = await callsIn(dbPath);
    expect(before).toBe(6);

    const outcomes: number[] = [];
    for (const ms of [250, 600, 900, 1300, 1800, 2500]) {
      await ingest(dbPath, big, ms);
      const n = await callsIn(dbPath);
      expect([before, before + N]).toContain(n);
      outcomes.push(n);
      if (n === before + N) break;
    }
    expect(await ingest(dbPath, big)).toBe(0);
    expect(await callsIn(dbPath)).toBe(before + N);
    expect(outcomes[0]).toBe(before); // the first kill landed before the commit
  }, 180_000);
});
