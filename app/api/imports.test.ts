/**
 * POST /api/imports as a browser sends it: the upload streams to a temporary file (never held whole),
 * a body cut off before its closing boundary is the sender's 400, a gzip bomb is refused at its cap, and
 * the temporary folder is empty after every answer.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeGzipBomb } from '../../fixtures/gzip-bomb.ts';
import { golden } from '../../fixtures/paths.ts';
import { closeDatabase, type Database } from '../../sql/db.ts';
import type { Role } from '../server/accounts.ts';
import { api } from './index.ts';
import { ORIGIN, seededDatabase, signedInUsers, tableChecksums } from './test-support.ts';
import { CUT_OFF, UploadTooLargeError, receiveUpload } from './upload-stream.ts';

let db: Database;
let cookies: Record<Role | 'rep2', string>;
let temp: string;
let savedTmp: string | undefined;

beforeAll(async () => {
  savedTmp = process.env.TMPDIR;
  temp = mkdtempSync(join(tmpdir(), 'callboard-importstest-'));
  process.env.TMPDIR = temp; // this file's temp folder, to see what is left in it
  db = await seededDatabase();
  cookies = await signedInUsers(db);
});
afterAll(async () => {
  await closeDatabase();
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
});

const BOUNDARY = '----callboard-test-boundary';
const partHead = (name: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
const closing = `\r\n--${BOUNDARY}--\r\n`;
const multipartType = `multipart/form-data; boundary=${BOUNDARY}`;

const post = (body: BodyInit, type?: string) =>
  api.request(`${ORIGIN}/api/imports`, {
    method: 'POST',
    body,
    headers: { cookie: cookies.lead, origin: ORIGIN, ...(type ? { 'content-type': type } : {}) }
  });

const ourTempFolders = () => readdirSync(temp).filter((n) => /^callboard-(region|gunzip|upload)-/.test(n));

describe('POST /api/imports', () => {
  it('loads an uploaded export and leaves nothing in the temp folder', async () => {
    const form = new FormData();
    form.set('file', new File([readFileSync(golden('basic.queue_log'))], 'basic.queue_log'));
    const res = await post(form);
    expect(res.status).toBe(200);
    expect((await res.json()).files[0]).toMatchObject({ path: 'basic.queue_log', format: 'queue_log', rows_loaded: 23, calls_added: 6 });
    expect(ourTempFolders()).toEqual([]);
  });

  it('answers 400 saying the upload was cut off when the body ends before its closing boundary; nothing changes', async () => {
    // What a load writes (the facts catch-up of the upload before may still be running in the background).
    const loaded = async () => {
      const sums = await tableChecksums(db);
      return ['calls', 'cdr_records', 'queue_events', 'quarantine', 'load_runs', 'source_files'].map((t) => `${t} ${sums[t]}`);
    };
    const before = await loaded();
    const whole = readFileSync(golden('Master.csv'));
    const truncated = Buffer.concat([Buffer.from(partHead('Master.csv')), whole.subarray(0, 300)]);
    const res = await post(truncated, multipartType);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: CUT_OFF });
    expect(CUT_OFF).toMatch(/cut off/);
    expect(await loaded()).toEqual(before);
    expect(ourTempFolders()).toEqual([]);
  });

  it('answers 400 for a body that is not multipart, or has no file field', async () => {
    const notForm = await post('hello', 'text/plain');
    expect(notForm.status).toBe(400);
    const form = new FormData();
    form.set('format', 'auto');
    const noFile = await post(form);
    expect(noFile.status).toBe(400);
    expect((await noFile.json()).error).toBe('send the export as multipart form data in the field "file"');
    expect(ourTempFolders()).toEqual([]);
  });

  it('refuses an uploaded gzip bomb at the ratio cap, naming the file and the setting', async () => {
    const bomb = writeGzipBomb(mkdtempSync(join(tmpdir(), 'callboard-importstest-bomb-')), 'queue_log.2.gz', 8);
    const form = new FormData();
    form.set('file', new File([readFileSync(bomb.path)], 'queue_log.2.gz'));
    const res = await post(form);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/^queue_log\.2\.gz: refused: it inflates to more than 100 times .*raise CALLBOARD_GZIP_MAX_RATIO$/);
    expect(ourTempFolders()).toEqual([]);
  });
});

describe('receiveUpload', () => {
  it('writes the file part to disk as it arrives: the first MB is on disk before the rest is sent', async () => {
    const content = Buffer.alloc(3 * 1024 * 1024, '1772463600|c1|billing|NONE|ENTERQUEUE||3125550100|1\n');
    let send!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (send = c) });
    const request = new Request(`${ORIGIN}/api/imports`, {
      method: 'POST', body, headers: { 'content-type': multipartType }, duplex: 'half'
    } as RequestInit);
    const received = receiveUpload(request, { maxBytes: 10 * 1024 * 1024 });

    send.enqueue(Buffer.from(partHead('queue_log')));
    send.enqueue(content.subarray(0, 1024 * 1024));
    // The request is not complete, yet its file part is already being written (the whole 3 MB never sits in memory).
    const onDisk = () => {
      const folder = ourTempFolders().find((n) => n.startsWith(`callboard-upload-${process.pid}-`));
      return folder ? statSync(join(temp, folder, 'upload')).size : 0;
    };
    await vi.waitFor(() => expect(onDisk()).toBeGreaterThanOrEqual(512 * 1024));
    expect(onDisk()).toBeLessThanOrEqual(1024 * 1024);

    send.enqueue(content.subarray(1024 * 1024));
    send.enqueue(Buffer.from(closing));
    send.close();
    const upload = await received;
    try {
      expect(upload).toMatchObject({ name: 'queue_log', bytes: content.length });
      expect(readFileSync(upload.path).equals(content)).toBe(true);
    } finally {
      upload.cleanup();
    }
    expect(ourTempFolders()).toEqual([]);
  });

  it('stops a file over the limit with 413 and deletes what was written', async () => {
    const body = Buffer.concat([Buffer.from(partHead('queue_log')), Buffer.alloc(2 * 1024 * 1024, 'x'), Buffer.from(closing)]);
    const request = new Request(`${ORIGIN}/api/imports`, { method: 'POST', body, headers: { 'content-type': multipartType } });
    const e = await receiveUpload(request, { maxBytes: 1024 * 1024 }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(UploadTooLargeError);
    expect((e as UploadTooLargeError).status).toBe(413);
    expect((e as Error).message).toBe('The upload is larger than 1 MB (CALLBOARD_UPLOAD_LIMIT_MB).');
    expect(ourTempFolders()).toEqual([]);
  });
});
