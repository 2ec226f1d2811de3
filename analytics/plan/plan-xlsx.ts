/**
 * The staffing plan as an Excel workbook (exceljs, as the reports): a cover sheet (the recommendation
 * and its reasoning, the settings, what the forecast could not learn), the weeks (forecast with its
 * 80 % interval, required, available, gap), and the what-ifs side by side. Figures are number cells
 * with a number format, so a budget request can sum and chart them.
 */
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../workbook.ts';
import type { PlanResult } from './plan.ts';

const BOLD = { bold: true } as const;
const FTE = '#,##0.0';
const COUNT = '#,##0';
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

function table(ws: ExcelJS.Worksheet, header: string[], rows: Array<Array<string | number | null>>, formats: Array<string | null>): void {
  ws.addRow(header).font = BOLD;
  for (const r of rows) {
    const row = ws.addRow(r);
    formats.forEach((f, i) => {
      if (f) row.getCell(i + 1).numFmt = f;
    });
  }
  ws.columns.forEach((c, i) => (c.width = Math.max(10, header[i]?.length ?? 10) + 2));
}

export async function planXlsx(plan: PlanResult): Promise<Uint8Array> {
  const wb = await newWorkbook();
  const s = plan.settings;
  const cover = wb.addWorksheet('Plan');
  cover.addRow(['Staffing plan']).font = { bold: true, size: 14 };
  cover.addRow([`Weeks ${plan.rows[0]?.week ?? ''} to ${plan.rows[plan.rows.length - 1]?.week ?? ''} (${s.from} to ${s.to}, ${s.time_zone})`]);
  cover.addRow([]);
  cover.addRow(['Recommendation']).font = BOLD;
  cover.addRow(['Hire', plan.recommendation.hire]);
  cover.addRow(['By', plan.recommendation.by_date ?? '-']);
  cover.addRow(['From week', plan.recommendation.from_week ?? '-']);
  cover.addRow([plan.recommendation.text]);
  cover.addRow([]);
  cover.addRow(['Settings']).font = BOLD;
  const settings: Array<[string, string | number]> = [
    ['Service-level target', `${pct(s.sl_target)} in ${s.sl_threshold_s} s`],
    ['Model', s.model === 'erlang-a' ? `Erlang A (patience ${Math.round(s.patience_s ?? 0)} s)` : 'Erlang C'],
    ['Occupancy cap', pct(s.max_occupancy)],
    ['Shrinkage', `${pct(s.shrinkage)} (${s.shrinkage_source})`],
    ['Full-time week (1 FTE)', `${s.full_time_hours} h`],
    ['Attrition', `${pct(s.attrition)} a year (${s.attrition_source})`],
    ['New hire ramp', `${s.ramp_weeks} weeks`],
    ['Available now', `${plan.headcount.available_fte.toFixed(1)} FTE: ${plan.headcount.reps} reps, ${plan.headcount.contracted_hours.toFixed(0)} h a week (${plan.headcount.source})`],
    ['Trained on', `the history before ${s.trained_before}`]
  ];
  for (const r of settings) cover.addRow(r);
  cover.addRow([]);
  cover.addRow(['Notes']).font = BOLD;
  for (const n of plan.notes) cover.addRow([n]);
  cover.getColumn(1).width = 28;
  cover.getColumn(2).width = 60;

  table(
    wb.addWorksheet('Weeks'),
    ['Week', 'Monday', 'Calls forecast', 'Calls low (80%)', 'Calls high (80%)', 'Handle time (s)', 'Required hours', 'Required FTE', 'Available FTE', 'Gap FTE', 'Special days'],
    plan.rows.map((r) => [r.week, r.monday, r.calls_forecast, r.calls_low, r.calls_high, r.aht_s, r.required_hours, r.required_fte, r.available_fte, r.gap_fte, r.specials.join('; ')]),
    [null, null, COUNT, COUNT, COUNT, '#,##0', '#,##0.0', FTE, FTE, '+#,##0.0;-#,##0.0;0.0', null]
  );

  const what = wb.addWorksheet('What-ifs');
  table(
    what,
    ['Scenario', 'Target', 'Handle time ×', 'Attrition', 'Hire', 'By', 'From week', 'Peak required FTE', 'Reasoning'],
    plan.scenarios.map((sc) => [
      sc.label, `${pct(sc.sl_target)} in ${sc.sl_threshold_s} s`, sc.aht_factor, sc.attrition, sc.recommendation.hire, sc.recommendation.by_date ?? '-',
      sc.recommendation.from_week ?? '-', Math.max(0, ...sc.rows.map((r) => r.required_fte)), sc.recommendation.text
    ]),
    [null, null, '0.00', '0%', COUNT, null, null, FTE, null]
  );
  what.addRow([]);
  what.addRow(['Required FTE per week']).font = BOLD;
  table(
    what,
    ['Week', 'Available FTE (plan)', ...plan.scenarios.map((sc) => sc.label)],
    plan.rows.map((r, i) => [r.week, r.available_fte, ...plan.scenarios.map((sc) => sc.rows[i]?.required_fte ?? null)]),
    [null, FTE, ...plan.scenarios.map(() => FTE)]
  );
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
