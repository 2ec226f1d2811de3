/**
 * A multipart upload streamed to a temporary file as it arrives, never held whole in memory: busboy
 * parses the body chunk by chunk (64 KiB at a time) and the file part goes straight to disk. Four
 * concurrent 180 MB uploads used to cost the server 1.7 GB of memory it kept (the form parsed into a
 * File, then copied into a Buffer); now each costs a few buffers.
 *
 * A body that ends before its closing boundary (a dropped connection, a client that gave up) is the
 * caller's problem, said as such (400), and a file over the upload limit stops the upload at once (413).
 * The temporary folder is removed on every failure; on success the caller's `cleanup` removes it.
 */
import busboy from 'busboy';
import { createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { makeTempDir } from '../../ingest/temp-dirs.ts';
import { CallboardError, InputError, errorMessage } from '../../sql/errors.ts';

export interface ReceivedUpload {
  /** The temporary file holding the uploaded bytes. */
  path: string;
  /** The file name the browser sent (a label only). */
  name: string;
  bytes: number;
  /** The form's other fields. */
  fields: Record<string, string>;
  cleanup(): void;
}

const NOT_MULTIPART = 'send the export as multipart form data in the field "file"';
export const CUT_OFF = 'the upload was cut off before its end, so nothing was loaded: send the file again';

export class UploadTooLargeError extends CallboardError {
  constructor(limitBytes: number) {
    super(`The upload is larger than ${Math.round(limitBytes / 1024 / 1024)} MB (CALLBOARD_UPLOAD_LIMIT_MB).`, 413, 2);
  }
}

/** Counts the bytes on their way to disk. */
function counter(onBytes: (n: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      onBytes(chunk.length);
      done(null, chunk);
    }
  });
}

/** Receives the multipart `request`, writing its field `file` to a temporary file. */
export async function receiveUpload(request: Request, opts: { maxBytes: number; field?: string }): Promise<ReceivedUpload> {
  const field = opts.field ?? 'file';
  const type = request.headers.get('content-type') ?? '';
  if (!request.body || !/^multipart\/form-data/i.test(type)) throw new InputError(NOT_MULTIPART);
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { 'content-type': type }, limits: { fileSize: opts.maxBytes, files: 1, fields: 20 } });
  } catch (e) {
    throw new InputError(`${NOT_MULTIPART} (${errorMessage(e)})`);
  }
  const dir = makeTempDir('upload');
  const path = join(dir, 'upload');
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const source = Readable.fromWeb(request.body as WebReadableStream<Uint8Array>);
  const fields: Record<string, string> = {};
  let name = 'upload';
  let bytes = 0;
  let written: Promise<void> | null = null;
  let part: Readable | null = null;
  try {
    await new Promise<void>((done, fail) => {
      const stop = (e: unknown) => {
        source.unpipe(parser);
        source.destroy();
        part?.destroy();
        fail(e);
      };
      parser.on('field', (key, value) => (fields[key] = value));
      parser.on('file', (key, stream, info) => {
        if (key !== field || written) return void stream.resume();
        part = stream;
        name = info.filename || 'upload';
        stream.on('limit', () => stop(new UploadTooLargeError(opts.maxBytes)));
        written = pipeline(stream, counter((n) => (bytes += n)), createWriteStream(path));
        written.catch(stop);
      });
      parser.on('close', done);
      parser.on('error', stop);
      source.on('error', stop);
      source.pipe(parser);
    });
    if (!written) throw new InputError(NOT_MULTIPART);
    await written;
    return { path, name, bytes, fields, cleanup };
  } catch (e) {
    cleanup();
    if (e instanceof CallboardError) throw e;
    const message = errorMessage(e);
    // busboy's words for a body without its closing boundary; a dropped connection is the same to us
    if (/unexpected end|aborted|terminated|premature/i.test(message)) throw new InputError(CUT_OFF);
    throw new InputError(`the upload is not well-formed multipart form data (${message}): send the file again`);
  }
}
