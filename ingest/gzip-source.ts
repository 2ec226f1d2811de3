/**
 * Rotated exports are often compressed (logrotate's `compress` turns queue_log.1 into queue_log.2.gz).
 * A gzip file (known by its first two bytes, whatever its name) is inflated into a temporary file and
 * loaded like any other. Sources are recognised by their content, so a queue_log.1 loaded yesterday
 * and compressed today is the same source and adds nothing. A damaged or cut-short gzip file loads
 * nothing: a half-inflated export would look like a complete one with its end missing.
 *
 * A gzip bomb (a few MB that inflate to many GB) must not fill the disk: the inflated bytes are counted
 * as they stream out, and inflating stops the moment they pass either cap, the inflated size
 * (CALLBOARD_GZIP_MAX_MB, default 4096 MB) or the ratio to the compressed size (CALLBOARD_GZIP_MAX_RATIO,
 * default 100: queue_logs and CDRs compress about 10:1). What was written is deleted.
 */
import { closeSync, createReadStream, createWriteStream, openSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { InputError, errorMessage } from '../sql/errors.ts';
import { makeTempDir } from './temp-dirs.ts';

const GZIP_MAGIC = [0x1f, 0x8b];
const MB = 1024 * 1024;

export interface GzipLimits {
  /** The most bytes a gzip file may inflate to. */
  maxBytes: number;
  /** The most times its compressed size a gzip file may inflate to. */
  maxRatio: number;
}

export const DEFAULT_GZIP_LIMITS: GzipLimits = { maxBytes: 4096 * MB, maxRatio: 100 };

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InputError(`${name}="${value}" must be a number above 0`);
  return n;
}

/** The caps from CALLBOARD_GZIP_MAX_MB and CALLBOARD_GZIP_MAX_RATIO, else the defaults. */
export function gzipLimitsFrom(env: Record<string, string | undefined>): GzipLimits {
  const mb = positive(env.CALLBOARD_GZIP_MAX_MB, 'CALLBOARD_GZIP_MAX_MB');
  const ratio = positive(env.CALLBOARD_GZIP_MAX_RATIO, 'CALLBOARD_GZIP_MAX_RATIO');
  return { maxBytes: mb === undefined ? DEFAULT_GZIP_LIMITS.maxBytes : mb * MB, maxRatio: ratio ?? DEFAULT_GZIP_LIMITS.maxRatio };
}

/** A gzip file refused for inflating past a cap; `inflatedBytes` is how far it got before it was stopped. */
export class GzipCapError extends InputError {
  constructor(
    message: string,
    readonly inflatedBytes: number
  ) {
    super(message);
  }
}

export function isGzip(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  } catch {
    return false; // unreadable: the loader says why when it opens the file
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const mb = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

/** Passes the inflated bytes on, counting them; fails before passing on a chunk that goes over a cap. */
function capped(name: string, compressedBytes: number, limits: GzipLimits): Transform {
  const byRatio = compressedBytes * limits.maxRatio;
  let inflated = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const next = inflated + chunk.length;
      if (next > limits.maxBytes) {
        done(new GzipCapError(
          `${name}: refused: it inflates to more than ${mb(limits.maxBytes)}, the cap on an unpacked gzip file; ` +
            'nothing was loaded from it. If the file is genuine, raise CALLBOARD_GZIP_MAX_MB',
          inflated
        ));
      } else if (next > byRatio) {
        done(new GzipCapError(
          `${name}: refused: it inflates to more than ${limits.maxRatio} times its ${mb(compressedBytes)} ` +
            'compressed size (a gzip bomb?); nothing was loaded from it. If the file is genuine, raise CALLBOARD_GZIP_MAX_RATIO',
          inflated
        ));
      } else {
        inflated = next;
        done(null, chunk);
      }
    }
  });
}

/** The file inflated into a temporary folder; `cleanup` removes it. Stops at the caps of `limits`. */
export async function inflateGzip(
  path: string, name: string, limits: GzipLimits = DEFAULT_GZIP_LIMITS
): Promise<{ path: string; cleanup: () => void }> {
  const dir = makeTempDir('gunzip');
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const out = join(dir, 'inflated');
  try {
    await pipeline(createReadStream(path), createGunzip(), capped(name, statSync(path).size, limits), createWriteStream(out));
    return { path: out, cleanup };
  } catch (e) {
    cleanup();
    if (e instanceof GzipCapError) throw e;
    throw new InputError(`${name}: the gzip file is damaged or cut short (${errorMessage(e)}); nothing was loaded from it`);
  }
}
