/**
 * Which part of a file still needs loading, and a path DuckDB can read it from.
 *
 * A source is recognised by its content, not its name: the hash of its first bytes (up to 64 KiB of
 * what was loaded) and of the 4 KiB before the loaded offset. So the same file twice adds nothing, a
 * grown file (Asterisk appends to queue_log) loads only its new complete lines, and a rotated file
 * (queue_log → queue_log.1) is the same source. A partial last line (no newline yet) waits.
 *
 * The one pass over the bytes also checks UTF-8: DuckDB refuses invalid UTF-8, so such a region is
 * copied to a temporary file with the bad bytes replaced by U+FFFD; line numbers stay the same.
 * For a reader with a line-length limit (DuckDB's is 2,000,000 bytes) it also looks for a line that
 * long (a stretch of bytes with no newline): such a line is left blank in the copy and reported, so
 * the loader quarantines it instead of failing the file. Otherwise DuckDB reads the file itself
 * (fast path), or a temporary copy of just the new region.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { join } from 'node:path';
import { InputError, errorMessage } from '../sql/errors.ts';
import { makeTempDir } from './temp-dirs.ts';

export const HEAD_BYTES = 64 * 1024;
export const TAIL_BYTES = 4 * 1024;
const CHUNK = 8 * 1024 * 1024;

export interface KnownSource {
  file_id: number;
  format: string;
  head_hash: string;
  tail_hash: string;
  bytes_loaded: number;
  lines_loaded: number;
}

export interface Region {
  /** First byte to load (0 for a new source). */
  from: number;
  /** One past the last newline: the end of the complete lines. */
  to: number;
  /** Whether bytes after `to` (a partial last line) were left for a later run. */
  partialTail: boolean;
  /** Lines before `from` (to number the new lines). */
  lineBase: number;
}

export function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

function readRange(fd: number, start: number, length: number, into?: Buffer): Buffer {
  const buf = into && into.length >= length ? into.subarray(0, length) : Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, start + got);
    if (n === 0) break;
    got += n;
  }
  return got === length ? buf : buf.subarray(0, got);
}

