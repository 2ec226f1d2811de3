/**
 * A new Excel workbook (exceljs), with exceljs loaded the first time one is made: the reports, the
 * schedule and the staffing plan export .xlsx on request, and the server and the CLI need not load
 * the library (a large share of their start) until someone asks.
 */
import type ExcelJS from 'exceljs';

export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  return new excel.Workbook();
}
