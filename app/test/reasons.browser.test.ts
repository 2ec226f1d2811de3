/**
 * Call reasons on the Day page in Chromium against the built app and the demo center (whose reps log
 * wrap-up codes): the table's calls add up to the day's offered calls, the share without a reason is
 * said before the figures, a code the catalogue lacks shows as itself, and screenshots at 1366 and
 * 390 px (no sideways scroll on the phone).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO, startApp, type RunningApp } from './app-server.ts';
import { apiGet, launchBrowser, screenshotPath, signedInPage } from './browser.ts';

let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  ({ page } = await signedInPage(browser, app.url, 'lead'));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

type Row = { reason: string | null; offered: number; lost: number };

describe('call reasons on the Day page', () => {
  it('shows lost calls and AHT by reason that add up to the day, the share without a reason first', async () => {
    const res = await page.goto(`/day?date=${DEMO.day}`);
    expect(res?.status()).toBe(200);
    const panel = page.locator('section[aria-labelledby="reasons-title"]');
    await expect.poll(() => panel.locator('h2').textContent()).toMatch(/Why they called/);

    const total = (await apiGet<{ rows: Row[] }>(page, `/api/metrics?from=${DEMO.day}&to=${DEMO.day}`)).rows[0];
    const byReason = await apiGet<{ rows: Row[]; reason_coverage: { offered: number; with_reason: number } }>(
      page, `/api/metrics?from=${DEMO.day}&to=${DEMO.day}&group=reason`
    );
    expect(byReason.rows.reduce((n, r) => n + r.offered, 0)).toBe(total.offered);
    expect(byReason.rows.reduce((n, r) => n + r.lost, 0)).toBe(total.lost);
    expect(byReason.reason_coverage.offered).toBe(total.offered);
    expect(byReason.reason_coverage.with_reason).toBeGreaterThan(total.offered * 0.5);

    const note = await panel.locator('.coverage').textContent();
    expect(note).toMatch(/\d+% of calls have a reason/);
    const cells = await panel.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(cells.reduce((n, c) => n + Number(c.replace(/,/g, '')), 0)).toBe(total.offered);
    expect(await panel.locator('tbody tr').last().locator('th').textContent()).toMatch(/No reason/);
    expect(await panel.locator('tbody').textContent()).toMatch(/Bill dispute\s*Billing/);
    // Only the code the demo catalogue lacks is marked so (a name equal to its group is not).
    expect(await panel.locator('tbody tr', { hasText: 'not in catalogue' }).locator('th').allTextContents()).toEqual([
      expect.stringMatching(/^\s*tree-debris\s*not in catalogue\s*$/)
    ]);
  });

  it('saves screenshots at 1366 and 390 px, with no sideways scroll on the phone', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    const panel = page.locator('section[aria-labelledby="reasons-title"]');
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: screenshotPath('day-reasons-desktop.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: screenshotPath('day-reasons-phone.png') });
    await page.screenshot({ path: screenshotPath('day-reasons-phone-page.png') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