/** Opens a file for reading, turning OS errors into one clear line. */
export function openSource(path: string): { fd: number; size: number } {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new InputError(`${path}: not a file`);
    return { fd: openSync(path, 'r'), size: st.size };
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${path}: cannot read the file (${errorMessage(e).replace(/^[A-Z]+: /, '')})`);
  }
}

export function headHash(fd: number, loadedBytes: number): string {
  return sha256(readRange(fd, 0, Math.min(loadedBytes, HEAD_BYTES)));
}

export function tailHash(fd: number, loadedBytes: number): string {
  const start = Math.max(0, loadedBytes - TAIL_BYTES);
  return sha256(readRange(fd, start, loadedBytes - start));
}

/** The known source this file continues (same first bytes, same bytes before the loaded offset), if any. */
export function matchKnownSource(fd: number, size: number, known: KnownSource[]): KnownSource | undefined {
  const headCache = new Map<number, string>();
  for (const k of known) {
    if (k.bytes_loaded > size) continue;
    const len = Math.min(k.bytes_loaded, HEAD_BYTES);
    let h = headCache.get(len);
    if (h === undefined) {
      h = sha256(readRange(fd, 0, len));
      headCache.set(len, h);
    }
    if (h === k.head_hash && tailHash(fd, k.bytes_loaded) === k.tail_hash) return k;
  }
  return undefined;
}

/** The end of the last complete line at or after `from` (scanning back from the end of the file). */
export function completeLinesEnd(fd: number, from: number, size: number): number {
  let end = size;
  while (end > from) {
    const start = Math.max(from, end - 64 * 1024);
    const buf = readRange(fd, start, end - start);
    const nl = buf.lastIndexOf(0x0a);
    if (nl >= 0) return start + nl + 1;
    end = start;
  }
  return from;
}

export interface Readable {
  /** The path DuckDB reads: the file itself or a temporary copy of the region. */
  path: string;
  /** Whether the bytes were normalised (invalid UTF-8, CR, NUL) in a copy. */
  normalised: boolean;
  /** Lines longer than the reader's limit, blank in the copy: their number, length and start. */
  overlong: Array<{ line_no: number; bytes: number; head: string }>;
  cleanup(): void;
}

/**
 * Whether a chunk may hold a line of `maxLineBytes` or more: some stretch of maxLineBytes / 8 has no
 * newline (any such line covers a whole stretch; 8 leaves room for where chunks and stretches start).
 */
function mayHoldLongLine(buf: Buffer, end: number, maxLineBytes: number): boolean {
  const stretch = Math.max(1, Math.floor(maxLineBytes / 8));
  for (let at = 0; at + stretch <= end; at += stretch) {
    const nl = buf.indexOf(0x0a, at);
    if (nl < 0 || nl >= at + stretch) return true;
  }
  return false;
}

/** The lines of `text` longer than `maxLineBytes`, blanked; the rest as they are. */
function blankLongLines(text: Buffer, lineBase: number, maxLineBytes: number): { out: Buffer; overlong: Readable['overlong'] } {
  const overlong: Readable['overlong'] = [];
  const parts: Buffer[] = [];
  let start = 0;
  let line = lineBase;
  let kept = 0;
  while (start < text.length) {
    let end = text.indexOf(0x0a, start);
    if (end < 0) end = text.length;
    line++;
    if (end - start > maxLineBytes) {
      parts.push(text.subarray(kept, start));
      overlong.push({ line_no: line, bytes: end - start, head: text.subarray(start, start + 2000).toString('utf8') });
      kept = end; // the newline stays: the line is blank in the copy
    }
    start = end + 1;
  }
  parts.push(text.subarray(kept));
  return { out: overlong.length ? Buffer.concat(parts) : text, overlong };
}

/**
 * Makes the region [from, to) readable by DuckDB, calling `onBytes` as it scans (progress).
 * Bytes that would break line-based reading (CR, NUL, 0x1E, invalid UTF-8) are normalised in a copy.
 */
export function readableRegion(
  path: string,
  fd: number,
  size: number,
  region: Region,
  onBytes: (done: number) => void = () => undefined,
  opts: { maxLineBytes?: number } = {}
): Readable {
  const { from, to } = region;
  let clean = true;
  // Whether a long line may be in the region: seen, or not looked for past a chunk that was not clean.
  let longLines = false;
  const chunk = Buffer.allocUnsafe(Math.min(CHUNK, to - from)); // one buffer for the whole scan
  for (let pos = from; pos < to; pos += CHUNK) {
    const buf = readRange(fd, pos, Math.min(CHUNK, to - pos), chunk);
    // A chunk may end inside a multi-byte character: check up to its last newline, carry the rest.
    const cut = pos + buf.length < to ? buf.lastIndexOf(0x0a) + 1 || buf.length : buf.length;
    if (!isUtf8(buf.subarray(0, cut)) || buf.indexOf(0x00) >= 0 || buf.indexOf(0x1e) >= 0 || buf.indexOf(0x0d) >= 0) {
      clean = false;
      longLines = true;
      break;
    }
    if (opts.maxLineBytes && mayHoldLongLine(buf, buf.length, opts.maxLineBytes)) {
      clean = false;
      longLines = true;
      break;
    }
    if (cut < buf.length) pos -= buf.length - cut;
    onBytes(pos + cut - from);
  }
  if (clean && from === 0 && to === size) return { path, normalised: false, overlong: [], cleanup: () => undefined };

  const dir = makeTempDir('region'); // a killed load leaves it: swept at the next load (temp-dirs.ts)
  const copy = join(dir, 'region.txt');
  const raw = readRange(fd, from, to - from);
  let out: Buffer = raw;
  if (!clean) {
    // TextDecoder replaces each invalid sequence with U+FFFD; newlines are ASCII, so lines keep their numbers.
    // CRLF becomes LF and a lone CR a space, so DuckDB sees exactly one row per line.
    const text = new TextDecoder('utf-8', { fatal: false })
      .decode(raw)
      .replace(/\r\n/g, '\n')
      .replace(/[\u0000\u001e\r]/g, ' ');
    out = Buffer.from(text, 'utf8');
  }
  let overlong: Readable['overlong'] = [];
  if (longLines && opts.maxLineBytes) ({ out, overlong } = blankLongLines(out, region.lineBase, opts.maxLineBytes));
  writeFileSync(copy, out);
  onBytes(to - from);
  return { path: copy, normalised: !clean, overlong, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The first `maxLines` complete lines of a file (for format detection). */
export function firstLines(fd: number, maxLines = 20): string[] {
  const buf = readRange(fd, 0, 64 * 1024);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  return text.split(/\r?\n/).slice(0, maxLines);
}

export function closeSource(fd: number): void {
  closeSync(fd);
}
