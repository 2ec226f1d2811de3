/**
 * A report as an Excel workbook (exceljs): a cover sheet (what, when, by whom, with which settings), a
 * sheet per section and a sheet of definitions. Every figure is a number cell with a number format
 * (counts, percentages, seconds, hours), dates are date cells, so the workbook can be summed and charted.
 * Rates stay fractions (0.842 shown as 84.2%), seconds stay seconds, hours decimal hours.
 */
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../workbook.ts';
import { figureChange, type Cell, type ReportDocument, type ReportUnit, type StoredReport } from './reports-document.ts';
import { builtByText, formatInstant } from './reports-format.ts';

export const NUMBER_FORMATS: Record<ReportUnit, string | null> = {
  text: null,
  date: 'yyyy-mm-dd',
  count: '#,##0',
  rate: '0.0%',
  seconds: '#,##0.0',
  hours: '#,##0.0',
  score: '0.0'
};

/** A change's format: signed, in the figure's unit (rates in percentage points, shown as %). */
const CHANGE_FORMATS: Record<ReportUnit, string | null> = {
  ...NUMBER_FORMATS,
  count: '+#,##0;-#,##0;0',
  rate: '+0.0%;-0.0%;0.0%',
  seconds: '+#,##0.0;-#,##0.0;0.0',
  hours: '+#,##0.0;-#,##0.0;0.0',
  score: '+0.0;-0.0;0.0'
};

/** The header text of a column: its label, with "(s)" for seconds where the label does not say. */
export const headerText = (label: string, unit: ReportUnit) => (unit === 'seconds' && !/\(s\)$/.test(label) ? `${label} (s)` : label);

/** A cell's value for Excel: dates as Date (UTC midnight, which Excel reads as that date), the rest as is. */
function excelValue(value: Cell | undefined, unit: ReportUnit): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (unit === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  return value;
}

function setCell(cell: ExcelJS.Cell, value: Cell | undefined, unit: ReportUnit, formats = NUMBER_FORMATS): void {
  cell.value = excelValue(value, unit);
  const fmt = formats[unit];
  if (fmt && cell.value !== null) cell.numFmt = fmt;
  if (unit !== 'text') cell.alignment = { horizontal: 'right' };
}

const BOLD = { bold: true } as const;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF2' } };
/** Excel's limits: 31 characters, none of []:*?/\ in a sheet name. */
const sheetName = (title: string) => title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim();

function worksheet(wb: ExcelJS.Workbook, title: string): ExcelJS.Worksheet {
  return wb.addWorksheet(sheetName(title), {
    pageSetup: { orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } }
  });
}

export async function reportXlsx(doc: ReportDocument | StoredReport): Promise<Uint8Array> {
  const wb = await newWorkbook();
  wb.creator = 'Callboard';
  wb.created = new Date(doc.built_at);
  const tz = doc.settings.time_zone;

  const cover = worksheet(wb, 'Report');
  cover.addRow([doc.title]).font = { bold: true, size: 14 };
  const facts: Array<[string, Cell, ReportUnit]> = [
    ['Period', doc.period, 'text'],
    ['First day', doc.from, 'date'],
    ['Last day', doc.to, 'date'],
    ['Compared with', `${doc.previous_period.period} (${doc.previous_period.from} to ${doc.previous_period.to})`, 'text'],
    ['Built', formatInstant(doc.built_at, tz), 'text'],
    ['Built by', builtByText(doc.built_by), 'text'],
    ['Version', 'version' in doc ? doc.version : null, 'count'],
    ['Time zone', tz, 'text']
  ];
  for (const [label, value, unit] of facts) {
    const row = cover.addRow([label]);
    row.getCell(1).font = BOLD;
    setCell(row.getCell(2), value, unit);
    row.getCell(2).alignment = { horizontal: 'left' };
  }
  cover.addRow([]);
  const qHead = cover.addRow(['Queue', 'SL threshold (s)', 'Short abandon under (s)', 'SL formula']);
  qHead.font = BOLD;
  for (const q of doc.settings.queues) {
    const row = cover.addRow([q.label ?? q.queue]);
    setCell(row.getCell(2), q.sl_threshold_s, 'seconds');
    setCell(row.getCell(3), q.short_abandon_s, 'seconds');
    row.getCell(4).value = q.sl_formula;
  }
  cover.addRow([]);
  cover.addRow(['Sections']).font = BOLD;
  for (const s of doc.sections) cover.addRow([s.title]);
  cover.getColumn(1).width = 34;
  cover.getColumn(2).width = 34;
  cover.getColumn(3).width = 22;
  cover.getColumn(4).width = 14;

  for (const s of doc.sections) {
    const ws = worksheet(wb, s.title);
    ws.addRow([s.title]).font = { bold: true, size: 13 };
    ws.addRow([`${doc.title}`]).font = { italic: true };
    for (const note of s.notes) ws.addRow([note]).font = { italic: true };
    let width = 4;
    if (s.figures.length) {
      ws.addRow([]);
      const head = ws.addRow(['Figure', 'Value', doc.previous_period.period, 'Change']);
      head.font = BOLD;
      head.eachCell((c) => (c.fill = HEADER_FILL));
      for (const f of s.figures) {
        const row = ws.addRow([headerText(f.label, f.unit)]);
        setCell(row.getCell(2), f.value, f.unit);
        setCell(row.getCell(3), f.previous, f.unit);
        setCell(row.getCell(4), figureChange(f), f.unit, CHANGE_FORMATS);
      }
    }
    for (const t of s.tables) {
      width = Math.max(width, t.columns.length);
      ws.addRow([]);
      ws.addRow([t.title]).font = { bold: true, size: 12 };
      const head = ws.addRow(t.columns.map((c) => headerText(c.label, c.unit)));
      head.font = BOLD;
      head.eachCell((c) => {
        c.fill = HEADER_FILL;
        c.alignment = { wrapText: true, vertical: 'bottom' };
      });
      if (!t.rows.length) ws.addRow(['(none)']).font = { italic: true };
      for (const r of t.rows) {
        const row = ws.addRow([]);
        t.columns.forEach((c, i) => setCell(row.getCell(i + 1), r[c.key], c.unit));
      }
    }
    for (let i = 1; i <= width; i++) ws.getColumn(i).width = i === 1 ? 28 : 14;
  }

  const defs = worksheet(wb, 'Definitions');
  const head = defs.addRow(['Key', 'Label', 'Unit', 'Meaning', 'Formula', 'Settings']);
  head.font = BOLD;
  for (const d of doc.definitions) defs.addRow([d.key, d.label, d.unit, d.definition, d.formula, d.settings.join(', ')]);
  [22, 24, 9, 90, 40, 28].forEach((w, i) => (defs.getColumn(i + 1).width = w));
  defs.getColumn(4).alignment = { wrapText: true, vertical: 'top' };

  return new Uint8Array(await wb.xlsx.writeBuffer());
}
