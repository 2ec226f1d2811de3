/**
 * Records retention, the arithmetic (README, "Records retention and legal holds"): the kinds of
 * record, how long each is kept, the date before which a kind's records go, and the rule that no
 * setting may purge records an open report still needs. Pure: today's date and the built reports are
 * the caller's (app/server/retention.ts).
 *
 * A report period is open until its report is built (frozen): the week, month and quarter running
 * today, and the one before each while its report has not been built yet. Its figures per queue
 * survive a purge (the call_slices summary), but its detail (per rep, feedback notes, evaluations)
 * does not, so the kinds a report reads are never purged inside an open period.
 */
import { InputError } from '../../sql/errors.ts';
import { addDays, periodOf, previousPeriod, REPORT_KINDS, type ReportPeriod } from '../reports/reports-period.ts';

export const RETENTION_KINDS = ['raw_events', 'calls', 'caller_numbers', 'notes', 'evaluations', 'audit_log', 'reports'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

export const RETENTION_LABELS: Record<RetentionKind, string> = {
  raw_events: 'Raw events and source lines',
  calls: 'Call records',
  caller_numbers: 'Caller numbers',
  notes: 'Feedback notes',
  evaluations: 'Quality evaluations',
  audit_log: 'Audit log',
  reports: 'Reports'
};

/** What a kind's records are and what dates them (the README's table; the Settings page's hints). */
export const RETENTION_HINTS: Record<RetentionKind, string> = {
  raw_events: "queue_log and CDR lines (by their time) and quarantined lines (by their load); log-ins, pauses and restarts stay (the reps' states are built from them)",
  calls: "calls and their rings, follow-up facts and handling notes, by the time they entered the queue; the queues' 15-minute figures stay",
  caller_numbers: "the caller's number on calls and in the raw lines, by the call's time; the calls stay",
  notes: 'coaching, praise and procedure notes and their versions, by when they were written',
  evaluations: 'quality evaluations, by the time of the call they score',
  audit_log: 'who changed what, by when',
  reports: 'built weekly, monthly and quarterly reports, by the last day of their period'
};

/** The kinds a report is built from: never purged inside an open report period. */
export const REPORT_INPUT_KINDS: readonly RetentionKind[] = ['calls', 'caller_numbers', 'notes', 'evaluations'];

export const RETENTION_UNITS = ['days', 'months'] as const;
export type RetentionUnit = (typeof RETENTION_UNITS)[number];

/** How long a kind is kept; null amount: forever. */
export interface Retention {
  amount: number;
  unit: RetentionUnit;
}

/** The longest setting accepted (in days: 100 years), so a typo cannot overflow a date. */
const MAX_DAYS = 36_525;

export function checkKind(value: unknown): RetentionKind {
  if (typeof value === 'string' && (RETENTION_KINDS as readonly string[]).includes(value)) return value as RetentionKind;
  throw new InputError(`Unknown kind of record "${String(value)}" (one of ${RETENTION_KINDS.join(', ')})`);
}

/** A setting from a form or the API: a whole number of days or months, or null for forever. */
export function checkRetention(kind: RetentionKind, amount: unknown, unit: unknown): Retention | null {
  if (amount === null || amount === undefined || amount === '' || amount === 'forever') return null;
  const n = typeof amount === 'string' ? Number(amount) : amount;
  if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) {
    throw new InputError(`${RETENTION_LABELS[kind]}: keep for a whole number of days or months above 0, or forever (got "${String(amount)}")`);
  }
  if (unit !== 'days' && unit !== 'months') throw new InputError(`${RETENTION_LABELS[kind]}: the unit is days or months (got "${String(unit)}")`);
  if ((unit === 'days' ? n : n * 31) > MAX_DAYS) throw new InputError(`${RETENTION_LABELS[kind]}: at most 100 years; choose forever to keep them for good`);
  return { amount: n, unit };
}

export const describeRetention = (r: Retention | null): string =>
  r === null ? 'forever' : `${r.amount} ${r.amount === 1 ? r.unit.slice(0, -1) : r.unit}`;

/** Calendar months back from a date, the day kept where the month has it (31 March − 1 month = 28/29 February). */
function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The first local date kept: records dated before it are purged. Kept 30 days on 2026-12-06: from
 * 2026-11-06 (today and the 30 days before it); kept 3 months: from 2026-09-06.
 */
export function keptFrom(r: Retention, today: string): string {
  return r.unit === 'days' ? addDays(today, -r.amount) : monthsBefore(today, r.amount);
}

/** The report periods still open today (see the module comment); `built` holds "kind|period" of built reports. */
export function openReportPeriods(today: string, built: ReadonlySet<string>): ReportPeriod[] {
  const open: ReportPeriod[] = [];
  for (const kind of REPORT_KINDS) {
    const current = periodOf(kind, today);
    open.push(current);
    const previous = previousPeriod(current);
    if (!built.has(`${kind}|${previous.period}`)) open.push(previous);
  }
  return open.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * Why a setting may not be saved (null: it may): it would purge a report input inside an open
 * report period. The reason names the period and the shortest setting that is accepted.
 */
export function refusalReason(kind: RetentionKind, r: Retention | null, today: string, open: readonly ReportPeriod[]): string | null {
  if (r === null || !REPORT_INPUT_KINDS.includes(kind) || open.length === 0) return null;
  const from = keptFrom(r, today);
  const earliest = open[0];
  if (from <= earliest.from) return null;
  const days = daysBetween(earliest.from, today);
  return (
    `${RETENTION_LABELS[kind]} kept ${describeRetention(r)} would purge them before ${from}, inside the open ${earliest.kind} report ` +
    `period ${earliest.period} (${earliest.from} to ${earliest.to}), which is not built yet: keep them at least ${days} days`
  );
}

/**
 * The date a purge today removes a kind's records before, or null (kept forever). A report input is
 * never purged inside an open report period, even when the setting was saved while it fitted.
 * Purged calls take their raw events with them (a load that sees a call's events again would derive
 * it anew), so raw events go at least as far as calls.
 */
export function purgeDates(settings: Partial<Record<RetentionKind, Retention | null>>, today: string, open: readonly ReportPeriod[]): Record<RetentionKind, string | null> {
  const out = {} as Record<RetentionKind, string | null>;
  for (const kind of RETENTION_KINDS) {
    const r = settings[kind] ?? null;
    let date = r === null ? null : keptFrom(r, today);
    if (date !== null && REPORT_INPUT_KINDS.includes(kind) && open.length && open[0].from < date) date = open[0].from;
    out[kind] = date;
  }
  if (out.calls !== null && (out.raw_events === null || out.raw_events < out.calls)) out.raw_events = out.calls;
  return out;
}
