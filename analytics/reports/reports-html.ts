/**
 * A report as one self-contained HTML page (no scripts, no outside files) that prints cleanly: the title
 * and the first section on the first page, then each section starting on a page of its own, table headers repeated on a
 * continuation page and rows never split. Numbers carry their raw value in `data-value`.
 */
import type { ReportDocument, ReportFigure, ReportSection, ReportTable, StoredReport } from './reports-document.ts';
import { builtByText, formatCell, formatChange, formatInstant } from './reports-format.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const attr = (v: unknown) => escape(v === null || v === undefined ? '' : String(v));

export const REPORT_PRINT_CSS = `
  :root { color-scheme: light; }
  body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b2330; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
  h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.25rem; margin: 0 0 .5rem; border-bottom: 2px solid #1b2330; padding-bottom: .2rem; }
  h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
  .facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0 1rem; }
  .facts dt { font-weight: 600; }
  .facts dd { margin: 0; }
  .notes { color: #3d4756; font-style: italic; margin: .25rem 0 .5rem; padding-left: 1.1rem; }
  .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); gap: .4rem; margin: .5rem 0; }
  .figure { border: 1px solid #c9d1dc; border-radius: 4px; padding: .35rem .5rem; break-inside: avoid; }
  .figure .label { font-size: .8rem; color: #3d4756; }
  .figure .value { font-size: 1.2rem; font-weight: 600; font-variant-numeric: tabular-nums; }
  .figure .change { font-size: .75rem; color: #3d4756; }
  table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: .85rem; }
  th, td { padding: .15rem .4rem; border-bottom: 1px solid #dde3ea; text-align: left; vertical-align: top; }
  th { background: #eef1f5; font-weight: 600; }
  td.num, th.num { text-align: right; }
  section.report-section { margin-top: 2rem; }
  @media print {
    @page { size: portrait; margin: 12mm; }
    body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
    section.report-section { margin-top: 0; }
    section.report-section + section.report-section { break-before: page; }
    thead { display: table-header-group; }
    tr, .figure { break-inside: avoid; }
    h2, h3 { break-after: avoid; }
    table { font-size: 8.5pt; }
  }
`;

function figureHtml(f: ReportFigure, previousPeriod: string): string {
  const change = f.previous === null ? '' : `<div class="change">${escape(formatChange(f))} vs ${escape(previousPeriod)}</div>`;
  return `<div class="figure" data-key="${attr(f.key)}" data-value="${attr(f.value)}"><div class="label">${escape(f.label)}</div><div class="value">${escape(formatCell(f.value, f.unit))}</div>${change}</div>`;
}

function tableHtml(t: ReportTable): string {
  const num = (unit: string) => (unit === 'text' || unit === 'date' ? '' : ' class="num"');
  const head = t.columns.map((c) => `<th scope="col"${num(c.unit)}>${escape(c.label)}</th>`).join('');
  const body = t.rows.length
    ? t.rows
        .map((r) => `<tr>${t.columns.map((c) => `<td${num(c.unit)} data-key="${attr(c.key)}" data-value="${attr(r[c.key])}">${escape(formatCell(r[c.key], c.unit))}</td>`).join('')}</tr>`)
        .join('\n')
    : `<tr><td colspan="${t.columns.length}">None.</td></tr>`;
  return `<h3>${escape(t.title)}</h3>\n<table data-table="${attr(t.key)}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function sectionHtml(s: ReportSection, doc: ReportDocument): string {
  const notes = s.notes.length ? `<ul class="notes">${s.notes.map((n) => `<li>${escape(n)}</li>`).join('')}</ul>` : '';
  const figures = s.figures.length ? `<div class="figures">${s.figures.map((f) => figureHtml(f, doc.previous_period.period)).join('')}</div>` : '';
  return `<section class="report-section" data-section="${attr(s.key)}">\n<h2>${escape(s.title)}</h2>\n${notes}${figures}\n${s.tables.map(tableHtml).join('\n')}\n</section>`;
}

export function reportHtml(doc: ReportDocument | StoredReport): string {
  const tz = doc.settings.time_zone;
  const facts: Array<[string, string]> = [
    ['Period', `${doc.period}: ${doc.from} to ${doc.to}`],
    ['Compared with', `${doc.previous_period.period}: ${doc.previous_period.from} to ${doc.previous_period.to}`],
    ['Built', `${formatInstant(doc.built_at, tz)} by ${builtByText(doc.built_by)}${'version' in doc ? `, version ${doc.version}` : ''}`],
    ['Times in', tz],
    ...doc.settings.queues.map((q): [string, string] => [q.label ?? q.queue, `service level: answered within ${q.sl_threshold_s} s (formula ${q.sl_formula}); short abandons under ${q.short_abandon_s} s`])
  ];
  const defs = doc.definitions.map((d) => `<tr><th scope="row">${escape(d.label)}</th><td>${escape(d.definition)}</td><td>${escape(d.formula)}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(doc.title)}</title>
<style>${REPORT_PRINT_CSS}</style>
</head>
<body>
<header>
<h1>${escape(doc.title)}</h1>
<dl class="facts">${facts.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`).join('')}</dl>
</header>
${doc.sections.map((s) => sectionHtml(s, doc)).join('\n')}
<section class="report-section" data-section="definitions">
<h2>Definitions</h2>
<table><thead><tr><th scope="col">Figure</th><th scope="col">Meaning</th><th scope="col">Formula</th></tr></thead><tbody>
${defs}
</tbody></table>
</section>
</body>
</html>
`;
}
