/** The Imports page's types (the answers of /api/imports) and how its numbers read. */
export interface QuarantinedLine {
  line_no: number;
  field: string | null;
  reason: string;
  raw: string | null;
}

/** A value a load kept as missing: outside its plausible range. */
export interface RejectedValue {
  line_no: number;
  field: string;
  value: string | null;
  reason: string;
}

/** One file of POST /api/imports (as `ingest --json`), plus a sample of quarantined lines. */
export interface FileResult {
  path: string;
  format: string | null;
  rows_read: number;
  rows_loaded: number;
  rows_quarantined: number;
  rows_skipped?: number;
  fields_rejected: number;
  calls_added: number;
  calls_open: number;
  duplicate: boolean;
  error?: string;
  quarantined?: QuarantinedLine[];
  rejected?: RejectedValue[];
}

/** A row of GET /api/imports. */
export interface LoadRun {
  run_id: number;
  path: string;
  format: string | null;
  origin: string | null;
  status: string;
  error: string | null;
  rows_read: number | null;
  rows_loaded: number | null;
  rows_quarantined: number | null;
  calls_added: number | null;
  unknown_events: number | null;
  fields_rejected: number | null;
  calls_open: number | null;
  started_at: string;
  seconds: number | null;
}

export type UploadPhase = 'waiting' | 'sending' | 'loading' | 'done' | 'failed';

export interface Upload {
  id: number;
  name: string;
  size: number;
  sent: number;
  phase: UploadPhase;
  result: FileResult | null;
  error: string | null;
}

/** 0..100 of the bytes sent (the server's load follows once all are sent). */
export function percentSent(u: Pick<Upload, 'sent' | 'size'>): number {
  return u.size > 0 ? Math.min(100, Math.round((u.sent / u.size) * 100)) : 100;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** The local dates a load's calls cover. */
export interface DateSpan {
  first: string;
  last: string;
}

/** "Calls from Nov 1, 2026 to Nov 24, 2026" (one date when they are the same day). */
export function datesLine(span: DateSpan | null | undefined): string {
  if (!span) return 'No calls in this file.';
  const d = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
  return span.first === span.last ? `Calls of ${d(span.first)}.` : `Calls from ${d(span.first)} to ${d(span.last)}.`;
}

/**
 * A message from the loader as a page shows it: the loader speaks to the command line
 * ("run with --mapping FILE"), a page never suggests a command-line flag.
 */
export function pageMessage(message: string): string {
  return message
    .replace(/;?\s*use --format csv --mapping FILE/g, '. Another per-call CSV needs a mapping file describing its columns (README, "Loading your own exports")')
    .replace(/\s*and run with --mapping FILE/g, ' (README, "Loading your own exports")')
    .replace(/--format csv needs --mapping FILE/g, 'a CSV needs a mapping file describing its columns')
    .replace(/--([a-z][a-z-]*)/g, 'the $1 option');
}

/** One line saying what a loaded file did. */
export function resultLine(r: FileResult): string {
  if (r.error) return `Not loaded: ${pageMessage(r.error)}`;
  if (r.duplicate) return 'Already loaded before: nothing new in this file.';
  const q = r.rows_quarantined ? `, ${r.rows_quarantined.toLocaleString('en-US')} quarantined` : '';
  const rejected = r.fields_rejected ? `, ${r.fields_rejected.toLocaleString('en-US')} implausible values kept as missing` : '';
  const open = r.calls_open ? ` (${r.calls_open.toLocaleString('en-US')} still open)` : '';
  return `${r.format ?? 'unknown format'}: ${r.rows_read.toLocaleString('en-US')} lines read, ${r.rows_loaded.toLocaleString('en-US')} loaded${q}${rejected}; ${r.calls_added.toLocaleString('en-US')} calls added${open}.`;
}
