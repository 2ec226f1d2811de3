/**
 * A report as one CSV file (RFC 4180): a line per section (and its notes), then a block per figure list
 * and table, each headed by a line naming it, a header of column labels and rows; blocks are separated by
 * an empty line. Values are the
 * raw figures (rates as fractions, seconds and hours as decimals, dates as YYYY-MM-DD), empty for none;
 * text that a spreadsheet would run as a formula is made inert (csv-cell.ts).
 */
import { figureChange, type Cell, type ReportDocument, type StoredReport } from './reports-document.ts';
import { headerText } from './reports-xlsx.ts';
import { csvLine } from '../csv-cell.ts';

const line = (cells: Array<Cell | undefined>) => csvLine(cells);

export function reportCsv(doc: ReportDocument | StoredReport): string {
  const out: string[] = [
    line(['Report', doc.title]),
    line(['Kind', doc.kind]),
    line(['Period', doc.period]),
    line(['First day', doc.from]),
    line(['Last day', doc.to]),
    line(['Compared with', doc.previous_period.period]),
    line(['Built at', doc.built_at]),
    line(['Built by', doc.built_by]),
    line(['Version', 'version' in doc ? doc.version : null]),
    line(['Time zone', doc.settings.time_zone])
  ];
  for (const s of doc.sections) {
    out.push('', line(['Section', s.title]));
    for (const note of s.notes) out.push(line(['Note', note]));
    if (s.figures.length) {
      out.push('', line([`${s.title}: figures`]), line(['Figure', 'Key', 'Value', `Previous (${doc.previous_period.period})`, 'Change']));
      for (const f of s.figures) out.push(line([headerText(f.label, f.unit), f.key, f.value, f.previous, figureChange(f)]));
    }
    for (const t of s.tables) {
      out.push('', line([`${s.title}: ${t.title}`]), line(t.columns.map((c) => headerText(c.label, c.unit))));
      for (const r of t.rows) out.push(line(t.columns.map((c) => r[c.key])));
    }
  }
  return out.join('\r\n') + '\r\n';
}
