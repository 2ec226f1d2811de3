/** What the Reports pages show about stored reports (pure: shared by the pages and their tests). */
import { periodOf, previousPeriod, REPORT_KINDS, type ReportKind } from '../../../analytics/reports/reports-period.ts';

export const KIND_LABEL: Record<ReportKind, string> = { weekly: 'Weekly', monthly: 'Monthly', quarterly: 'Quarterly' };

/** Periods offered when building a report on demand: the one in progress and the four before it, newest first. */
export function periodChoices(today: string): Record<ReportKind, string[]> {
  const out = {} as Record<ReportKind, string[]>;
  for (const kind of REPORT_KINDS) {
    let p = periodOf(kind, today);
    const list = [p.period];
    for (let i = 0; i < 4; i++) list.push((p = previousPeriod(p)).period);
    out[kind] = list;
  }
  return out;
}

/** The last complete period of each kind (what a build form starts on). */
export function lastComplete(today: string): Record<ReportKind, string> {
  return Object.fromEntries(REPORT_KINDS.map((k) => [k, previousPeriod(periodOf(k, today)).period])) as Record<ReportKind, string>;
}

/** The address of a report file: /api/reports/12/download?format=xlsx */
export const downloadHref = (id: number, format: 'xlsx' | 'csv' | 'html') => `/api/reports/${id}/download?format=${format}`;

/** "27 Nov 2026, 06:00" in the center's zone. */
export function builtAtText(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}
