/**
 * The manager's Trends and Reports pages in Chromium against the built app and five weeks of the demo
 * center (2026-10-22 .. 2026-11-25): the charts draw real marks and equal GET /api/trends; an annotation
 * added to a date shows on every chart and stays after a reload; a quarterly report built on demand shows
 * the metrics of its dates, prints a page per section, and downloads as an .xlsx holding the numbers.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './app-server.ts';
import { apiGet, launchBrowser, reviewShot, screenshotPath, signedInPage } from './browser.ts';
import { TREND_CHARTS } from '../lib/trends/trend-charts.ts';

let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  ({ page } = await signedInPage(browser, app.url, 'manager'));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A drawn path: a `d` with at least one line segment. */
const drawn = (d: string | null) => !!d && /[ML]/.test(d) && /L|C|H|V/.test(d.slice(1));
const TRENDS = '/trends?by=week&from=2026-10-19&to=2026-11-29';
const CHARTS = TREND_CHARTS.length + 2; // and the staffing and reason-group charts (both streamed)

describe('Trends', () => {
  it('draws a chart per figure from the same numbers as the API', async () => {
    await page.goto(TRENDS);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Trends');
    await expect.poll(async () => drawn(await page.locator('figure[data-key="offered"] path.series-line').getAttribute('d')), { timeout: 15_000 }).toBe(true);
    // The staffing chart streams in after the rest.
    await expect.poll(() => page.locator('figure.trend-chart').count(), { timeout: 20_000 }).toBe(CHARTS);
    for (const key of ['service_level', 'lost_rate', 'asa_s', 'repeat_rate', 'quality_score']) {
      expect(drawn(await page.locator(`figure[data-key="${key}"] path.series-line`).first().getAttribute('d')), key).toBe(true);
    }
    const api = await apiGet<{ series: Array<{ period: string; offered: number; service_level: number | null }> }>(page, '/api/trends?by=week&from=2026-10-19&to=2026-11-29');
    expect(api.series.map((p) => p.period)).toEqual(['2026-W43', '2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48']);
    const offered = await page.locator('.trend-table tbody tr td[data-key="offered"]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
    expect(offered).toEqual(api.series.map((p) => p.offered));
    expect(offered.reduce((a, b) => a + b, 0)).toBeGreaterThan(5_000);
    expect(await page.locator('figure[data-key="offered"] .lc-axis-tick-label').allTextContents()).toEqual(expect.arrayContaining(['Oct 19', 'Nov 23']));
    // Quarter over quarter and year over year, and the per-queue breakdown.
    await expect.poll(() => page.locator('table[data-table="qoq"] tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(5);
    expect(await page.locator('table[data-table="by_queue"] tbody tr').count()).toBe(3);
    // The demo's last week has 3 days of data: the breakdown says so beside its changes.
    expect(await page.locator('section[aria-labelledby="by-queue-title"] [data-partial]').textContent()).toMatch(/Nov 23 \(2026-W48\) is partial: 3 of 7 days/);
  });

  it('adds an annotation to a date; it shows on every chart and stays after a reload', async () => {
    await page.getByLabel('Date').fill('2026-11-10');
    await page.getByLabel('What happened').fill('Storm week');
    await page.getByRole('button', { name: 'Add annotation' }).click();
    await expect.poll(() => page.locator('.annotations li[data-date="2026-11-10"]').textContent()).toMatch(/Storm week \(manager\)/);
    await expect.poll(() => page.locator('g.annotation-mark[data-date="2026-11-10"]').count(), { timeout: 20_000 }).toBe(CHARTS);
    // Tuesday 10 November sits between the points of the weeks of 2 and 9 November (each drawn mid-week).
    const centre = (r: { x: number; width: number }) => r.x + r.width / 2;
    const rule = centre((await page.locator('figure[data-key="offered"] g.annotation-mark line').first().boundingBox())!);
    // In time order (partly covered weeks are drawn as a second, hollow set of points).
    const points = (await page.locator('figure[data-key="offered"] circle').evaluateAll((cs) => cs.map((c) => { const r = c.getBoundingClientRect(); return r.x + r.width / 2; }))).sort((a, b) => a - b);
    expect(points).toHaveLength(6);
    expect(rule).toBeGreaterThan(points[2]);
    expect(rule).toBeLessThan(points[3]);
    await reviewShot(page, 'trends-annotated.png', { fullPage: true });

    await page.reload();
    await expect.poll(() => page.locator('figure[data-key="service_level"] g.annotation-mark[data-date="2026-11-10"]').count(), { timeout: 15_000 }).toBe(1);
    const { annotations } = await apiGet<{ annotations: Array<{ text: string; author: string }> }>(page, '/api/annotations?from=2026-11-01&to=2026-11-30');
    expect(annotations).toMatchObject([{ text: 'Storm week', author: 'manager' }]);
  });

  it('a lead sees the annotations but cannot add one', async () => {
    const lead = await signedInPage(browser, app.url, 'lead');
    try {
      await lead.page.goto(TRENDS);
      await expect.poll(() => lead.page.locator('.annotations li[data-date="2026-11-10"]').count()).toBe(1);
      expect(await lead.page.getByRole('button', { name: 'Add annotation' }).count()).toBe(0);
    } finally {
      await lead.context.close();
    }
  });
});

describe('Reports', () => {
  it('builds a quarterly report on demand and shows the metrics of its dates', async () => {
    await page.goto('/reports');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Reports');
    await page.getByLabel('Report', { exact: true }).selectOption('quarterly');
    await page.getByLabel('Period').fill('2026-Q4');
    await page.getByRole('button', { name: 'Build report' }).click();
    await page.waitForURL(/\/reports\/\d+$/, { timeout: 30_000 });
    await expect.poll(() => page.locator('h1').textContent()).toBe('Quarterly report: Q4 2026 (October – December)');
    expect(await page.locator('section.report-section').count()).toBe(7);
    const { rows } = await apiGet<{ rows: Array<Record<string, number | null>> }>(page, '/api/metrics?from=2026-10-01&to=2026-12-31&by=total');
    for (const key of ['offered', 'lost', 'lost_rate', 'service_level', 'asa_s']) {
      expect(await page.locator(`section[data-section] .figure[data-key="${key}"]`).first().getAttribute('data-value'), key).toBe(String(rows[0][key]));
    }
    expect(await page.locator('section[data-section="coverage"] .notes').textContent()).toMatch(/No schedule exists for this period/);
    expect(await page.locator('section[data-section="notable_days"] td[data-key="annotation"]').allTextContents()).toContain('Storm week');
  });

  it('prints a page per section without the app around it', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('.app-header').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
      const breaks = await page.locator('section.report-section').evaluateAll((els) => els.map((el) => getComputedStyle(el).breakBefore));
      expect(breaks).toEqual(['auto', 'page', 'page', 'page', 'page', 'page', 'page']);
      await reviewShot(page, 'report-print.png', { fullPage: true });
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('downloads the report as an .xlsx holding the numbers as numbers', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download .xlsx' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^callboard-quarterly-2026-Q4-v1\.xlsx$/);
    // (saved, not read in place: the tests' shared Chromium is connected remotely, where a download has no local path)
    const saved = screenshotPath(download.suggestedFilename());
    await download.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const offered = wb.getWorksheet('Volume and lost calls')!.getRows(1, 30)!.find((r) => r.getCell(1).value === 'Offered')!.getCell(2);
    expect(offered.type).toBe(ExcelJS.ValueType.Number);
    expect(offered.value).toBe(Number(await page.locator('.figure[data-key="offered"]').first().getAttribute('data-value')));
    await reviewShot(page, 'report-quarterly.png', { fullPage: true });

    // The list shows it with its version and files.
    await page.goto('/reports');
    await expect.poll(() => page.locator('tr[data-kind="quarterly"][data-period="2026-Q4"]').count()).toBe(1);
  });
});
