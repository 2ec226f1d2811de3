/**
 * The one loader every source format feeds. For each file: recognise it (format, and whether it is a
 * source seen before), take the complete lines not loaded yet, stage them with the format's reader
 * into temp tables of the load's own connection (and, for a queue_log, prepare the visits of its new
 * callids: ingest/queue-log-publish.ts), then publish everything in ONE transaction: events or legs,
 * the calls rebuilt from them, the quarantined lines, the source's new offset and the run's record.
 * Staging changes nothing anyone else sees, and a transaction keeps all it made until it ends, so the
 * heavy work stays outside it and frees its memory as it goes. A crash or kill before COMMIT leaves
 * the database as it was (DuckDB discards the uncommitted WAL); the next run redoes the work.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { transactionOn, type Database } from '../sql/db.ts';
import { CallboardError, InputError, errorMessage } from '../sql/errors.ts';
import {
  MAX_LINE_BYTES,
  stagePbxwareQueueLog,
  stageQueueLogTable,
  stageRawQueueLog,
  type StageContext
} from './asterisk-queue-log.ts';
import { cdrLayoutFor, stageCdr, type CdrOptions } from './asterisk-cdr.ts';
import { adoptMappingZone, loadMapping, skippedRows, stageMappedCsv, type Mapping } from './csv-mapping.ts';
import { guessDelimiter, parseHeader, type BadLine } from './csv-rows.ts';
import { FORMAT_FAMILY, detectFormat, type RequestedFormat, type SourceFormat } from './detect-format.ts';
import { earliestChange, noteChangedCalls, refreshCallSlices, startNotingChangedCalls } from '../sql/upkeep/call-slices.ts';
import { holdExcludedCalls } from '../sql/upkeep/excluded-calls.ts';
import { refreshLoadReasons } from '../sql/upkeep/call-reasons.ts';
import { notePendingFacts } from '../sql/upkeep/call-facts-pending.ts';
import { gzipLimitsFrom, inflateGzip, isGzip, type GzipLimits } from './gzip-source.ts';
import { sweepBeforeLoad } from './temp-dirs.ts';
import { installFieldRanges } from './field-ranges.ts';
import { withLoadMemory } from './load-memory.ts';
import { profiled } from './load-profile.ts';
import { prepareQueueEvents, publishQueueEvents, type PreparedEvents, type VisitPath } from './queue-log-publish.ts';
import {
  closeSource,
  completeLinesEnd,
  firstLines,
  headHash,
  matchKnownSource,
  openSource,
  readableRegion,
  tailHash,
  type KnownSource
} from './source-file.ts';

export interface LoadOptions {
  timeZone: string;
  format?: RequestedFormat;
  /** A mapping file path or an already parsed mapping (format csv). */
  mapping?: string | Mapping;
  cdr?: CdrOptions;
  /** Where the load came from, kept in the load history. */
  origin?: 'cli' | 'upload' | 'inbox' | 'demo';
  /** The name to record instead of the path (an upload's original file name). */
  displayName?: string;
  onProgress?: (p: Progress) => void;
  /**
   * How queue_log visits are rebuilt: `fast` takes callids first seen in this load with simple visits
   * the fast way; `definition` rebuilds every callid by sql/derive-queue-visits.sql (the tests hold the
   * two to the same rows). Unset: `fast`, or `definition` for a load of fewer than SMALL_LOAD_LINES
   * lines (queue-log-publish.ts). partRows: lines per pass of the fast path (tests set it low).
   */
  visits?: VisitPath;
  partRows?: number;
  /** Caps on inflating a gzip file (default: CALLBOARD_GZIP_MAX_MB / CALLBOARD_GZIP_MAX_RATIO, gzip-source.ts). */
  gzipLimits?: GzipLimits;
}

export interface Progress {
  path: string;
  phase: 'scan' | 'read' | 'publish' | 'done';
  bytesDone: number;
  bytesTotal: number;
}

