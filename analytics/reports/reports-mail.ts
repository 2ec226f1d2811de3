/**
 * A report as a mail: the subject, and a short summary for the body (each section's headline figures with
 * their change, as text and as simple HTML that mail programs render); the tables travel in the attached
 * .xlsx. Also the outbox's back-off: when a failed mail is tried again, and when it is given up.
 */
import type { StoredReport } from './reports-document.ts';
import { builtByText, formatCell, formatChange, formatInstant } from './reports-format.ts';
import { reportFileName } from './reports-output.ts';

export interface ReportMail {
  subject: string;
  text: string;
  html: string;
  attachmentName: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function reportMail(report: StoredReport): ReportMail {
  const tz = report.settings.time_zone;
  const attachmentName = reportFileName(report, 'xlsx');
  const intro = [
    `${report.period}: ${report.from} to ${report.to} (${tz}), compared with ${report.previous_period.period}.`,
    `Built ${formatInstant(report.built_at, tz)} by ${builtByText(report.built_by)}, version ${report.version}.`
  ];
  const sections = report.sections.filter((s) => s.figures.length > 0);
  const text = [report.title, '', ...intro];
  for (const s of sections) {
    text.push('', s.title);
    for (const f of s.figures) text.push(`  ${f.label}: ${formatCell(f.value, f.unit)}${f.previous === null ? '' : ` (${formatChange(f)})`}`);
  }
  text.push('', `Every table is in the attached ${attachmentName}.`, '', '-- Callboard');

  const row = (label: string, value: string, change: string) =>
    `<tr><td style="padding:2px 12px 2px 0">${escape(label)}</td><td style="padding:2px 12px 2px 0;text-align:right;font-weight:600">${escape(value)}</td><td style="padding:2px 0;color:#3d4756">${escape(change)}</td></tr>`;
  const html = [
    '<!doctype html><html><body style="font:14px/1.4 system-ui,sans-serif;color:#1b2330">',
    `<h1 style="font-size:18px;margin:0 0 4px">${escape(report.title)}</h1>`,
    ...intro.map((l) => `<p style="margin:0;color:#3d4756">${escape(l)}</p>`),
    ...sections.map(
      (s) =>
        `<h2 style="font-size:15px;margin:16px 0 4px">${escape(s.title)}</h2><table style="border-collapse:collapse">` +
        s.figures.map((f) => row(f.label, formatCell(f.value, f.unit), f.previous === null ? '' : `${formatChange(f)} vs ${report.previous_period.period}`)).join('') +
        '</table>'
    ),
    `<p style="margin-top:16px">Every table is in the attached <strong>${escape(attachmentName)}</strong>.</p>`,
    '</body></html>'
  ].join('\n');
  return { subject: `Callboard: ${report.title}`, text: text.join('\n') + '\n', html, attachmentName };
}

const MINUTE = 60_000;
/** Waits after the 1st, 2nd, 3rd failure; after that, hourly. */
export const RETRY_DELAYS_MS = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE];
export const RETRY_EVERY_MS = 60 * MINUTE;
/** A mail still failing a day after it was queued is given up (and says so on the Reports page). */
export const GIVE_UP_AFTER_MS = 24 * 60 * MINUTE;

/** When to try again after the `attempts`-th failure, or null to give up. */
export function nextAttempt(attempts: number, failedAt: Date, queuedAt: Date): Date | null {
  const wait = RETRY_DELAYS_MS[attempts - 1] ?? RETRY_EVERY_MS;
  const next = new Date(failedAt.getTime() + wait);
  return next.getTime() - queuedAt.getTime() > GIVE_UP_AFTER_MS ? null : next;
}
