// A load killed mid-append leaves its region copy (tens of MB) in the temp folder; the next load
// removes it, and removes nothing that a running load (here or in another process) still uses.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT, golden } from '../fixtures/paths.ts';
import { ingestFile } from './load.ts';
import { closeSource, openSource, readableRegion } from './source-file.ts';
import { TZ, freshDb } from './test-db.ts';

let work: string;
let temp: string;
let savedTmp: string | undefined;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'callboard-sweeptest-'));
  temp = mkdtempSync(join(work, 'tmp-'));
  savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = temp;
});
afterAll(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
});

/** A child process that loads the first half of a queue_log, then is killed (SIGKILL) in the middle of appending the rest. */
function killedAppend(): number {
  const lines = readFileSync(golden('basic.queue_log'), 'utf8').split('\n');
  const log = join(work, 'queue_log');
  writeFileSync(log, lines.slice(0, 10).join('\n') + '\n');
  const grown = lines.slice(10).join('\n');
  const script = join(work, 'killed-append.mts');
  writeFileSync(script, `
    import { appendFileSync } from 'node:fs';
    import { ingestFile } from ${JSON.stringify(join(PROJECT, 'ingest/load.ts'))};
    import { openDatabase } from ${JSON.stringify(join(PROJECT, 'sql/db.ts'))};
    const db = await openDatabase(':memory:');
    await ingestFile(db, ${JSON.stringify(log)}, { timeZone: 'America/Chicago' });
    appendFileSync(${JSON.stringify(log)}, ${JSON.stringify(grown)});
    await ingestFile(db, ${JSON.stringify(log)}, {
      timeZone: 'America/Chicago',
      onProgress: (p) => { if (p.phase === 'read') process.kill(process.pid, 'SIGKILL'); } // the region copy is made
    });
  `);
  const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: PROJECT, env: { ...process.env, TMPDIR: temp }, encoding: 'utf8' });
  expect(r.signal, r.stderr).toBe('SIGKILL');
  return r.pid!;
}

describe('stale temporary folders', () => {
  it('the next load removes what a killed append left, and keeps what live loads and others use', async () => {
    const deadPid = killedAppend();
    const left = readdirSync(temp).filter((n) => n.startsWith(`callboard-region-${deadPid}-`));
    expect(left).toHaveLength(1);
    expect(readdirSync(join(temp, left[0]))).toEqual(['region.txt']);

    // A load running right now in this process holds its own region copy.
    const path = golden('basic.queue_log');
    const { fd, size } = openSource(path);
    const live = readableRegion(path, fd, size, { from: 100, to: size, partialTail: false, lineBase: 0 });
    closeSource(fd);
    expect(live.path.startsWith(join(temp, `callboard-region-${process.pid}-`))).toBe(true);
    // Older versions' copies (no owner in the name): gone once a day old; and folders that are not ours.
    const folder = (name: string, ageDays: number) => {
      mkdirSync(join(temp, name));
      writeFileSync(join(temp, name, 'region.txt'), 'x\n');
      const t = new Date(Date.now() - ageDays * 86_400_000);
      utimesSync(join(temp, name), t, t);
    };
    folder('callboard-Ab12Cd', 2);
    folder('callboard-Ef34Gh', 0);
    folder('callboard-test-Ij56Kl', 2);
    folder('other-region-Mn78Op', 2);

    const db = await freshDb();
    expect(await ingestFile(db, golden('Master.csv'), { timeZone: TZ })).toMatchObject({ calls_added: 3 });

    expect(readdirSync(temp).filter((n) => !n.startsWith('tsx-')).sort()).toEqual( // tsx-*: the child's compile cache
      ['callboard-Ef34Gh', 'callboard-test-Ij56Kl', live.path.split('/').at(-2)!, 'other-region-Mn78Op'].sort()
    );
    live.cleanup();
    expect(existsSync(live.path)).toBe(false);
  });
});