/** The per-file summary (`ingest --json`). */
export interface FileSummary {
  path: string;
  format: SourceFormat | null;
  rows_read: number;
  rows_loaded: number;
  rows_quarantined: number;
  /** Rows the mapping's `skip` rules say are not calls, with how many for each reason. */
  rows_skipped: number;
  skipped: Array<{ reason: string; rows: number }>;
  /** Values outside their plausible range (ingest/field-ranges.ts), kept as missing. */
  fields_rejected: number;
  calls_added: number;
  /** Of calls_added, the visits with no end yet. */
  calls_open: number;
  duplicate: boolean;
  unknown_events: number;
  /** A partial last line was left for the next run. */
  partial_tail: boolean;
  quarantined: BadLine[];
  /** What the load wants a person to know (the mapping's zone and the center's differ, ...). */
  warnings: string[];
  /** A sample of the rejected values. */
  rejected: RejectedField[];
  error?: string;
}

export interface RejectedField {
  line_no: number;
  field: string;
  value: string | null;
  reason: string;
}

const QUARANTINE_SAMPLE = 20;
/** The documented shape of one file's summary (`ingest --json`, POST /api/imports). */
export function contractSummary(s: FileSummary) {
  const base = {
    path: s.path, format: s.format, rows_read: s.rows_read, rows_loaded: s.rows_loaded,
    rows_quarantined: s.rows_quarantined, rows_skipped: s.rows_skipped, fields_rejected: s.fields_rejected, calls_added: s.calls_added,
    calls_open: s.calls_open, duplicate: s.duplicate,
    ...(s.skipped.length ? { skipped: s.skipped } : {}), ...(s.warnings.length ? { warnings: s.warnings } : {})
  };
  return s.error ? { ...base, error: s.error } : base;
}

/**
 * The sources of a format loaded before, on a connection of the load's own (not the readers' pool,
 * where it would wait behind the wallboards' queries) and not counted as a write: the live feed
 * hears the load once its lines are committed, not as it starts.
 */
async function knownSources(db: Database, format: SourceFormat): Promise<KnownSource[]> {
  const conn = await db.connect();
  try {
    return await db.all<KnownSource>(
      `SELECT file_id, format, head_hash, tail_hash, bytes_loaded, lines_loaded
       FROM source_files WHERE format = $format ORDER BY bytes_loaded DESC`,
      { format },
      conn
    );
  } finally {
    conn.closeSync();
  }
}

function countCalls(db: Database, conn: DuckDBConnection): Promise<number> {
  return db.one<{ n: number }>('SELECT count(*) AS n FROM calls', {}, conn).then((r) => r?.n ?? 0);
}

/** Publishes staged CDR legs: legs in, calls of the touched linkedids rebuilt. */
async function publishCdr(db: Database, conn: DuckDBConnection, fileId: number): Promise<number> {
  await conn.run(`INSERT INTO cdr_records BY NAME SELECT $file_id AS file_id, * FROM stage_cdr`, { file_id: fileId });
  await conn.run(`CREATE OR REPLACE TEMP TABLE affected_linkedids AS SELECT DISTINCT linkedid FROM stage_cdr`);
  await db.scriptFile('derive-cdr-calls', {}, conn);
  await conn.run(`DELETE FROM ring_attempts r USING cdr_legs l WHERE r.file_id = l.file_id AND r.line_no = l.line_no`);
  const rebuilt = `FROM calls WHERE source = 'cdr' AND callid IN (SELECT linkedid FROM affected_linkedids)`;
  await noteChangedCalls(conn, rebuilt);
  await conn.run(`DELETE ${rebuilt}`);
  await conn.run(`INSERT INTO calls BY NAME SELECT * FROM derived_calls`);
  await noteChangedCalls(conn, 'FROM derived_calls');
  await conn.run(`INSERT INTO ring_attempts BY NAME SELECT * FROM derived_rings`);
  return (await db.one<{ n: number }>('SELECT count(*) AS n FROM stage_cdr', {}, conn))?.n ?? 0;
}

