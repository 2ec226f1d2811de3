/** A stored report as a file: its format's renderer, content type and a file name that says what it is. */
import { reportCsv } from './reports-csv.ts';
import type { StoredReport } from './reports-document.ts';
import { reportHtml } from './reports-html.ts';
import { reportXlsx } from './reports-xlsx.ts';

export const REPORT_FORMATS = ['xlsx', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8'
};

/** The format a file name asks for by its extension, or null. */
export function formatOfFile(name: string): ReportFormat | null {
  const ext = /\.([A-Za-z]+)$/.exec(name)?.[1]?.toLowerCase();
  return REPORT_FORMATS.find((f) => f === ext) ?? null;
}

export function renderReport(report: StoredReport, format: ReportFormat): Promise<Uint8Array> | string {
  if (format === 'xlsx') return reportXlsx(report);
  return format === 'csv' ? reportCsv(report) : reportHtml(report);
}

/** callboard-quarterly-2026-Q4-v2.xlsx */
export const reportFileName = (r: Pick<StoredReport, 'kind' | 'period' | 'version'>, format: ReportFormat) => `callboard-${r.kind}-${r.period}-v${r.version}.${format}`;
