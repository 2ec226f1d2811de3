// A report's files read back: the .xlsx (exceljs) holds the figures as number cells with number formats
// and dates as dates; the .csv holds the raw figures; the .html shows them formatted, with a page per
// section in print. Built on the hand-written March 2026 fixtures (analytics/metrics.test.ts works out
// their numbers), through the real loader.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { fixtureDb, TZ } from '../test-support/fixture-db.ts';
import { computeMetrics } from '../metrics/metrics.ts';
import { buildReport } from './reports-build.ts';
import { figure, table, type ReportDocument } from './reports-document.ts';
import { reportCsv } from './reports-csv.ts';
import { formatCell, formatChange } from './reports-format.ts';
import { reportHtml } from './reports-html.ts';
import { reportText } from './reports-text.ts';
import { NUMBER_FORMATS, reportXlsx } from './reports-xlsx.ts';

/** The rows of a sheet as arrays of cells (1-based columns dropped to 0-based). */
function sheetRows(ws: ExcelJS.Worksheet): ExcelJS.Cell[][] {
  const rows: ExcelJS.Cell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1));
  });
  return rows.map((r) => r ?? []);
}

describe('report files', () => {
  let db: Database;
  let doc: ReportDocument;
  beforeAll(async () => {
    db = await fixtureDb('service-level.queue_log', 'rep-activity.queue_log', 'follow-up.queue_log');
    doc = await buildReport(db, { kind: 'monthly', period: '2026-03', timeZone: TZ, builtBy: 'cli', now: new Date('2026-04-01T11:00:00Z') });
  });
  afterAll(() => db.close());

  it('the .xlsx holds the right numbers as number cells with their formats', async () => {
    const metrics = (await computeMetrics(db, { from: '2026-03-01', to: '2026-03-31', by: 'total', timeZone: TZ })).rows[0];
    // Offered 9 (service level; c9 is still open) + 4 (rep activity) + 11 (follow-up); lost 3 + 0 + 6 (u4 is a short abandon).
    expect(metrics).toMatchObject({ offered: 24, lost: 9 });
    const wb = new ExcelJS.Workbook();
    const bytes = await reportXlsx(doc);
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Report',
      'Volume and lost calls',
      'Service level and waits',
      'Staff performance',
      'Quality',
      'Coverage against plan',
      'Notable days',
      'Feedback and coaching activity',
      'Definitions'
    ]);

    const volume = sheetRows(wb.getWorksheet('Volume and lost calls')!);
    const figureRow = (label: string) => volume.find((r) => r[0]?.value === label)!;
    for (const [label, key, fmt] of [['Offered', 'offered', '#,##0'], ['Lost', 'lost', '#,##0'], ['Lost rate', 'lost_rate', '0.0%']] as const) {
      const [, value] = figureRow(label);
      expect(value.type, label).toBe(ExcelJS.ValueType.Number);
      expect(value.value, label).toBe((metrics as unknown as Record<string, number>)[key]);
      expect(value.numFmt, label).toBe(fmt);
    }

    // The by-day table: a header row of labels, then date cells and number cells.
    const head = volume.findIndex((r) => r[0]?.value === 'Day');
    expect(volume[head].map((c) => c.value)).toEqual(['Day', 'Offered', 'Answered', 'Abandoned', 'Short abandons', 'Timed out', 'Turned away', 'Lost', 'Lost rate']);
    const days = table(doc, 'volume', 'by_day').rows;
    expect(days).toHaveLength(31);
    days.forEach((d, i) => {
      const row = volume[head + 1 + i];
      expect(row[0].value).toEqual(new Date(`${d.period_start}T00:00:00Z`));
      expect(row[0].numFmt).toBe('yyyy-mm-dd');
      expect(row[1].value).toBe(d.offered);
      expect(row[1].type).toBe(ExcelJS.ValueType.Number);
      if (d.lost_rate === null) expect(row[8].value).toBeNull();
      else expect([row[8].value, row[8].numFmt]).toEqual([d.lost_rate, '0.0%']);
    });
    expect(volume[head + 1 + 9].map((c) => c.value).slice(1, 3)).toEqual([8, 4]); // 2026-03-10: c1..c8 (c9 stays open)

    // Seconds are seconds, with "(s)" in the label; the service-level figure is a fraction shown as %.
    const sl = sheetRows(wb.getWorksheet('Service level and waits')!);
    const asa = sl.find((r) => r[0]?.value === 'ASA (s)')!;
    expect([asa[1].value, asa[1].numFmt]).toEqual([figure(doc, 'service_level', 'asa_s').value, NUMBER_FORMATS.seconds]);
    const level = sl.find((r) => r[0]?.value === 'Service level')!;
    expect([level[1].value, level[1].numFmt]).toEqual([metrics.service_level, '0.0%']);

    // The cover says what, when and with which settings; the definitions sheet explains every key.
    const cover = sheetRows(wb.getWorksheet('Report')!);
    expect(cover[0][0].value).toBe('Monthly report: March 2026');
    expect(cover.find((r) => r[0]?.value === 'First day')![1].value).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(cover.find((r) => r[0]?.value === 'Built')![1].value).toBe('1 April 2026 at 06:00 CDT');
    const defs = sheetRows(wb.getWorksheet('Definitions')!);
    expect(defs.slice(1).map((r) => r[0].value)).toEqual(doc.definitions.map((d) => d.key));
  });

  it('the .csv holds the raw figures, block by block', () => {
    const csv = reportCsv(doc);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Report,Monthly report: March 2026');
    const start = lines.indexOf('Volume and lost calls: figures');
    expect(lines[start + 1]).toBe('Figure,Key,Value,Previous (2026-02),Change');
    const offered = figure(doc, 'volume', 'offered');
    expect(lines[start + 2]).toBe(`Offered,offered,${offered.value},0,${offered.value}`);
    const byDay = lines.indexOf('Volume and lost calls: By day');
    expect(lines[byDay + 1]).toBe('Day,Offered,Answered,Abandoned,Short abandons,Timed out,Turned away,Lost,Lost rate');
    expect(lines[byDay + 2 + 9]).toBe(`2026-03-10,8,4,3,1,1,0,3,${3 / 7}`);
    expect(lines[byDay + 2 + 10]).toBe('2026-03-11,1,0,1,1,0,0,0,'); // a short abandon only: the rate is empty, not 0
  });

  it('the .html shows each figure formatted, its raw value alongside, and a page per section in print', () => {
    const html = reportHtml(doc);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>Monthly report: March 2026</title>');
    expect(html).toContain('section.report-section + section.report-section { break-before: page; }');
    expect(html.match(/<section class="report-section"/g)).toHaveLength(8); // seven sections and the definitions
    const lostRate = figure(doc, 'volume', 'lost_rate');
    expect(html).toContain(`data-key="lost_rate" data-value="${lostRate.value}"><div class="label">Lost rate</div><div class="value">${formatCell(lostRate.value, 'rate')}</div>`);
    expect(html).not.toMatch(/<script/);
  });

  it('the text summary gives each section\'s headline figures with their change', () => {
    const text = reportText(doc);
    expect(text.split('\n').slice(0, 3)).toEqual([
      'Monthly report: March 2026',
      '2026-03: 2026-03-01 to 2026-03-31 (America/Chicago); compared with 2026-02',
      'Built 1 April 2026 at 06:00 CDT by the command line'
    ]);
    expect(text).toContain('NOTABLE DAYS');
    expect(text).toMatch(new RegExp(`Offered +${figure(doc, 'volume', 'offered').value} +\\+${figure(doc, 'volume', 'offered').value}\\n`));
    expect(formatChange({ ...figure(doc, 'volume', 'lost_rate'), previous: 0.1 })).toMatch(/^[+−]\d+\.\d pts$/);
  });
});
