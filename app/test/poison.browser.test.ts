/**
 * Issue 12 (High 2): one absurd value must not break anything. Poison lines (a 13-digit or `inf`
 * waittime, NaN, negative and non-numeric numbers, a clock jump) go through every source format
 * into a copy of the demo center by the real CLI; then the real server must answer every page and
 * the coverage API for the weeks after them. One server start.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '../../sql/db.ts';
import { DEMO, demoTemplate, startApp, type RunningApp } from './app-server.ts';
import { ROOT } from './build-app.ts';
import { launchBrowser, reviewShot, signedInPage } from './browser.ts';

const CLI = join(ROOT, 'app/cli/callboard.js');
/** The Monday of the demo's last week, 10:00 in Chicago (UTC-6 in November). */
const MONDAY = '2026-11-23';
const T0 = Date.parse(`${MONDAY}T16:00:00Z`) / 1000;
const local = (s: number) => new Date((T0 + s - 6 * 3600) * 1000).toISOString().slice(0, 19).replace('T', ' ');

interface FileJson {
  path: string; format: string; rows_read: number; rows_loaded: number; rows_quarantined: number; fields_rejected: number;
  calls_added: number; calls_open: number; duplicate: boolean; error?: string;
}

function ingest(db: string, args: string[]): { status: number | null; json: { files: FileJson[] }; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'ingest', '--db', db, '--json', ...args], { encoding: 'utf8', cwd: ROOT });
  let json: { files: FileJson[] };
  try {
    json = JSON.parse(r.stdout);
  } catch {
    throw new Error(`ingest printed no JSON (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return { status: r.status, json, stderr: r.stderr };
}

let dir: string;
let dbFile: string;
const loads: Record<string, ReturnType<typeof ingest>> = {};

function writePoison(): Record<string, string> {
  const files = {
    queueLog: join(dir, 'poison.queue_log'),
    table: join(dir, 'poison-table.csv'),
    pbxware: join(dir, 'poison-pbxware.csv'),
    cdr: join(dir, 'Master.csv'),
    mapped: join(dir, 'poison-mapped.csv'),
    mapping: join(dir, 'mapping.json'),
    later: join(dir, 'later.queue_log')
  };
  const q = (s: number, callid: string, agent: string, rest: string) => `${T0 + s}|${callid}|billing|${agent}|${rest}`;
  writeFileSync(files.queueLog, [
    q(0, 'poison-ab', 'NONE', 'ENTERQUEUE||3125550901|1'),
    q(40, 'poison-ab', 'NONE', 'ABANDON|1|1|9999999999999'),
    q(60, 'poison-to', 'NONE', 'ENTERQUEUE||3125550902|1'),
    q(360, 'poison-to', 'NONE', 'EXITWITHTIMEOUT|1|1|inf'),
    q(400, 'poison-an', 'NONE', 'ENTERQUEUE||3125550903|1'),
    q(412, 'poison-an', 'PJSIP/7001', 'CONNECT|nan|poison-an.2|3'),
    q(600, 'poison-an', 'PJSIP/7001', 'COMPLETECALLER|12|-5|1'),
    // A clock jump: the abandon is written two days after the caller entered, with no waittime.
    q(700, 'poison-jump', 'NONE', 'ENTERQUEUE||3125550904|1'),
    q(700 + 2 * 86_400, 'poison-jump', 'NONE', 'ABANDON|1|1|'),
    q(800, 'poison-open', 'NONE', 'ENTERQUEUE||3125550905|1')
  ].join('\n') + '\n');
  writeFileSync(files.table, [
    'time,callid,queuename,agent,event,data1,data2,data3,data4,data5',
    `${local(900)},poison-tab,billing,NONE,ENTERQUEUE,,3125550906,1,,`,
    `${local(950)},poison-tab,billing,NONE,ABANDON,1,1,1e13,,`
  ].join('\n') + '\n');
  writeFileSync(files.pbxware, [
    'uid,date_time,callid,queue_name,type,event,param1,param2,param3,entpos,expos,htime,ttime,time',
    `1,${T0 + 1000},poison-pbx,billing,,ENTERQUEUE,3125550907,,,1,,,,${local(1000)}`,
    `2,${T0 + 1030},poison-pbx,billing,,ABANDON,,,,1,1,-inf,,${local(1030)}`
  ].join('\n') + '\n');
  const leg = (start: number, answer: number | null, end: number, duration: string, billsec: string, disp: string, id: string) =>
    `"","31255509${id}","3125550100","from-pstn","""Poison"" <31255509${id}>","PJSIP/trunk-000000${id}","PJSIP/7001-000000${id}","Dial","PJSIP/7001",` +
    `"${local(start)}",${answer === null ? '' : `"${local(answer)}"`},"${local(end)}",${duration},${billsec},"${disp}","DOCUMENTATION","${T0 + start}.${id}","","","${T0 + start}.${id}",1`;
  writeFileSync(files.cdr, [
    leg(1100, null, 1130, '9999999999999', 'inf', 'NO ANSWER', '10'),
    leg(1200, 1210, 1390, '190', '-4', 'ANSWERED', '11')
  ].join('\n') + '\n');
  writeFileSync(files.mapped, [
    'id,queue,entered,answered,ended,result,wait,talk',
    `poison-map-1,billing,${local(1300)},,${local(1345)},abandoned,9999999999999,`,
    `poison-map-2,billing,${local(1400)},${local(1420)},${local(1600)},answered,20,inf`
  ].join('\n') + '\n');
  writeFileSync(files.mapping, JSON.stringify({
    fields: {
      callid: { column: 'id' }, queue: { column: 'queue' }, enter_ts: { column: 'entered' }, connect_ts: { column: 'answered' },
      end_ts: { column: 'ended' }, outcome: { column: 'result' }, wait_s: { column: 'wait' }, talk_s: { column: 'talk' }
    }
  }));
  writeFileSync(files.later, [
    `${T0 + 86_400}|later-1|billing|NONE|ENTERQUEUE||3125550911|1`,
    `${T0 + 86_430}|later-1|billing|PJSIP/7001|CONNECT|30|later-1.2|2`,
    `${T0 + 86_600}|later-1|billing|PJSIP/7001|COMPLETEAGENT|30|170|1`
  ].join('\n') + '\n');
  return files;
}

let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callboard-poison-'));
  dbFile = join(dir, 'poisoned.duckdb');
  copyFileSync(await demoTemplate(), dbFile);
  const f = writePoison();
  loads.lines = ingest(dbFile, [f.queueLog, f.table, f.pbxware, f.cdr]);
  loads.mapped = ingest(dbFile, ['--format', 'csv', '--mapping', f.mapping, f.mapped]);
  loads.later = ingest(dbFile, [f.later]);
  [app, browser] = await Promise.all([startApp({ dbFile }), launchBrowser()]);
  ({ page } = await signedInPage(browser, app.url, 'admin'));
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('poison values through every format', () => {
  it('every ingest exits 0 and prints its JSON, counting the rejected values and the open visit', () => {
    for (const [name, r] of Object.entries(loads)) expect(r.status, `${name}: ${r.stderr}`).toBe(0);
    const byFormat = Object.fromEntries([...loads.lines.json.files, ...loads.mapped.json.files].map((s) => [s.format, s]));
    expect(byFormat.queue_log).toMatchObject({ fields_rejected: 4, calls_added: 5, calls_open: 1, rows_quarantined: 0 });
    expect(byFormat.queue_log_table).toMatchObject({ fields_rejected: 1, calls_added: 1, calls_open: 0 });
    expect(byFormat.pbxware_queue_log).toMatchObject({ fields_rejected: 1, calls_added: 1 });
    expect(byFormat.cdr).toMatchObject({ fields_rejected: 3, calls_added: 2, rows_quarantined: 0 });
    expect(byFormat.csv).toMatchObject({ fields_rejected: 2, calls_added: 2, rows_quarantined: 0 });
    expect(loads.later.json.files[0]).toMatchObject({ calls_added: 1, fields_rejected: 0, calls_open: 0 });
    expect(loads.later.stderr).not.toMatch(/warning/);
  });

  it('closes each call through the timestamp fallback and keeps the lost ones lost', async () => {
    const db = await openDatabase(join(dir, 'check.duckdb'));
    try {
      await db.run(`ATTACH '${dbFile.replace(/'/g, "''")}' AS p (READ_ONLY)`);
      const calls = await db.all<{ callid: string; outcome: string | null; wait_s: number | null; talk_s: number | null }>(
        `SELECT callid, outcome, wait_s, talk_s FROM p.calls
         WHERE callid LIKE 'poison-%' OR callid LIKE '${T0 + 1100}.%' OR callid LIKE '${T0 + 1200}.%' ORDER BY callid`
      );
      const by = Object.fromEntries(calls.map((c) => [c.callid, c]));
      expect(by['poison-ab']).toMatchObject({ outcome: 'abandoned', wait_s: 40 });
      expect(by['poison-to']).toMatchObject({ outcome: 'timed_out', wait_s: 300 });
      expect(by['poison-an']).toMatchObject({ outcome: 'answered', wait_s: 12, talk_s: 188 });
      expect(by['poison-jump']).toMatchObject({ outcome: 'abandoned', wait_s: null }); // a clock jump: no wait, still lost
      expect(by['poison-open']).toMatchObject({ outcome: null });
      expect(by['poison-tab']).toMatchObject({ outcome: 'abandoned', wait_s: 50 });
      expect(by['poison-pbx']).toMatchObject({ outcome: 'abandoned', wait_s: 30 });
      expect(by['poison-map-1']).toMatchObject({ outcome: 'abandoned', wait_s: 45 });
      expect(by['poison-map-2']).toMatchObject({ outcome: 'answered', wait_s: 20, talk_s: 180 });
      expect(by[`${T0 + 1100}.10`]).toMatchObject({ outcome: 'abandoned', wait_s: 30 });
      expect(by[`${T0 + 1200}.11`]).toMatchObject({ outcome: 'answered', wait_s: 10, talk_s: 180 });

      const rejected = await db.all<{ line_no: number; field: string; value: string; reason: string }>(
        `SELECT line_no, field, value, reason FROM p.field_rejections ORDER BY run_id, line_no, field`
      );
      expect(rejected).toHaveLength(11);
      expect(rejected[0]).toEqual({
        line_no: 2, field: 'waittime (ABANDON data3)', value: '9999999999999', reason: 'above 86400 s (a wait longer than a day), kept as missing'
      });
      // The facts caught up after every load; nothing is left waiting.
      const facts = await db.one<{ pending: number; built: number; calls: number }>(
        `SELECT (SELECT count(*) FROM p.call_facts_pending) AS pending, (SELECT calls FROM p.call_facts_state) AS built,
                (SELECT count(*) FROM p.calls) AS calls`
      );
      expect(facts).toEqual({ pending: 0, built: facts!.calls, calls: facts!.calls });
    } finally {
      db.close();
    }
  });

  it('the day keeps a sane longest wait and counts the poisoned abandons as lost', async () => {
    const res = await page.request.get(`/api/metrics?from=${MONDAY}&to=${MONDAY}&by=day&group=queue`);
    expect(res.status()).toBe(200);
    const billing = ((await res.json()) as { rows: Array<Record<string, number | string>> }).rows.find((r) => r.queue === 'billing')!;
    expect(billing.max_wait_s).toBeLessThanOrEqual(86_400);
    expect(billing.max_wait_s).toBeGreaterThan(0);
    expect(billing.lost).toBeGreaterThanOrEqual(6); // the poisoned abandons and time-out, among the day's others
  });

  it('every page and the coverage API answer for the poisoned week and the weeks after it', async () => {
    const weeks = [MONDAY, '2026-11-30', '2026-12-07'];
    const paths = [
      '/', `/day?date=${MONDAY}`, '/reps', '/calls', '/quality', '/trends', '/reports', '/imports', '/settings',
      ...weeks.flatMap((w) => [`/coverage?week=${w}`, `/schedule?week=${w}`]),
      ...weeks.flatMap((w) => [`/api/coverage/gaps?week=${w}`, `/api/coverage/required?week=${w}`]),
      `/api/coverage/past?from=${MONDAY}&to=2026-11-25`, `/api/coverage/patience?from=2026-10-01&to=2026-11-25`,
      `/api/metrics/data-quality?from=${MONDAY}&to=${MONDAY}`
    ];
    const failures: string[] = [];
    for (const p of paths) {
      const res = await page.request.get(p);
      if (res.status() !== 200) failures.push(`${p}: ${res.status()} ${(await res.text()).slice(0, 200)}`);
    }
    expect(failures, app.output()).toEqual([]);
    const patience = (await (await page.request.get('/api/coverage/patience?from=2026-10-01&to=2026-11-25')).json()) as {
      queues: Array<{ queue: string; patience_s: number | null }>;
    };
    for (const q of patience.queues) if (q.patience_s !== null) expect(q.patience_s).toBeLessThan(3600);
  });

  it('data quality and the Imports page list each rejected value with its file, line, field and reason', async () => {
    const dq = (await (await page.request.get(`/api/metrics/data-quality?from=${MONDAY}&to=${MONDAY}`)).json()) as {
      summary: { rejected_values: number };
      rejected_values: Array<{ path: string; line_no: number; field: string; value: string; reason: string }>;
    };
    expect(dq.summary.rejected_values).toBe(11);
    expect(dq.rejected_values).toContainEqual({
      path: expect.stringMatching(/poison\.queue_log$/), line_no: 4, field: 'waittime (EXITWITHTIMEOUT data3)', value: 'inf',
      reason: 'not a finite number, kept as missing'
    });
    await page.goto('/imports');
    const link = page.locator('tr[data-run] a[href$="#rejected"]').first();
    await link.click();
    await expect.poll(() => page.locator('#rejected tbody tr').count()).toBeGreaterThan(0);
    await reviewShot(page, 'poison-imports-rejected.png', { fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await reviewShot(page, 'poison-imports-rejected-phone.png', { fullPage: true });
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(sideways).toBe(false);
  });
});
