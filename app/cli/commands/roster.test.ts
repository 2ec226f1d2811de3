// `callboard forecast` and `callboard roster` in-process on the demo center, and one real run of the
// binary for a user mistake (one line, non-zero exit, no stack trace).
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDatabase, type Database } from '../../../sql/db.ts';
import { DEMO_NEXT_MONDAY, DEMO_TZ, demoDatabase } from '../../../analytics/test-support/coverage-demo-db.ts';
import { setupFromHistory } from '../../../analytics/roster/schedule-history.ts';
import { applySetup, draftFromPatterns } from '../../server/schedules.ts';
import { commandOutput, runCli } from '../test-support.ts';
import { forecast as registerForecast, roster as registerRoster } from './index.ts';

const run = (...args: string[]) => commandOutput([registerForecast, registerRoster], [...args, '--timezone', DEMO_TZ]);

let db: Database;
let dispose: () => void;
const dir = mkdtempSync(join(tmpdir(), 'callboard-roster-cli-'));

beforeAll(async () => {
  ({ db, dispose } = await demoDatabase());
  setDatabase(db);
  const actor = { id: null, username: 'test' };
  await applySetup(db, actor, await setupFromHistory(db, { before: '2026-06-05', timeZone: DEMO_TZ }));
  await draftFromPatterns(db, actor, DEMO_NEXT_MONDAY);
});
afterAll(() => {
  dispose?.();
  rmSync(dir, { recursive: true, force: true });
});

describe('callboard forecast', () => {
  it('prints calls per day, the model and the backtest error', async () => {
    const out = await run('forecast', '--from', DEMO_NEXT_MONDAY, '--weeks', '1');
    expect(out).toMatch(/^Forecast of offered calls, 2026-06-08 to 2026-06-14/);
    expect(out).toMatch(/2026-06-08 {2}Mon {2}\s*\d+ +\d+ +\d+ +\d+/);
    expect(out).toMatch(/all queues: per day \d+\.\d%, per interval \d+\.\d%/);
  });

  it('--csv has a row per queue and interval, --json the whole answer', async () => {
    const csv = (await run('forecast', '--from', DEMO_NEXT_MONDAY, '--weeks', '1', '--csv')).trim().split('\n');
    expect(csv[0]).toBe('period_start,queue,calls,aht_s,adjustments');
    expect(csv.some((l) => l.startsWith('2026-06-08T09:00:00,billing,'))).toBe(true);
    const json = JSON.parse(await run('forecast', '--from', DEMO_NEXT_MONDAY, '--weeks', '1', '--json', '--interval-minutes', '60'));
    expect(json.settings).toMatchObject({ from: DEMO_NEXT_MONDAY, interval_minutes: 60 });
  });
});

describe('callboard roster', () => {
  // --time-limit 1, the least it takes: HiGHS runs to the limit, and what is printed holds for any
  // answer in time (the optimiser's answers themselves: analytics/roster/roster-optimiser.test.ts).
  it('compares the current, greedy and optimised rosters', async () => {
    const out = await run('roster', '--week', '2026-06-10', '--time-limit', '1');
    expect(out).toMatch(/^Week of 2026-06-08: 18 reps, 3 shift templates, \d+ candidate shifts, 6 open days/);
    expect(out).toMatch(/\ncurrent +draft/);
    expect(out).toMatch(/\ngreedy +heuristic/);
    expect(out).toMatch(/\noptimised +\S/);
    expect(out).toMatch(/\nAim: Meet the target at the fewest paid hours\.\n(Optimised |HiGHS found no roster better)/);
  });

  it('aims for the best service when asked, and refuses an unknown aim', async () => {
    expect(await run('roster', '--week', '2026-06-10', '--time-limit', '1', '--aim', 'best_service')).toMatch(/\nAim: Best projected service and fewest lost calls within contracted hours\.\n/);
    // In this process: the refusal is the command's; how a refusal reaches the terminal, the run below.
    await expect(run('roster', '--week', '2026-06-10', '--aim', 'cheapest')).rejects.toThrow(/^--aim "cheapest" must be fewest_paid_hours or best_service$/);
  });

  it('exports the stored week as CSV and .xlsx', async () => {
    const csvPath = join(dir, 'week.csv');
    expect(await run('roster', '--week', DEMO_NEXT_MONDAY, '--out', csvPath)).toMatch(/^wrote \d+ shifts of the week of 2026-06-08 to /);
    expect(readFileSync(csvPath, 'utf8').split('\r\n')[0]).toMatch(/^week_start,date,weekday,rep_id,rep,team,start,end/);
    const xlsxPath = join(dir, 'week.xlsx');
    await run('roster', '--week', DEMO_NEXT_MONDAY, '--out', xlsxPath);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxPath);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Week', 'Shifts', 'Coverage']);
  });

  it('names a bad option in one line and exits non-zero', async () => {
    const r = await runCli(['roster', '--week', '2026-02-30']);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim()).toBe('callboard: --week "2026-02-30" is not a date (expected YYYY-MM-DD, e.g. 2026-03-08)');
    expect(r.stdout).toBe('');
  });
});
