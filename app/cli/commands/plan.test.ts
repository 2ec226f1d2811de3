// `callboard plan` in-process on the demo center: the contract's JSON keys, the text, the workbook.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandOutput } from '../test-support.ts';
import { setDatabase } from '../../../sql/db.ts';
import { demoDatabase, DEMO_NEXT_MONDAY } from '../../../analytics/test-support/coverage-demo-db.ts';
import { plan as register } from './index.ts';

const run = (...args: string[]) => commandOutput([register], ['plan', '--from', DEMO_NEXT_MONDAY, '--timezone', 'America/Chicago', ...args]);

describe('callboard plan', () => {
  let demo: Awaited<ReturnType<typeof demoDatabase>>;
  let dir: string;
  beforeAll(async () => {
    delete process.env.CALLBOARD_TZ;
    demo = await demoDatabase();
    setDatabase(demo.db);
    dir = mkdtempSync(join(tmpdir(), 'callboard-plan-cli-'));
  }, 300_000);
  afterAll(() => {
    demo?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--json: {"rows":[{"week","calls_forecast","required_fte","available_fte","gap_fte"}],"recommendation":{"hire","by_date","text"}}', async () => {
    const out = JSON.parse(await run('--weeks', '52', '--json', '--attrition', '0.3'));
    expect(out.rows).toHaveLength(52);
    for (const key of ['week', 'calls_forecast', 'required_fte', 'available_fte', 'gap_fte']) expect(out.rows[0]).toHaveProperty(key);
    expect(out.rows[0].week).toBe('2026-W24');
    expect(out.rows[51].week).toBe('2027-W22'); // 2026 has 53 ISO weeks
    for (const r of out.rows) expect(r.gap_fte).toBeCloseTo(r.required_fte - r.available_fte, 10);
    expect(out.recommendation).toEqual(expect.objectContaining({ hire: expect.any(Number), text: expect.any(String) }));
    expect(out.recommendation).toHaveProperty('by_date');
    expect(out.settings).toMatchObject({ attrition: 0.3, attrition_source: 'set', full_time_hours: 40 });
  }, 120_000);

  it('text: the recommendation first, a line per week, then what the forecast could not learn', async () => {
    const lines = (await run('--weeks', '4')).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^(No hire needed|To meet) /);
    expect(lines.find((l) => l.startsWith('week'))!.split(/\s{2,}/)).toEqual(['week', 'calls', 'required FTE', 'available FTE', 'gap FTE']);
    expect(lines.filter((l) => /^2026-W2[4-7]\s/.test(l))).toHaveLength(4);
    expect(lines.slice(-3).some((l) => /could not be measured|yearly season/.test(l))).toBe(true);
    expect(lines.some((l) => /more than 52 weeks are needed to learn the yearly season/.test(l))).toBe(true);
  }, 120_000);

  it('--xlsx writes the plan, its weeks and the what-ifs as number cells', async () => {
    const file = join(dir, 'plan.xlsx');
    expect(await run('--weeks', '8', '--xlsx', file)).toContain('6 what-ifs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Plan', 'Weeks', 'What-ifs']);
    const weeks = wb.getWorksheet('Weeks')!;
    expect(weeks.getRow(2).getCell(1).value).toBe('2026-W24');
    expect(typeof weeks.getRow(2).getCell(8).value).toBe('number');
    expect(weeks.rowCount).toBe(9);
  }, 120_000);

  it('refuses bad options with a one-line error', async () => {
    await expect(run('--weeks', '0')).rejects.toThrow('weeks "0" must be a whole number from 1 to 104');
    await expect(run('--attrition', '2')).rejects.toThrow('attrition "2" must be a number from 0 to 0.95');
    await expect(run('--json', '--xlsx', 'x.xlsx')).rejects.toThrow(/cannot be used with/);
  });
});
