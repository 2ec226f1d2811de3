/**
 * A week's schedule as files people open elsewhere: CSV (one row per shift) and an Excel workbook
 * (exceljs) whose figures are real numbers with number formats, not text: a rep-by-day grid, the
 * shifts with their hours, and the coverage per interval.
 */
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../workbook.ts';
import type { CoverageResult } from '../staffing/coverage.ts';
import { csvLine } from '../csv-cell.ts';
import type { WeekSchedule } from './schedule.ts';
import { WEEKDAY_NAMES, clock, isoWeekday, onPhoneMinutes, paidMinutes, weekDates, type Shift } from './schedule-model.ts';

export interface ExportInput {
  week: WeekSchedule;
  reps: ReadonlyArray<{ rep_id: string; name: string; team: string | null }>;
  templates: ReadonlyArray<{ id: number; name: string }>;
  coverage: CoverageResult;
}

export const CSV_COLUMNS = ['week_start', 'date', 'weekday', 'rep_id', 'rep', 'team', 'start', 'end', 'shift', 'paid_hours', 'on_phone_hours', 'breaks'] as const;

const breaksText = (s: Shift) => s.breaks.map((b) => `${clock(b.start_minute)} ${b.kind} ${b.minutes} min${b.paid ? '' : ' unpaid'}`).join('; ');

function rows(input: ExportInput) {
  const person = new Map(input.reps.map((r) => [r.rep_id, r]));
  const template = new Map(input.templates.map((t) => [t.id, t.name]));
  return [...input.week.shifts]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : (person.get(a.rep_id)?.name ?? a.rep_id).localeCompare(person.get(b.rep_id)?.name ?? b.rep_id)))
    .map((s) => ({
      shift: s,
      week_start: input.week.week_start,
      date: s.date,
      weekday: WEEKDAY_NAMES[isoWeekday(s.date) - 1],
      rep_id: s.rep_id,
      rep: person.get(s.rep_id)?.name ?? s.rep_id,
      team: person.get(s.rep_id)?.team ?? '',
      start: clock(s.start_minute),
      end: clock(s.end_minute),
      template: s.template_id === null ? 'custom' : (template.get(s.template_id) ?? `template ${s.template_id}`),
      paid_hours: paidMinutes(s) / 60,
      on_phone_hours: onPhoneMinutes(s) / 60,
      breaks: breaksText(s)
    }));
}

/** RFC 4180 CSV with a header, one row per shift; hours as plain decimals; names inert (csv-cell.ts). */
export function weekCsv(input: ExportInput): string {
  const lines = rows(input).map((r) =>
    csvLine([r.week_start, r.date, r.weekday, r.rep_id, r.rep, r.team, r.start, r.end, r.template, r.paid_hours, r.on_phone_hours, r.breaks])
  );
  return [CSV_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}

const dateValue = (date: string) => new Date(`${date}T00:00:00Z`);
/** Excel stores a time of day as a fraction of a day. */
const timeValue = (minute: number) => minute / 1440;

export async function weekXlsx(input: ExportInput): Promise<Uint8Array> {
  const wb = await newWorkbook();
  wb.creator = 'Callboard';
  const dates = weekDates(input.week.week_start);
  const shifts = rows(input);

  // 1. The week at a glance: a rep per row, a day per column, paid hours at the end.
  const grid = wb.addWorksheet('Week', { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  grid.addRow([`Schedule for the week of ${input.week.week_start}`, `status: ${input.week.status}, version ${input.week.version}`]);
  grid.addRow(['Rep', 'Team', ...dates.map((d) => `${WEEKDAY_NAMES[isoWeekday(d) - 1]} ${d.slice(5)}`), 'Paid hours']);
  const people = [...input.reps].sort((a, b) => (a.team ?? '').localeCompare(b.team ?? '') || a.name.localeCompare(b.name));
  for (const rep of people) {
    const mine = shifts.filter((s) => s.rep_id === rep.rep_id);
    const row = grid.addRow([
      rep.name, rep.team ?? '',
      ...dates.map((d) => {
        const s = mine.find((x) => x.date === d);
        return s ? `${s.start}–${s.end}` : '';
      }),
      mine.reduce((h, s) => h + s.paid_hours, 0)
    ]);
    row.getCell(dates.length + 3).numFmt = '0.0';
  }
  grid.getRow(2).font = { bold: true };
  grid.columns.forEach((c, i) => (c.width = i === 0 ? 24 : i === 1 ? 16 : 13));

  // 2. Every shift with its numbers.
  const list = wb.addWorksheet('Shifts', { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = [
    { header: 'Date', key: 'date', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
    { header: 'Weekday', key: 'weekday', width: 9 },
    { header: 'Rep', key: 'rep', width: 24 },
    { header: 'Team', key: 'team', width: 16 },
    { header: 'Start', key: 'start', width: 8, style: { numFmt: 'hh:mm' } },
    { header: 'End', key: 'end', width: 8, style: { numFmt: 'hh:mm' } },
    { header: 'Shift', key: 'template', width: 18 },
    { header: 'Paid hours', key: 'paid_hours', width: 11, style: { numFmt: '0.00' } },
    { header: 'On the phones (h)', key: 'on_phone_hours', width: 16, style: { numFmt: '0.00' } },
    { header: 'Breaks', key: 'breaks', width: 48 }
  ];
  for (const s of shifts) {
    list.addRow({ ...s, date: dateValue(s.date), start: timeValue(s.shift.start_minute), end: timeValue(s.shift.end_minute) });
  }
  list.getRow(1).font = { bold: true };

  // 3. Coverage per interval: what the forecast requires against what this schedule puts on the phones.
  const cov = wb.addWorksheet('Coverage', { views: [{ state: 'frozen', ySplit: 1 }] });
  cov.columns = [
    { header: 'Date', key: 'date', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
    { header: 'Interval', key: 'time', width: 9, style: { numFmt: 'hh:mm' } },
    { header: 'Calls (forecast)', key: 'calls', width: 15, style: { numFmt: '0.0' } },
    { header: 'AHT (s)', key: 'aht_s', width: 9, style: { numFmt: '0' } },
    { header: 'Reps required', key: 'required', width: 13, style: { numFmt: '0' } },
    { header: 'Reps scheduled', key: 'scheduled', width: 14, style: { numFmt: '0.00' } },
    { header: 'Gap', key: 'gap', width: 8, style: { numFmt: '+0.00;-0.00;0' } },
    { header: 'Projected service level', key: 'service_level', width: 21, style: { numFmt: '0.0%' } },
    { header: 'Projected lost calls', key: 'lost_calls', width: 18, style: { numFmt: '0.0' } }
  ];
  for (const i of input.coverage.intervals) {
    cov.addRow({ ...i, date: dateValue(i.date), time: timeValue(i.minute) });
  }
  cov.getRow(1).font = { bold: true };
  const t = input.coverage.totals;
  cov.addRow([]);
  const total = cov.addRow({ date: 'Week', calls: t.calls, service_level: t.service_level, lost_calls: t.lost_calls });
  total.font = { bold: true };

  return new Uint8Array(await wb.xlsx.writeBuffer());
}
