/**
 * Asterisk CDR exports (cdr_csv's Master.csv without a header, or a header-ful table dump).
 *
 * Column layouts without a header are recognised from the rows: the standard cdr_csv orders
 * (Asterisk 12+ with peeraccount/linkedid/sequence, and the older 18-column one) and a known
 * cdr_custom order; a layout is chosen only if its start time and disposition columns hold a
 * date-time and a disposition. One call is all legs sharing a linkedid (ring-group fan-out).
 * Direction: a leg is outbound when its context is listed as outbound, or when an extension
 * (at most `extensionDigits` digits, or a name) dials an outside number; inbound when its context
 * or dialled number is listed as a service, or when an outside number calls in; else internal.
 */
import { parse as parseSync } from 'csv-parse/sync';
import type { StageContext } from './asterisk-queue-log.ts';
import { sqlText } from '../sql/db.ts';
import { stageCsv, type BadLine } from './csv-rows.ts';

export const CDR_FIELDS = [
  'accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'lastdata',
  'start', 'answer', 'end', 'duration', 'billsec', 'disposition', 'amaflags', 'uniqueid', 'userfield',
  'peeraccount', 'linkedid', 'sequence'
] as const;
export type CdrField = (typeof CDR_FIELDS)[number];

const LAYOUTS: Record<string, readonly string[]> = {
  cdr_csv: CDR_FIELDS,
  cdr_csv_legacy: CDR_FIELDS.slice(0, 18),
  cdr_custom_19: ['clid', 'src', 'dst', 'dcontext', 'channel', 'dstchannel', 'lastapp', 'lastdata', 'start', 'answer', 'end',
    'duration', 'billsec', 'disposition', 'amaflags', 'accountcode', 'uniqueid', 'userfield', 'sequence']
};

const HEADER_ALIASES: Record<string, CdrField> = { calldate: 'start', answer_time: 'answer', end_time: 'end' };
const DISPOSITIONS = /^(ANSWERED|NO ANSWER|BUSY|FAILED|CONGESTION)$/;
const DATETIME = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d/;

export interface CdrLayout {
  /** Field name of each column (null for columns Callboard does not use). */
  columns: (CdrField | null)[];
  hasHeader: boolean;
}

function parseLine(line: string): string[] {
  try {
    return (parseSync(line, { relax_quotes: true, relax_column_count: true })[0] ?? []) as string[];
  } catch {
    return [];
  }
}

/** The layout of a CDR file from its first lines, or null when it is not a CDR. */
export function cdrLayoutFor(lines: string[]): CdrLayout | null {
  const first = parseLine(lines[0] ?? '').map((h) => h.trim().toLowerCase());
  const named = first.map((h) => (CDR_FIELDS.includes(h as CdrField) ? (h as CdrField) : (HEADER_ALIASES[h] ?? null)));
  if (['src', 'dst', 'start', 'disposition'].every((f) => named.includes(f as CdrField))) {
    return { columns: named, hasHeader: true };
  }
  const rows = lines.slice(0, 10).map(parseLine).filter((r) => r.length > 1);
  if (rows.length === 0) return null;
  for (const layout of Object.values(LAYOUTS)) {
    const start = layout.indexOf('start');
    const disposition = layout.indexOf('disposition');
    // Most sample rows must fit: a few bad rows are quarantined later, not a reason to refuse the file.
    const fitting = rows.filter(
      (r) => r.length === layout.length && DATETIME.test(r[start] ?? '') && DISPOSITIONS.test((r[disposition] ?? '').toUpperCase())
    ).length;
    if (fitting >= Math.ceil(rows.length * 0.7)) return { columns: [...layout] as CdrField[], hasHeader: false };
  }
  return null;
}

export interface CdrOptions {
  /** dcontext values whose legs are inbound service calls (e.g. from-trunk, from-pstn). */
  inboundContexts?: string[];
  /** dcontext values whose legs are outbound calls (e.g. from-internal callbacks). */
  outboundContexts?: string[];
  /** Dialled numbers (DIDs) of the service lines: legs to them are inbound. */
  serviceNumbers?: string[];
  /** Internal extensions have at most this many digits (default 5). */
  extensionDigits?: number;
}

export async function stageCdr(ctx: StageContext, layout: CdrLayout, cdr: CdrOptions): Promise<{ rowsRead: number; bad: BadLine[] }> {
  const staged = await stageCsv(ctx.conn, ctx.path, 'stage_csv', {
    skipHeader: ctx.fromStart && layout.hasHeader,
    width: layout.columns.length,
    lineBase: ctx.lineBase
  });
  // Column names are ours (CDR_FIELDS), positions from the layout: nothing from the file reaches SQL text.
  const select = CDR_FIELDS.map((f) => {
    const i = layout.columns.indexOf(f);
    return `${i >= 0 ? `nullif(nullif(trim(c${i + 1}), ''), 'NULL')` : 'CAST(NULL AS VARCHAR)'} AS ${f}`;
  }).join(', ');
  await ctx.conn.run(`CREATE OR REPLACE TEMP TABLE stage_cdr_named AS SELECT line_no, ${select} FROM stage_csv`);
  // Numbers outside their plausible range (ingest/field-ranges.ts) are kept as missing.
  for (const step of ['stage-cdr-numbers', 'stage-reject-numbers', 'stage-cdr-numbers-clear']) await ctx.db.scriptFile(step, {}, ctx.conn);
  await ctx.db.script(
    sqlText('stage-cdr'),
    {
      tz: ctx.timeZone,
      inbound_contexts: (cdr.inboundContexts ?? []).join('\u001f'),
      outbound_contexts: (cdr.outboundContexts ?? []).join('\u001f'),
      service_numbers: (cdr.serviceNumbers ?? []).join('\u001f'),
      extension_digits: cdr.extensionDigits ?? 5
    },
    ctx.conn
  );
  return { rowsRead: staged.rows + staged.bad.length, bad: staged.bad };
}
