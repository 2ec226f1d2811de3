/**
 * A report as a short plain-text summary for a terminal (`callboard report` without --out): the cover,
 * each section's notes and headline figures with their change; tables are left to the files.
 */
import type { ReportDocument, StoredReport } from './reports-document.ts';
import { builtByText, formatCell, formatChange, formatInstant } from './reports-format.ts';

export function reportText(doc: ReportDocument | StoredReport): string {
  const lines = [
    doc.title,
    `${doc.period}: ${doc.from} to ${doc.to} (${doc.settings.time_zone}); compared with ${doc.previous_period.period}`,
    `Built ${formatInstant(doc.built_at, doc.settings.time_zone)} by ${builtByText(doc.built_by)}${'version' in doc ? `, version ${doc.version}` : ''}`
  ];
  for (const s of doc.sections) {
    lines.push('', s.title.toUpperCase());
    for (const n of s.notes) lines.push(`  ${n}`);
    const width = Math.max(0, ...s.figures.map((f) => f.label.length));
    for (const f of s.figures) {
      const change = f.previous === null ? '' : `   ${formatChange(f)}`;
      lines.push(`  ${f.label.padEnd(width)}  ${formatCell(f.value, f.unit).padStart(10)}${change}`);
    }
    for (const t of s.tables) lines.push(`  ${t.title}: ${t.rows.length} row${t.rows.length === 1 ? '' : 's'} (in the .csv, .xlsx and .html)`);
  }
  return lines.join('\n') + '\n';
}
