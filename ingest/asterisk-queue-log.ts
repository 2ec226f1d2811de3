/**
 * Asterisk queue_log in its three shapes, all normalised to the raw pipe format's fields:
 * - `queue_log`: the raw file Asterisk appends to, `epoch|callid|queue|agent|EVENT|data1|...`.
 *   DuckDB reads and splits the lines (sql/stage-queue-log-raw.sql): no per-line JavaScript.
 * - `queue_log_table`: the realtime database table exported as CSV with a header
 *   (`time,callid,queuename,agent,event,data1..data5`, or one `data` column with `|` inside).
 *   `time` may be an epoch or the server's local date-time (read in the center's time zone).
 * - `pbxware_queue_log`: PBXware's parsed table (`uid,date_time,callid,queue_name,type,event,
 *   param1..3,entpos,expos,htime,ttime,time`); its fields are moved to the positions Asterisk uses
 *   for each event (sql/stage-pbxware-queue-log.sql).
 * All three end in the view stage_input (time, callid, queue and agent trimmed, ev the event
 * upper-cased) and sql/stage-queue-events.sql, the view stage_checked that the loader publishes:
 * good lines to queue_events, bad ones to quarantine.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../sql/db.ts';
import { InputError } from '../sql/errors.ts';
import { stageCsv, type BadLine } from './csv-rows.ts';

/** The longest line DuckDB's reader takes (its max_line_size); longer ones are quarantined. */
export const MAX_LINE_BYTES = 1_999_000;

export const RAW_LINE = /^\s*\d{9,11}(\.\d+)?\|[^|]*\|[^|]*\|[^|]*\|[A-Za-z_]+/;

export const TABLE_COLUMNS = ['time', 'callid', 'queuename', 'agent', 'event'];
export const PBXWARE_COLUMNS = ['uid', 'date_time', 'callid', 'queue_name', 'type', 'event', 'param1', 'param2', 'param3', 'entpos', 'expos', 'htime', 'ttime', 'time'];

export interface StagedEvents {
  rowsRead: number;
  /** Lines in the region, blank ones included (the raw queue_log, whose lines DuckDB counts). */
  lines?: number;
  bad: BadLine[];
}

export interface StageContext {
  db: Database;
  conn: DuckDBConnection;
  /** A readable copy of the region to load (clean UTF-8, LF line ends). */
  path: string;
  lineBase: number;
  /** Whether the region starts at the top of the file (so a header line is in it). */
  fromStart: boolean;
  /** Lines too long for the reader, blank in `path`: quarantined as they are. */
  overlong?: BadLine[];
  header: string[];
  timeZone: string;
}

async function finish(ctx: StageContext, bad: BadLine[]): Promise<StagedEvents> {
  await ctx.db.scriptFile('stage-queue-events', { tz: ctx.timeZone }, ctx.conn);
  // Numbers outside their plausible range (ingest/field-ranges.ts) are recorded; queue_events keeps
  // the lines as read, and the visits count such a number as missing (sql/visit-calls.sql).
  await ctx.db.scriptFile('stage-queue-numbers', {}, ctx.conn);
  await ctx.db.scriptFile('stage-reject-numbers', {}, ctx.conn);
  await ctx.conn.run('DROP VIEW stage_numbers');
  const [{ n }] = await ctx.db.all<{ n: number }>('SELECT count(*) AS n FROM stage_events', {}, ctx.conn);
  return { rowsRead: n + bad.length, bad };
}

/** stage_rows (a table of the CSV variants, fields as read) as stage_input. */
async function inputFromRows(ctx: StageContext): Promise<void> {
  await ctx.conn.run(`CREATE OR REPLACE TEMP VIEW stage_input AS
    SELECT line_no, raw, nf, time_text, trim(callid) AS callid, trim(queue) AS queue, trim(agent) AS agent,
           event, upper(trim(event)) AS ev, data1, data2, data3, data4, data5, false AS fields_from_line
    FROM stage_rows`);
}

export async function stageRawQueueLog(ctx: StageContext): Promise<StagedEvents> {
  await ctx.db.scriptFile('stage-queue-log-raw', { path: ctx.path, line_base: ctx.lineBase }, ctx.conn);
  const [{ lines }] = await ctx.db.all<{ lines: number }>('SELECT count(*) AS lines FROM stage_lines', {}, ctx.conn);
  return { ...(await finish(ctx, ctx.overlong ?? [])), lines };
}

/** The realtime-table export: columns found by name in the header. */
export async function stageQueueLogTable(ctx: StageContext): Promise<StagedEvents> {
  const names = ctx.header.map((h) => h.toLowerCase());
  const col = (name: string): string | null => {
    const i = names.indexOf(name);
    return i >= 0 ? `c${i + 1}` : null;
  };
  const missing = TABLE_COLUMNS.filter((c) => !col(c) && !(c === 'queuename' && col('queue')));
  if (missing.length) throw new InputError(`queue_log table export: the header lacks ${missing.join(', ')}`);
  const staged = await stageCsv(ctx.conn, ctx.path, 'stage_csv', {
    skipHeader: ctx.fromStart,
    width: names.length,
    lineBase: ctx.lineBase
  });
  const data = [1, 2, 3, 4, 5].map((i) => col(`data${i}`));
  const combined = col('data');
  // Identifiers come from our own c1..cN names, never from the file.
  const dataSql = data.every((d) => d === null) && combined
    ? [1, 2, 3, 4, 5].map((i) => `string_split(${combined}, '|')[${i}] AS data${i}`).join(', ')
    : data.map((d, i) => `${d ?? 'NULL'} AS data${i + 1}`).join(', ');
  await ctx.conn.run(`CREATE OR REPLACE TEMP TABLE stage_rows AS
    SELECT line_no, CAST(NULL AS VARCHAR) AS raw, 5 AS nf, trim(${col('time')}) AS time_text, ${col('callid')} AS callid,
           ${col('queuename') ?? col('queue')} AS queue, ${col('agent')} AS agent, ${col('event')} AS event, ${dataSql}
    FROM stage_csv`);
  await ctx.conn.run(`UPDATE stage_rows SET raw = concat_ws('|', time_text, callid, queue, agent, event, data1, data2, data3, data4, data5)`);
  await inputFromRows(ctx);
  return finish(ctx, staged.bad);
}

/** PBXware's table: fields moved to Asterisk's per-event positions. */
export async function stagePbxwareQueueLog(ctx: StageContext): Promise<StagedEvents> {
  const staged = await stageCsv(ctx.conn, ctx.path, 'stage_csv', {
    skipHeader: ctx.fromStart,
    width: PBXWARE_COLUMNS.length,
    lineBase: ctx.lineBase
  });
  await ctx.db.scriptFile('stage-pbxware-queue-log', {}, ctx.conn);
  await inputFromRows(ctx);
  return finish(ctx, staged.bad);
}
