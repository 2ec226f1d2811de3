/**
 * Reads a delimited text file (CDR, queue_log table exports, mapped per-call CSV) into a temp table
 * of VARCHAR columns c1..cN plus line_no, with csv-parse: it copes with the quoting real PBXs write
 * (`""Name" <1115>"`), ragged rows and odd bytes, and tells the line each record came from. A record
 * it cannot read is returned for quarantine, with its line; the rest of the file still loads.
 */
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { createReadStream } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

export interface BadLine {
  line_no: number;
  field: string | null;
  reason: string;
  raw: string | null;
}

export interface CsvStaged {
  rows: number;
  bad: BadLine[];
}

export interface CsvOptions {
  delimiter?: string;
  /** Skip the first record (the header) — true when reading a file from its start. */
  skipHeader: boolean;
  /** Number of columns to keep (c1..cN); longer rows are cut, shorter padded with null. */
  width: number;
  /** Lines before this region, so line_no is the line in the original file. */
  lineBase: number;
  onRecords?: (count: number) => void;
}

/** Splits one header line into column names (trimmed, BOM removed). */
export function parseHeader(line: string, delimiter = ','): string[] {
  const records = parseSync(line.replace(/^\uFEFF/, ''), { delimiter, relax_quotes: true, relax_column_count: true });
  return ((records[0] ?? []) as string[]).map((h) => h.trim());
}

/** Guesses the delimiter of a header or first line: the most frequent of , ; tab |. */
export function guessDelimiter(line: string): string {
  const candidates = [',', ';', '\t', '|'];
  let best = ',';
  let bestCount = 0;
  for (const d of candidates) {
    const n = line.split(d).length - 1;
    if (n > bestCount) [best, bestCount] = [d, n];
  }
  return best;
}

export async function stageCsv(conn: DuckDBConnection, path: string, table: string, opts: CsvOptions): Promise<CsvStaged> {
  const cols = Array.from({ length: opts.width }, (_, i) => `c${i + 1} VARCHAR`).join(', ');
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${table} (line_no BIGINT, ${cols})`);
  const appender = await conn.createAppender(table, 'main', 'temp');
  const bad: BadLine[] = [];
  let rows = 0;
  const parser = createReadStream(path).pipe(
    parse({
      delimiter: opts.delimiter ?? ',',
      bom: true,
      info: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      from_line: 1
    })
  );
  parser.on('skip', (err: Error & { lines?: number; record?: string[] }) => {
    bad.push({ line_no: opts.lineBase + (err.lines ?? 0), field: null, reason: err.message, raw: err.record?.join(opts.delimiter ?? ',') ?? null });
  });
  let first = true;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (first && opts.skipHeader) {
      first = false;
      continue;
    }
    first = false;
    appender.appendBigInt(BigInt(opts.lineBase + info.lines));
    for (let i = 0; i < opts.width; i++) {
      const v = record[i];
      if (v === undefined) appender.appendNull();
      else appender.appendVarchar(v);
    }
    appender.endRow();
    rows++;
    if (rows % 50_000 === 0) opts.onRecords?.(rows);
  }
  appender.closeSync();
  return { rows, bad };
}