/** Publishes a service-request export's good rows (matched to calls by sql/refresh-call-reasons.sql). */
async function publishServiceRequests(db: Database, conn: DuckDBConnection, fileId: number): Promise<number> {
  const good = 'skip_reason IS NULL AND line_no NOT IN (SELECT line_no FROM stage_quarantine)';
  await conn.run(
    `INSERT INTO service_requests (file_id, line_no, request_id, created_ts, caller, request_type, caller_key)
     SELECT $file_id, line_no, request_id, created_ts, caller, trim(request_type), number_key_of(caller) FROM stage_mapped WHERE ${good}`,
    { file_id: fileId }
  );
  return (await db.one<{ n: number }>(`SELECT count(*) AS n FROM stage_mapped WHERE ${good}`, {}, conn))?.n ?? 0;
}

/** Publishes mapped CSV rows: each good row is one call (rows the mapping skips are not calls). */
async function publishMapped(db: Database, conn: DuckDBConnection, fileId: number): Promise<number> {
  const good = 'skip_reason IS NULL AND line_no NOT IN (SELECT line_no FROM stage_quarantine)';
  await conn.run(
    `INSERT INTO calls BY NAME
     SELECT 'csv' AS source, $file_id AS file_id, m.line_no,
            COALESCE(m.callid, 'csv-' || $file_id || '-' || m.line_no) AS callid,
            COALESCE(m.queue, 'default') AS queue, COALESCE(m.direction, 'inbound') AS direction,
            m.caller, m.did, m.enter_ts, m.connect_ts, m.end_ts, m.outcome, NULL AS end_event, m.agent,
            -- A missing (or rejected) wait or talk: the difference of the row's times, when plausible.
            COALESCE(m.wait_s, plausible_duration_s(
              epoch(COALESCE(m.connect_ts, CASE WHEN m.outcome <> 'answered' THEN m.end_ts END)) - epoch(m.enter_ts))) AS wait_s,
            COALESCE(m.talk_s, CASE WHEN m.outcome = 'answered' THEN plausible_duration_s(epoch(m.end_ts) - epoch(m.connect_ts)) END) AS talk_s,
            m.wrap_s, COALESCE(m.ring_no_answer, 0) AS ring_no_answer,
            COALESCE(m.transferred, false) AS transferred, NULL AS enter_position
     FROM stage_mapped m WHERE ${good}`,
    { file_id: fileId }
  );
  await noteChangedCalls(conn, `FROM stage_mapped WHERE ${good}`);
  await conn.run(
    `INSERT INTO mapped_reasons SELECT $file_id, line_no, trim(reason) FROM stage_mapped WHERE ${good} AND nullif(trim(reason), '') IS NOT NULL`,
    { file_id: fileId }
  );
  return (await db.one<{ n: number }>(`SELECT count(*) AS n FROM stage_mapped WHERE ${good}`, {}, conn))?.n ?? 0;
}

/** How many of a service-request export's requests matched a call; says so plainly when none could. */
async function serviceRequestNote(db: Database, conn: DuckDBConnection, fileId: number): Promise<string[]> {
  const r = await db.one<{ n: number; numbered: number; matched: number }>(
    `SELECT CAST(count(*) AS INTEGER) AS n, CAST(count(caller) AS INTEGER) AS numbered, CAST(count(call_file_id) AS INTEGER) AS matched
     FROM service_requests WHERE file_id = $file_id`, { file_id: fileId }, conn
  );
  if (!r || r.n === 0) return [];
  if (r.numbered === 0) return [`service requests: none of the ${r.n} has a caller's number, so nothing could be matched to a call`];
  return [`service requests: ${r.matched} of ${r.n} matched a call (the caller's call that ended in the 2 hours before the request); ${r.n - r.matched} unmatched`];
}

