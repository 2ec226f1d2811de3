/**
 * Recognises an export from its first lines: raw queue_log, a queue_log table export (Asterisk
 * realtime or PBXware), or an Asterisk CDR (Master.csv with or without a header). Anything else
 * needs a mapping file; the error says so.
 */
import { InputError } from '../sql/errors.ts';
import { PBXWARE_COLUMNS, RAW_LINE } from './asterisk-queue-log.ts';
import { cdrLayoutFor } from './asterisk-cdr.ts';
import { guessDelimiter, parseHeader } from './csv-rows.ts';

export type SourceFormat = 'queue_log' | 'queue_log_table' | 'pbxware_queue_log' | 'cdr' | 'csv';
export type RequestedFormat = 'auto' | 'queue_log' | 'cdr' | 'csv';

export const FORMAT_FAMILY: Record<SourceFormat, RequestedFormat> = {
  queue_log: 'queue_log',
  queue_log_table: 'queue_log',
  pbxware_queue_log: 'queue_log',
  cdr: 'cdr',
  csv: 'csv'
};

function queueLogVariant(lines: string[]): SourceFormat | null {
  const sample = lines.filter((l) => l.trim() !== '').slice(0, 10);
  if (sample.length === 0) return null;
  if (sample.filter((l) => RAW_LINE.test(l)).length >= Math.ceil(sample.length / 2)) return 'queue_log';
  const header = parseHeader(sample[0], guessDelimiter(sample[0])).map((h) => h.toLowerCase());
  if (PBXWARE_COLUMNS.every((c) => header.includes(c))) return 'pbxware_queue_log';
  if (['callid', 'event', 'agent'].every((c) => header.includes(c)) && (header.includes('queuename') || header.includes('queue'))) {
    return 'queue_log_table';
  }
  return null;
}

/** The format of a file from its first lines, given what the user asked for. */
export function detectFormat(path: string, lines: string[], requested: RequestedFormat, hasMapping: boolean): SourceFormat {
  if (requested === 'csv' || (requested === 'auto' && hasMapping)) {
    if (!hasMapping) throw new InputError(`${path}: --format csv needs --mapping FILE (see README, "Loading your own exports")`);
    return 'csv';
  }
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  if (nonEmpty.length === 0) throw new InputError(`${path}: the file is empty`);
  const ql = queueLogVariant(lines);
  if (requested === 'queue_log') {
    if (!ql) throw new InputError(`${path}: line 1 is not queue_log (expected epoch|callid|queue|agent|EVENT|..., or a queue_log table CSV with a header)`);
    return ql;
  }
  if (ql) return ql;
  if (cdrLayoutFor(nonEmpty)) return 'cdr';
  if (requested === 'cdr') {
    throw new InputError(`${path}: line 1 is not an Asterisk CDR row (no known column layout: start/answer/end times and a disposition); use --format csv --mapping FILE`);
  }
  throw new InputError(
    `${path}: cannot tell what this file is: not an Asterisk queue_log, queue_log table export or CDR. ` +
      'For another per-call CSV, describe its columns in a mapping file and run with --mapping FILE.'
  );
}
