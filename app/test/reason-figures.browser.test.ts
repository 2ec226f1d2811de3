/**
 * Figures by reason group in Chromium against the built app and the demo center (#15.3-4): the Trends
 * page's reason-group section (the share of calls covered beside the figures, the groups' calls adding
 * up to the week's), and the coverage page's forecast per reason group for the week after Thanksgiving
 * (planned closed here: bulky items above their usual week, each forecast group with its reps), with
 * screenshots at 1366 and 390 px and no sideways scroll on the phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './app-server.ts';
import { apiGet, launchBrowser, reviewShot, signedInPage } from './browser.ts';

let app: RunningApp;
let browser: Browser;
let page: Page;
let manager: Page;

const THANKSGIVING = '2026-11-26';
const WEEK_AFTER = '2026-11-30';

beforeAll(async () => {
  [app, browser] = await Promise.all([
    startApp({ addToDemo: (db) => db.run(`INSERT INTO special_days VALUES (DATE '${THANKSGIVING}', '*', 'closed', 'Thanksgiving Day', 0)`) }),
    launchBrowser()
  ]);
  ({ page } = await signedInPage(browser, app.url, 'scheduler'));
  ({ page: manager } = await signedInPage(browser, app.url, 'manager'));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

type Trends = { groups: Array<string | null>; series: Array<{ period: string; offered: number | null; groups: Array<{ offered: number | null }> }> };

async function shoot(page: Page, section: ReturnType<Page['locator']>, name: string) {
  await page.setViewportSize({ width: 1366, height: 900 });
  await section.scrollIntoViewIfNeeded();
  await reviewShot(section, `${name}-desktop.png`);
  await page.setViewportSize({ width: 390, height: 844 });
  await section.scrollIntoViewIfNeeded();
  await reviewShot(section, `${name}-phone.png`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1366, height: 900 });
}

describe('figures by reason group', () => {
  it('shows trends per reason group on the Trends page, with the share of calls they cover', async () => {
    const page = manager;
    const res = await page.goto('/trends?by=week&from=2026-10-19&to=2026-11-29');
    expect(res?.status()).toBe(200);
    const section = page.locator('section[aria-labelledby="reasons-title"]');
    await expect.poll(() => section.locator('[data-testid="reason-trends"] .covers').textContent(), { timeout: 60_000 }).toMatch(/Covers \d+% of calls \(\d+% have no reason\)/);
    const api = await apiGet<Trends>(page, '/api/trends/reasons?by=week&from=2026-10-19&to=2026-11-29');
    for (const p of api.series.filter((x) => x.offered !== null)) expect(p.groups.reduce((n, g) => n + (g.offered ?? 0), 0)).toBe(p.offered);
    expect(api.groups).toContain('Bulky item');
    expect(api.groups.at(-1)).toBeNull();
    await expect.poll(() => section.locator('figure[data-key="reason-offered"] .series-line').count()).toBe(api.groups.length);
    // Another figure: the repeat rate, whose coverage is of answered calls.
    await section.getByLabel('Repeat rate').check();
    await expect.poll(() => section.locator('.covers').textContent()).toMatch(/of answered calls/);
    await section.locator('details.reason-table summary').click();
    expect(await section.locator('details.reason-table thead th').allTextContents()).toEqual(['Period', ...api.groups.map((g) => g ?? 'No reason'), 'Without a reason']);
    await section.getByLabel('Calls offered').check();
    await expect.poll(() => section.locator('.covers').textContent()).toMatch(/% of calls/);
    await shoot(page, section, 'trends-reasons');
  });

  it('forecasts each reason group on the coverage page, bulky items above their usual week after a holiday', async () => {
    const res = await page.goto(`/coverage?week=${WEEK_AFTER}`);
    expect(res?.status()).toBe(200);
    const section = page.locator('section[aria-labelledby="reasons-title"]');
    const bulky = section.locator('tr[data-group="Bulky item"]');
    await expect.poll(() => bulky.count(), { timeout: 90_000 }).toBe(1);
    expect(await section.locator(`[data-closure="${THANKSGIVING}"]`).textContent()).toMatch(/Thanksgiving Day/);
    expect(await section.textContent()).toMatch(/The groups with a reason cover \d+% of those calls/);
    const calls = Number(await bulky.getAttribute('data-week-calls'));
    const usual = Number(await bulky.getAttribute('data-usual'));
    expect(calls / usual).toBeGreaterThan(1.3); // four of the week's six open days follow the holiday
    expect(await bulky.textContent()).toMatch(/×\d\.\d the usual/);
    const api = await apiGet<{ groups: Array<{ reason_group: string | null; forecast: boolean; peak_required: number | null }> }>(page, `/api/coverage/reasons?week=${WEEK_AFTER}`);
    const shown = api.groups.filter((g) => g.forecast);
    expect(await section.locator('tbody tr[data-group]').count()).toBe(shown.length);
    for (const g of shown) expect(g.peak_required).toBeGreaterThan(0);
    const perInterval = section.locator('details', { hasText: 'Reps required per interval' });
    await perInterval.locator('summary').click();
    expect(await perInterval.locator('thead th').allTextContents()).toEqual(['Interval', ...shown.map((g) => g.reason_group ?? 'No reason')]);
    expect(await perInterval.locator('tbody tr').count()).toBeGreaterThan(6 * 20); // six open days of half hours
    await perInterval.locator('summary').click(); // closed again for the screenshots
    await section.locator('details', { hasText: 'Calls per day' }).locator('summary').click();
    await shoot(page, section, 'coverage-reasons');
  });
});