function emptySummary(path: string, format: SourceFormat | null): FileSummary {
  return {
    path, format, rows_read: 0, rows_loaded: 0, rows_quarantined: 0, fields_rejected: 0, calls_added: 0, calls_open: 0,
    duplicate: false, unknown_events: 0, partial_tail: false, quarantined: [], rejected: [], rows_skipped: 0, skipped: [], warnings: []
  };
}

async function recordRun(db: Database, conn: DuckDBConnection | undefined, run: {
  fileId: number | null; path: string; format: string | null; started: Date; from: number | null; to: number | null;
  s: FileSummary; status: 'loaded' | 'duplicate' | 'failed'; origin: string;
}): Promise<number> {
  const row = await db.one<{ run_id: number }>(
    `INSERT INTO load_runs (file_id, path, format, started_at, finished_at, byte_from, byte_to, rows_read, rows_loaded,
       rows_quarantined, rows_skipped, calls_added, unknown_events, status, error, origin)
     VALUES ($file_id, $path, $format, $started, now(), $from, $to, $rows_read, $rows_loaded, $rows_quarantined,
       $rows_skipped, $calls_added, $unknown, $status, $error, $origin) RETURNING run_id`,
    {
      file_id: run.fileId, path: run.path, format: run.format, started: run.started.toISOString(),
      from: run.from, to: run.to, rows_read: run.s.rows_read, rows_loaded: run.s.rows_loaded,
      rows_quarantined: run.s.rows_quarantined, rows_skipped: run.s.rows_skipped, calls_added: run.s.calls_added,
      unknown: run.s.unknown_events,
      status: run.status, error: run.s.error ?? null, origin: run.origin
    },
    conn
  );
  return row!.run_id;
}

/** What recognising a file's format threw, as one clear line (a CSV parser's own error is not one). */
function recognise<T>(fn: () => T, name: string): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CallboardError) throw e;
    throw new InputError(`${name}: cannot tell what this file is: its first line does not parse (${errorMessage(e)})`);
  }
}

/** Loads one file. Throws InputError (after recording the failed run) when it cannot be read. */
export function ingestFile(db: Database, path: string, opts: LoadOptions): Promise<FileSummary> {
  // Its writes count as a load's (Database.loading): who is signed in stays remembered across it.
  return db.loading(() => loadFile(db, path, opts));
}

async function loadFile(db: Database, path: string, opts: LoadOptions): Promise<FileSummary> {
  const started = new Date();
  const name = opts.displayName ?? path;
  const origin = opts.origin ?? 'cli';
  let format: SourceFormat | null = null;
  let inflated: { path: string; cleanup: () => void } | null = null;
  sweepBeforeLoad(); // what a killed load left in the temp folder
  try {
    if (isGzip(path)) inflated = await inflateGzip(path, name, opts.gzipLimits ?? gzipLimitsFrom(process.env));
    return await ingestOpened(db, inflated?.path ?? path, name, opts, started, (f) => (format = f));
  } catch (e) {
    const s = emptySummary(name, format);
    s.error = errorMessage(e);
    await recordRun(db, undefined, { fileId: null, path: name, format, started, from: null, to: null, s, status: 'failed', origin })
      .catch(() => undefined);
    throw e;
  } finally {
    inflated?.cleanup();
  }
}

