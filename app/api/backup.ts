/**
 * /api/backup (admin, or the local command line: access.ts): a consistent copy of the whole database,
 * streamed as a DuckDB file. Taken in the server because the server owns the database (app/server/backup.ts).
 */
import { Hono } from 'hono';
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { backupToTemporaryFile } from '../server/backup.ts';
import { currentUser, type AuthEnv } from './auth.ts';
import { noQuery } from './validate.ts';

export const backup = new Hono<AuthEnv>().post('/', async (c) => {
  noQuery(c);
  const copy = await backupToTemporaryFile(c.var.ctx.db, currentUser(c));
  try {
    const size = statSync(copy.file).size;
    const stream = createReadStream(copy.file);
    stream.once('close', copy.remove); // the temporary copy goes once it has been sent (or the client left)
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      headers: {
        'content-type': 'application/vnd.duckdb',
        'content-length': String(size),
        'content-disposition': `attachment; filename="callboard-${stamp}.duckdb"`
      }
    });
  } catch (e) {
    copy.remove();
    throw e;
  }
});
