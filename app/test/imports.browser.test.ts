/**
 * The Imports page in Chromium: a lead uploads a small queue_log, sees what it did (the same numbers
 * the real loader gives for that file), finds the run in the load history with its quarantined lines,
 * and sees its calls counted on the Day page; a manager may read the history but not upload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { FIXTURES } from '../../fixtures/paths.ts';
import { writeScaleQueueLog } from '../../fixtures/scale/generate-queue-log.ts';
import { DEMO, startApp, type RunningApp } from './app-server.ts';
import { apiGet, launchBrowser, signedInPage, waitForApp } from './browser.ts';

const FILE = join(FIXTURES, 'golden', 'basic.queue_log');
const FILE_DAY = '2026-03-10'; // the file's calls, long before the demo's five weeks
const dir = mkdtempSync(join(tmpdir(), 'callboard-upload-'));
/** Larger than the 512 KB that adapter-node lets through unless told otherwise. */
const BIG = join(dir, 'big.queue_log');

let app: RunningApp;
let browser: Browser;
let page: Page;
/** What the real loader does with the file on its own. */
type Loaded = { rows_read: number; rows_loaded: number; rows_quarantined: number; calls_added: number; calls_open: number };
let expected: Loaded;
let expectedBig: Loaded;

beforeAll(async () => {
  await writeScaleQueueLog(BIG, { calls: 8_000, startEpoch: Date.UTC(2025, 0, 6, 14) / 1000, seed: 11 });
  const reference = await openDatabase(':memory:');
  try {
    expected = await ingestFile(reference, FILE, { timeZone: DEMO.timeZone });
    expectedBig = await ingestFile(reference, BIG, { timeZone: DEMO.timeZone });
  } finally {
    reference.close();
  }
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  ({ page } = await signedInPage(browser, app.url, 'lead'));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const n = (v: number) => v.toLocaleString('en-US');
const says = (e: Loaded) =>
  `queue_log: ${n(e.rows_read)} lines read, ${n(e.rows_loaded)} loaded${e.rows_quarantined ? `, ${n(e.rows_quarantined)} quarantined` : ''}; ${n(e.calls_added)} calls added${e.calls_open ? ` (${n(e.calls_open)} still open)` : ''}.`;

describe('the Imports page', () => {
  it('shows the demo loads in the history', async () => {
    await page.goto('/imports');
    await waitForApp(page);
    await expect.poll(() => page.locator('tr[data-run]').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('tbody').first().textContent()).toMatch(/demo/);
  });

  it('uploads two queue_logs, a small one and one over 512 KB, and says what each loaded', async () => {
    expect(expected.calls_added).toBeGreaterThan(0);
    expect(expected.rows_quarantined).toBeGreaterThan(0);
    expect(statSync(BIG).size).toBeGreaterThan(1024 * 1024);
    await page.getByLabel('Files').setInputFiles([FILE, BIG]);
    await page.getByRole('button', { name: 'Upload' }).click();
    for (const [name, e] of [['basic.queue_log', expected], ['big.queue_log', expectedBig]] as const) {
      const upload = page.locator(`li.upload[data-file="${name}"]`);
      await expect.poll(() => upload.getAttribute('class'), { timeout: 30_000 }).toMatch(/\b(done|failed)\b/);
      expect(await upload.textContent(), name).toContain(says(e));
    }
  });

  it('lists the upload in the history and shows its quarantined lines', async () => {
    const { runs } = await apiGet<{ runs: { run_id: number; path: string; calls_added: number; rows_quarantined: number }[] }>(page, '/api/imports');
    const run = runs.find((r) => r.path === 'basic.queue_log')!;
    expect(run).toMatchObject({ calls_added: expected.calls_added, rows_quarantined: expected.rows_quarantined });
    const row = page.locator(`tr[data-run="${run.run_id}"]`);
    await expect.poll(() => row.locator('.calls-added').textContent()).toBe(`${expected.calls_added}${expected.calls_open ? `${expected.calls_open} open` : ''}`);

    await row.getByRole('link', { name: String(expected.rows_quarantined) }).click();
    await page.waitForURL((u) => u.searchParams.get('run') === String(run.run_id));
    const lines = page.locator('#quarantine tbody tr');
    await expect.poll(() => lines.count()).toBe(expected.rows_quarantined);
    expect(await page.locator('#quarantine').textContent()).toMatch(/this is not a queue_log line/);
  });

  it("counts the file's calls on its day", async () => {
    const { rows } = await apiGet<{ rows: { offered: number }[] }>(page, `/api/metrics?from=${FILE_DAY}&to=${FILE_DAY}`);
    expect(rows[0].offered).toBeGreaterThan(0);
    await page.goto(`/day?date=${FILE_DAY}`);
    await expect.poll(() => page.locator('.tile[data-key="offered"]').getAttribute('data-value')).toBe(String(rows[0].offered));
  });

  it('lets a manager read the history but not upload', async () => {
    const manager = await signedInPage(browser, app.url, 'manager');
    await manager.page.goto('/imports');
    await expect.poll(() => manager.page.locator('tr[data-run]').count()).toBeGreaterThanOrEqual(3);
    expect(await manager.page.getByLabel('Files').count()).toBe(0);
    await manager.context.close();
  });
});