async function ingestOpened(
  db: Database, path: string, name: string, opts: LoadOptions, started: Date, setFormat: (f: SourceFormat) => void
): Promise<FileSummary> {
  const { fd, size } = openSource(path);
  try {
    const head = firstLines(fd);
    const mapping = typeof opts.mapping === 'string' ? loadMapping(opts.mapping) : opts.mapping;
    const format = recognise(() => detectFormat(name, head, opts.format ?? 'auto', mapping !== undefined), name);
    setFormat(format);
    const summary = emptySummary(name, format);
    const origin = opts.origin ?? 'cli';
    const progress = (phase: Progress['phase'], bytesDone: number) =>
      opts.onProgress?.({ path: name, phase, bytesDone, bytesTotal: size });

    const known = await knownSources(db, format);
    const source = matchKnownSource(fd, size, known);
    const from = source?.bytes_loaded ?? 0;
    const to = completeLinesEnd(fd, from, size);
    summary.partial_tail = to < size;
    if (source && to === from) {
      summary.duplicate = true;
      await recordRun(db, undefined, { fileId: source.file_id, path: name, format, started, from, to, s: summary, status: 'duplicate', origin });
      return summary;
    }
    if (to === from) return summary; // empty, or one partial line: nothing complete to load yet

    const lineBase = source?.lines_loaded ?? 0;
    const readable = readableRegion(path, fd, size, { from, to, partialTail: to < size, lineBase }, (done) => progress('scan', from + done), {
      maxLineBytes: format === 'queue_log' ? MAX_LINE_BYTES : undefined
    });
    try {
      const delimiter = format === 'csv' ? (mapping?.delimiter ?? ',') : guessDelimiter(head[0] ?? '');
      const header = format === 'queue_log' || format === 'cdr' ? [] : recognise(() => parseHeader(head[0] ?? '', delimiter), name);
      const cdrLayout = format === 'cdr' ? cdrLayoutFor(head.filter((l) => l.trim() !== '')) : null;

      await withLoadMemory(db, to - from, () => db.withConnection(async (rawConn) => {
        const conn = profiled(rawConn);
        await installFieldRanges(conn);
        const ctx: StageContext = {
          db, conn, path: readable.path, lineBase, fromStart: from === 0, header, timeZone: opts.timeZone,
          overlong: readable.overlong.map((l) => ({
            line_no: l.line_no, field: null, reason: `line is ${l.bytes.toLocaleString('en')} bytes, longer than any export line can be`, raw: l.head
          }))
        };
        // DuckDB reports how far the running statement is; the longest are reading the lines and
        // publishing them, so the bar follows them (never backwards).
        let shown = from;
        let phase: Progress['phase'] = 'read';
        progress(phase, from);
        const poll = setInterval(() => {
          const at = from + ((to - from) * conn.progress.percentage) / 100;
          if (at > shown) progress(phase, (shown = at));
        }, 250);
        try {
          // Staging, into the connection's temp tables: before the transaction, which then only publishes.
          const staged: { rowsRead: number; bad: BadLine[]; lines?: number } =
            format === 'queue_log' ? await stageRawQueueLog(ctx)
            : format === 'queue_log_table' ? await stageQueueLogTable(ctx)
            : format === 'pbxware_queue_log' ? await stagePbxwareQueueLog(ctx)
            : format === 'cdr' ? await stageCdr(ctx, cdrLayout!, opts.cdr ?? {})
            : await stageMappedCsv(ctx, mapping!);
          const visitPaths = FORMAT_FAMILY[format] === 'queue_log'
            ? await prepareQueueEvents(db, conn, { visits: opts.visits, partRows: opts.partRows })
            : { parts: 0, visits: 'definition' as const, lines: 0 };
          phase = 'publish';
          const changes = await transactionOn(conn, () => publish(staged, visitPaths));
          db.changed(); // readers' shared answers and look-ups are from before this load (sql/answer-cache.ts)
          // The metrics and quality summaries follow, in a transaction of their own: they read the
          // calls just written, which DuckDB reads 4-5 times quicker committed than from the open
          // transaction's own rows (call_slices at 10M calls: 7 s of CPU instead of 30). Until then
          // the summaries no longer match the calls, so readers count the calls themselves (the same
          // figures, slower); a kill in between leaves them so until `serve` or the next load rebuilds them.
          // The calls are in by now: a refresh that fails is said, not a failed load.
          try {
            await transactionOn(conn, () => refreshCallSlices(db, conn, changes.callsBefore, changes.noted));
            db.changed(); // a reader that found the summaries stale since the COMMIT above asks again
          } catch (e) {
            summary.warnings.push(
              `the calls are loaded, but the metrics summaries could not be brought up to date (${errorMessage(e)}): ` +
              'figures are counted from the calls until the next load or server start rebuilds them'
            );
          }
        } finally {
          clearInterval(poll);
        }
        progress('publish', to);

        /** What the load changed in calls: the count before it and its earliest change (the summaries' refresh). */
        type CallChanges = { callsBefore: number; noted: Awaited<ReturnType<typeof earliestChange>> };

        async function publish(staged: { rowsRead: number; bad: BadLine[]; lines?: number }, visitPaths: PreparedEvents): Promise<CallChanges> {
          const callsBefore = await countCalls(db, conn);
          await startNotingChangedCalls(conn);
          let fileId = source?.file_id;
          if (fileId === undefined) {
            const row = await db.one<{ file_id: number }>(
              `INSERT INTO source_files (format, path, head_hash, tail_hash, bytes_loaded, lines_loaded, mapping)
               VALUES ($format, $path, '', '', 0, 0, $mapping) RETURNING file_id`,
              { format, path: name, mapping: mapping ? JSON.stringify(mapping) : null },
              conn
            );
            fileId = row!.file_id;
          }
          let loaded: number;
          if (FORMAT_FAMILY[format] === 'queue_log') {
            const r = await publishQueueEvents(db, conn, fileId, visitPaths);
            loaded = r.loaded;
            summary.unknown_events = r.unknown;
          } else if (format === 'cdr') {
            loaded = await publishCdr(db, conn, fileId);
          } else {
            loaded = mapping?.kind === 'service_requests'
              ? await publishServiceRequests(db, conn, fileId)
              : await publishMapped(db, conn, fileId);
            summary.skipped = await skippedRows(db, conn);
            summary.rows_skipped = summary.skipped.reduce((n, s) => n + s.rows, 0);
            const zoneNote = mapping?.timezone ? await adoptMappingZone(db, conn, mapping.timezone) : null;
            if (zoneNote) summary.warnings.push(zoneNote);
          }
          await holdExcludedCalls(db, conn); // a call an admin excluded stays out when derived again
          await refreshLoadReasons(db, conn, fileId, lineBase); // call reasons follow what the load brought
          if (mapping?.kind === 'service_requests') summary.warnings.push(...(await serviceRequestNote(db, conn, fileId)));
          const runId = await recordRun(db, conn, {
            fileId, path: name, format, started, from, to, s: summary, status: 'loaded', origin
          });
          // Bad lines and rejected values are rare: a load with none (a followed file's small appends)
          // asks the staged counts once and writes nothing.
          const { quarantined: stagedBad, rejected: nRejected } = (await db.one<{ quarantined: number; rejected: number }>(
            `SELECT (SELECT count(*) FROM stage_quarantine) AS quarantined, (SELECT count(*) FROM stage_rejected) AS rejected`, {}, conn
          ))!;
          if (stagedBad > 0) {
            await conn.run(
              `INSERT INTO quarantine (file_id, line_no, field, reason, raw, run_id)
               SELECT $file_id, line_no, field, reason, left(raw, 2000), $run_id FROM stage_quarantine`,
              { file_id: fileId, run_id: runId }
            );
          }
          for (const b of staged.bad) {
            await conn.run(
              `INSERT INTO quarantine (file_id, line_no, field, reason, raw, run_id) VALUES ($f, $l, $field, $reason, $raw, $run)`,
              { f: fileId, l: b.line_no, field: b.field, reason: b.reason, raw: b.raw?.slice(0, 2000) ?? null, run: runId }
            );
          }
          summary.fields_rejected = nRejected;
          if (nRejected > 0) {
            await conn.run(
              `INSERT INTO field_rejections (file_id, line_no, field, value, reason, run_id)
               SELECT $file_id, line_no, field, value, reason, $run_id FROM stage_rejected`,
              { file_id: fileId, run_id: runId }
            );
            summary.rejected = await db.all<RejectedField>(
              `SELECT line_no, field, value, reason FROM stage_rejected ORDER BY line_no, slot LIMIT ${QUARANTINE_SAMPLE}`, {}, conn
            );
          }
          const nQuarantined = stagedBad + staged.bad.length; // (the two inserts above: this run's rows)
          const quarantined = nQuarantined === 0 ? [] : await db.all<BadLine>(
            `SELECT line_no, field, reason, raw FROM quarantine WHERE run_id = $run ORDER BY line_no LIMIT ${QUARANTINE_SAMPLE}`,
            { run: runId },
            conn
          );
          // Lines in the region: DuckDB counted them (blank ones included) for the raw queue_log.
          const linesInRegion = staged.lines ?? null;

          summary.rows_read = staged.rowsRead;
          summary.rows_loaded = loaded;
          summary.rows_quarantined = nQuarantined;
          summary.quarantined = quarantined;
          summary.calls_added = (await countCalls(db, conn)) - callsBefore;
          // The visits this load's lines entered that have no end yet (bounded by calls_added: a load
          // that only closes earlier visits adds none).
          const open = (await db.one<{ n: number }>(
            'SELECT count(*) AS n FROM calls WHERE file_id = $file_id AND line_no > $line_base AND outcome IS NULL',
            { file_id: fileId, line_base: lineBase }, conn
          ))?.n ?? 0;
          summary.calls_open = Math.max(0, Math.min(open, summary.calls_added));
          const noted = await earliestChange(db, conn);
          await notePendingFacts(db, conn, callsBefore, noted); // the repeat/follow-up facts catch up after the load

          await conn.run(
            `UPDATE load_runs SET rows_read = $read, rows_loaded = $loaded, rows_quarantined = $q, rows_skipped = $skipped,
               calls_added = $calls, unknown_events = $unknown, fields_rejected = $rejected, calls_open = $open WHERE run_id = $run`,
            {
              read: summary.rows_read, loaded, q: nQuarantined, skipped: summary.rows_skipped, calls: summary.calls_added,
              unknown: summary.unknown_events, rejected: summary.fields_rejected, open: summary.calls_open, run: runId
            }
          );
          await conn.run(
            `UPDATE source_files SET path = $path, head_hash = $head, tail_hash = $tail, bytes_loaded = $to,
               lines_loaded = lines_loaded + $lines, last_loaded = now() WHERE file_id = $file_id`,
            { path: name, head: headHash(fd, to), tail: tailHash(fd, to), to, lines: linesInRegion ?? 0, file_id: fileId }
          );
          if (linesInRegion === null) {
            // Formats read by csv-parse: count the region's lines from the bytes.
            await conn.run('UPDATE source_files SET lines_loaded = lines_loaded + $lines WHERE file_id = $file_id', {
              lines: countNewlines(readable.path), file_id: fileId
            });
          }
          return { callsBefore, noted };
        }
      }));
    } finally {
      readable.cleanup();
    }
    progress('done', size);
    return summary;
  } finally {
    closeSource(fd);
  }
}

function countNewlines(path: string): number {
  const buf = readFileSync(path);
  let n = 0;
  for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}

/**
 * Loads several files in order; a file that fails is reported and the others still load. Even an
 * unexpected failure (not an input error) is reported in its file's summary rather than thrown, as
 * the files before it are committed and their summaries must still be told.
 */
export async function ingestFiles(db: Database, paths: string[], opts: LoadOptions): Promise<FileSummary[]> {
  const out: FileSummary[] = [];
  for (const p of paths) {
    try {
      out.push(await ingestFile(db, p, opts));
    } catch (e) {
      const s = emptySummary(opts.displayName ?? p, null);
      s.error = e instanceof CallboardError ? e.message : `${p}: could not be loaded (${errorMessage(e).split('\n')[0]}); nothing of it was kept`;
      out.push(s);
    }
  }
  return out;
}

