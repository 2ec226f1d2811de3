/**
 * Calls as CSV for a records request: `redacted` (the public-records copy: the caller column says
 * "redacted", and no other column holds a number) or whole (an admin's export, audited: who, when,
 * which dates, how many numbers). Used by `callboard calls export` and GET /api/calls/export.
 */
import type { Database } from '../../../sql/db.ts';
import { InputError } from '../../../sql/errors.ts';
import { csvLine } from '../../../analytics/csv-cell.ts';
import { checkRange } from '../../../analytics/metrics/metric-query.ts';
import { auditNumbersShown, findCallerNumbers, seesCallerNumbers, type Viewer } from './caller-numbers.ts';

export const REDACTED = 'redacted';
export const EXPORT_COLUMNS = ['call_id', 'entered', 'queue', 'direction', 'caller', 'outcome', 'end_event', 'wait_s', 'talk_s', 'ring_no_answer', 'transferred', 'rep'] as const;

interface ExportRow {
  call_id: string;
  entered: string;
  queue: string;
  direction: string;
  caller: string | null;
  outcome: string;
  end_event: string | null;
  wait_s: number | null;
  talk_s: number | null;
  ring_no_answer: number;
  transferred: boolean;
  rep: string | null;
}

export interface CallsExport {
  from: string;
  to: string;
  timeZone: string;
  redacted: boolean;
}

/** The CSV text and how many calls it holds. */
export async function exportCalls(db: Database, viewer: Viewer, opts: CallsExport): Promise<{ csv: string; calls: number }> {
  const range = checkRange({ from: opts.from, to: opts.to, timeZone: opts.timeZone });
  if (!opts.redacted && !seesCallerNumbers(viewer.role)) throw new InputError('only leads and admins export callers\' numbers: ask for the redacted export');
  const rows = await db.query<ExportRow>('calls-export', { from: range.from, to: range.to, tz: opts.timeZone });
  const lines = [csvLine(EXPORT_COLUMNS)];
  for (const r of rows) {
    const caller = opts.redacted ? (r.caller === null ? null : REDACTED) : r.caller;
    lines.push(csvLine(EXPORT_COLUMNS.map((k) => (k === 'caller' ? caller : k === 'transferred' ? String(r.transferred) : r[k]))));
  }
  // Audited either way: the whole numbers (who, which dates, how many), and the public-records copy.
  const found = opts.redacted ? { numbers: { size: 0 }, first: rows[0]?.entered ?? null, last: rows.at(-1)?.entered ?? null } : findCallerNumbers(rows);
  await auditNumbersShown(db, viewer, { what: `calls export${opts.redacted ? ' (redacted)' : ''} ${range.from}..${range.to}`, action: 'export' }, found);
  return { csv: `${lines.join('\n')}\n`, calls: rows.length };
}
