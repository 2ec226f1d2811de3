/**
 * Stored reports: each build of a period is kept as the next version (sql/report-insert.sql), never
 * replaced, so a report handed on last month can still be opened exactly as it was.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../sql/db.ts';
import { NotFoundError } from '../../sql/errors.ts';
import type { ReportDocument, StoredReport } from './reports-document.ts';
import type { ReportKind } from './reports-period.ts';

export interface ReportListing {
  id: number;
  kind: ReportKind;
  period: string;
  from: string;
  to: string;
  version: number;
  built_at: string;
  built_by: string;
  time_zone: string;
  /** The newest version of its period. */
  latest: boolean;
}

export async function saveReport(db: Database, doc: ReportDocument, conn?: DuckDBConnection): Promise<StoredReport> {
  const [row] = await db.query<{ id: number; version: number }>(
    'report-insert',
    {
      kind: doc.kind,
      period: doc.period,
      from: doc.from,
      to: doc.to,
      built_at: doc.built_at,
      built_by: doc.built_by,
      time_zone: doc.settings.time_zone,
      document: JSON.stringify(doc)
    },
    conn
  );
  return { ...doc, id: row.id, version: row.version };
}

export function listReports(db: Database, q: { kind?: ReportKind | null; period?: string | null; limit?: number } = {}): Promise<ReportListing[]> {
  return db.query<ReportListing>('reports-list', { kind: q.kind ?? null, period: q.period ?? null, limit: q.limit ?? 500 });
}

export async function getReport(db: Database, id: number): Promise<StoredReport> {
  const [row] = await db.query<{ id: number; version: number; document: string }>('report-by-id', { id });
  if (!row) throw new NotFoundError(`No report ${id}`);
  return { ...(JSON.parse(row.document) as ReportDocument), id: row.id, version: row.version };
}

/** Whether a period's report was built at or after an instant. */
export async function builtSince(db: Database, kind: ReportKind, period: string, since: Date): Promise<boolean> {
  const [row] = await db.query<{ since: number }>('report-latest-build', { kind, period, since: since.toISOString() });
  return (row?.since ?? 0) > 0;
}
