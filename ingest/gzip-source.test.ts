// Gzip bombs: inflating stops the moment either cap (inflated size, ratio) is passed, what was
// written is deleted, and the one-line reason names the file, the cap and the setting to raise.
// The caps are set low here; the bomb is real gzip (fixtures/gzip-bomb.ts).
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { golden } from '../fixtures/paths.ts';
import { writeGzipBomb } from '../fixtures/gzip-bomb.ts';
import { DEFAULT_GZIP_LIMITS, GzipCapError, gzipLimitsFrom, inflateGzip } from './gzip-source.ts';
import { ingestFile } from './load.ts';
import { TZ, count, freshDb } from './test-db.ts';

const MB = 1024 * 1024;
let work: string;
let savedTmp: string | undefined;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'callboard-gztest-'));
  savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = mkdtempSync(join(work, 'tmp-')); // this file's temp folder, to see what is left in it
});
afterAll(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
});

const bomb = (name: string, mb: number) => writeGzipBomb(work, name, mb);

const leftInTemp = () => readdirSync(process.env.TMPDIR!).filter((n) => n.startsWith('callboard-'));

async function capError(p: Promise<unknown>): Promise<GzipCapError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(GzipCapError);
  return e as GzipCapError;
}

describe('gzip caps', () => {
  it('stops at the inflated-size cap as it streams, deletes what it wrote and says which setting to raise', async () => {
    const { path } = bomb('queue_log.2.gz', 24);
    const e = await capError(inflateGzip(path, 'queue_log.2.gz', { maxBytes: 1 * MB, maxRatio: 1_000_000 }));
    expect(e.message).toBe(
      'queue_log.2.gz: refused: it inflates to more than 1 MB, the cap on an unpacked gzip file; nothing was loaded from it. ' +
        'If the file is genuine, raise CALLBOARD_GZIP_MAX_MB'
    );
    expect(e.inflatedBytes).toBeGreaterThan(0);
    expect(e.inflatedBytes).toBeLessThanOrEqual(1 * MB); // stopped at the cap, not after inflating 24 MB
    expect(leftInTemp()).toEqual([]);
  });

  it('stops at the ratio cap (inflated size over compressed size)', async () => {
    const { path, compressed } = bomb('Master.csv.gz', 24);
    const e = await capError(inflateGzip(path, 'Master.csv.gz', { maxBytes: DEFAULT_GZIP_LIMITS.maxBytes, maxRatio: 100 }));
    expect(e.message).toMatch(/^Master\.csv\.gz: refused: it inflates to more than 100 times its [\d.]+ MB compressed size \(a gzip bomb\?\); nothing was loaded from it\. If the file is genuine, raise CALLBOARD_GZIP_MAX_RATIO$/);
    expect(e.inflatedBytes).toBeLessThanOrEqual(100 * compressed);
    expect(leftInTemp()).toEqual([]);
  });

  it('a load refuses the bomb under the settings in the environment, records why, and loads nothing', async () => {
    const { path } = bomb('queue_log.3.gz', 8);
    const db = await freshDb();
    process.env.CALLBOARD_GZIP_MAX_MB = '2';
    try {
      await expect(ingestFile(db, path, { timeZone: TZ })).rejects.toThrow(/queue_log\.3\.gz: refused: it inflates to more than 2 MB.*CALLBOARD_GZIP_MAX_MB$/);
    } finally {
      delete process.env.CALLBOARD_GZIP_MAX_MB;
    }
    expect(await count(db, 'calls')).toBe(0);
    expect(await db.all(`SELECT status, error LIKE '%CALLBOARD_GZIP_MAX_MB%' AS says_why FROM load_runs`)).toEqual([{ status: 'failed', says_why: true }]);
    expect(leftInTemp()).toEqual([]);
    // The same export, compressed as logrotate would (about 10:1), loads under the defaults.
    const genuine = join(work, 'queue_log.4.gz');
    writeFileSync(genuine, gzipSync(readFileSync(golden('basic.queue_log'))));
    expect(await ingestFile(db, genuine, { timeZone: TZ })).toMatchObject({ calls_added: 6 });
  });

  it('reads its settings from the environment, refusing a value that is not a positive number', () => {
    expect(gzipLimitsFrom({})).toEqual({ maxBytes: 4096 * MB, maxRatio: 100 });
    expect(gzipLimitsFrom({ CALLBOARD_GZIP_MAX_MB: '512', CALLBOARD_GZIP_MAX_RATIO: '40' })).toEqual({ maxBytes: 512 * MB, maxRatio: 40 });
    expect(() => gzipLimitsFrom({ CALLBOARD_GZIP_MAX_RATIO: '0' })).toThrow('CALLBOARD_GZIP_MAX_RATIO="0" must be a number above 0');
  });
});
