/**
 * Rotated exports are often compressed (logrotate's `compress` turns queue_log.1 into queue_log.2.gz).
 * A gzip file (known by its first two bytes, whatever its name) is inflated into a temporary file and
 * loaded like any other. Sources are recognised by their content, so a queue_log.1 loaded yesterday
 * and compressed today is the same source and adds nothing. A damaged or cut-short gzip file loads
 * nothing: a half-inflated export would look like a complete one with its end missing.
 */
import { closeSync, createReadStream, createWriteStream, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { InputError, errorMessage } from '../sql/errors.ts';

const GZIP_MAGIC = [0x1f, 0x8b];

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

/** The file inflated into a temporary folder; `cleanup` removes it. */
export async function inflateGzip(path: string, name: string): Promise<{ path: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-gunzip-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const out = join(dir, 'inflated');
  try {
    await pipeline(createReadStream(path), createGunzip(), createWriteStream(out));
    return { path: out, cleanup };
  } catch (e) {
    cleanup();
    throw new InputError(`${name}: the gzip file is damaged or cut short (${errorMessage(e)}); nothing was loaded from it`);
  }
}
