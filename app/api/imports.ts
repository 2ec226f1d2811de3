/**
 * /api/imports: upload an export (multipart field `file`) and see the load history.
 * The upload streams to a file under a generated temporary name; its own name is only a label.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { InputError } from '../../sql/errors.ts';
import { contractSummary, ingestFile } from '../../ingest/load.ts';
import { catchUpFactsSoon } from '../server/facts-catch-up.ts';
import { serverConfig } from '../server/config.ts';
import { receiveUpload } from './upload-stream.ts';
import type { AuthEnv } from './auth.ts';

/** A display label for an uploaded file: its base name, printable characters only. */
export function uploadLabel(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'upload';
  return base.replace(/[^\w.\- ]/g, '_').slice(0, 120) || 'upload';
}

const formatSchema = z.enum(['auto', 'queue_log', 'cdr']).default('auto');

export const imports = new Hono<AuthEnv>()
  .post('/', async (c) => {
    // Streamed to a temporary file as it arrives (upload-stream.ts), never held whole in memory.
    const upload = await receiveUpload(c.req.raw, { maxBytes: serverConfig().uploadLimitBytes });
    try {
      const format = formatSchema.safeParse(upload.fields.format || undefined);
      if (!format.success) throw new InputError('format must be auto, queue_log or cdr');
      const db = c.var.ctx.db;
      const summary = await ingestFile(db, upload.path, {
        timeZone: c.var.ctx.timeZone,
        format: format.data,
        origin: 'upload',
        displayName: uploadLabel(upload.name)
      });
      void catchUpFactsSoon(db, (l) => console.log(l)); // the trends' facts, after the answer
      return c.json({ files: [{ ...contractSummary(summary), quarantined: summary.quarantined, rejected: summary.rejected }] });
    } finally {
      upload.cleanup();
    }
  })
  .get('/', async (c) => {
    const db = c.var.ctx.db;
    const runs = await db.all(
      `SELECT run_id, path, format, origin, status, error, rows_read, rows_loaded, rows_quarantined, rows_skipped, calls_added,
              unknown_events, fields_rejected, calls_open, strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at,
              round(epoch(finished_at) - epoch(started_at), 3) AS seconds
       FROM load_runs WHERE status <> 'duplicate' ORDER BY run_id DESC LIMIT 200`
    );
    return c.json({ runs });
  })
  .get('/:runId/quarantine', async (c) => {
    const runId = z.coerce.number().int().positive().safeParse(c.req.param('runId'));
    if (!runId.success) throw new InputError('runId must be a positive integer');
    const db = c.var.ctx.db;
    const lines = await db.all(
      'SELECT line_no, field, reason, raw FROM quarantine WHERE run_id = $run ORDER BY line_no LIMIT 1000',
      { run: runId.data }
    );
    // The run's values kept as missing (outside their plausible range: ingest/field-ranges.ts).
    const rejected = await db.all(
      'SELECT line_no, field, value, reason FROM field_rejections WHERE run_id = $run ORDER BY line_no, field LIMIT 1000',
      { run: runId.data }
    );
    return c.json({ lines, rejected });
  });
