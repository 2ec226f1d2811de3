/**
 * Trends by quarter on the demo center (five weeks, 2026-10-22 .. 2026-11-25): quarters without data are
 * breaks in the lines and "no data" in the tables, never zeros; the one quarter with data is marked as
 * partial (hollow point, "partial: 35 of 92 days"); the comparisons say they cannot compare with quarters
 * without data; and at 8 quarters, 26 weeks and 24 months, on a desktop and a phone, no two axis labels
 * overlap and the page never scrolls sideways. One manager page for the file: each range is drawn once
 * (Trends is the heaviest page to serve) and checked on the desktop, then narrowed to the phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './app-server.ts';
import { launchBrowser, reviewShot, signedInPage } from './browser.ts';
import { TREND_CHARTS } from '../lib/trends/trend-charts.ts';

let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  ({ page } = await signedInPage(browser, app.url, 'manager', DESKTOP));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const QUARTERS = '/trends?by=quarter&from=2025-01-01&to=2026-12-31';
const RANGES = {
  '8 quarters': QUARTERS,
  '26 weeks': '/trends?by=week&from=2026-06-01&to=2026-11-29',
  '24 months': '/trends?by=month&from=2024-12-01&to=2026-11-30'
};

/** Waits until every chart has its time axis drawn. */
async function chartsDrawn(page: Page) {
  await expect.poll(() => page.locator('figure.trend-chart').count(), { timeout: 20_000 }).toBe(TREND_CHARTS.length + 2); // and the staffing and reason-group charts
  await expect.poll(() => page.locator('figure.trend-chart').evaluateAll((fs) => fs.every((f) => f.querySelectorAll('.time-tick').length > 0)), { timeout: 20_000 }).toBe(true);
}

/**
 * Waits until every chart has drawn itself again at the window's new width: its svg is as wide as its
 * box (the box takes the new width at once; the svg and the time ticks follow when the chart hears of
 * it, in the same update), then two frames. A phone drawn this way has the same ticks at the same
 * places as a page opened on the phone (compared for all three ranges when this was written).
 */
async function redrawn(page: Page) {
  const fits = () => page.locator('figure.trend-chart').evaluateAll((fs) => fs.every((f) => f.querySelector('.chart svg')?.getAttribute('width') === String(f.querySelector<HTMLElement>('.chart')!.clientWidth)));
  await expect.poll(fits).toBe(true);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** Pairs of time-axis labels, per chart, whose boxes overlap. */
function overlapping(page: Page) {
  return page.locator('figure.trend-chart').evaluateAll((figures) =>
    figures.flatMap((f) => {
      const boxes = [...f.querySelectorAll('.time-tick')].map((t) => ({ text: t.textContent ?? '', r: t.getBoundingClientRect() }));
      const out: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i].r, boxes[j].r];
          if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.push(`${f.getAttribute('data-key')}: "${boxes[i].text}" and "${boxes[j].text}"`);
        }
      return out;
    })
  );
}

describe('Trends by quarter', () => {
  it('draws quarters without data as gaps and the partial quarter as partial, in charts and tables', async () => {
    await page.goto(QUARTERS);
    await chartsDrawn(page);
    const offered = page.locator('figure[data-key="offered"]');
    // One point, hollow: Q4 2026 holds 35 of its 92 days; no point (no zero) for the seven quarters before.
    expect(await offered.locator('.partial-point circle, circle.partial-point').count()).toBe(1);
    expect(await offered.locator('.whole-point circle, circle.whole-point').count()).toBe(0);
    await expect.poll(() => page.locator('.coverage-key').textContent()).toMatch(/Hollow points: the data covers only part of the period \(Q4 2026, partial: 35 of 92 days\)/);
    expect(await page.locator('.coverage-key').textContent()).toMatch(/no data for 7 quarters, Q1 2025 – Q3 2026/);
    const rows = page.locator('.trend-table tbody tr');
    expect(await rows.count()).toBe(8);
    expect(await page.locator('.trend-table tr[data-period="2025-Q3"]').textContent()).toMatch(/no data/);
    expect(await page.locator('.trend-table tr[data-period="2025-Q3"] td[data-key="offered"]').count()).toBe(0);
    expect(await page.locator('.trend-table tr[data-period="2026-Q4"] td.coverage').textContent()).toBe('partial: 35 of 92 days');
    expect(Number(await page.locator('.trend-table tr[data-period="2026-Q4"] td[data-key="offered"]').getAttribute('data-value'))).toBeGreaterThan(5_000);

    // The comparisons: nothing to compare with, said plainly; no "0 → 53,371".
    await expect.poll(() => page.locator('table[data-table="qoq"]').getAttribute('data-basis'), { timeout: 20_000 }).toBe('none');
    expect(await page.locator('.comparison-block[data-basis="none"] .basis').first().textContent()).toBe('2026-Q3 has no data: nothing to compare with.');
    // Q4 2026's own figure beside "no data" for Q4 2025, and no change.
    const yoyOffered = page.locator('table[data-table="yoy"] tr[data-key="offered"] td');
    expect(await yoyOffered.allTextContents()).toEqual([(await page.locator('.trend-table tr[data-period="2026-Q4"] td[data-key="offered"]').textContent())!, 'no data', '–', '']);
    await reviewShot(page, 'trends-quarters-desktop.png', { fullPage: true });
  });

  it.each(Object.entries(RANGES))('never overlaps axis labels at %s, on a desktop and a phone', async (range, path) => {
    if (page.viewportSize()?.width !== DESKTOP.width) {
      await page.goto('about:blank'); // off the last range first: widening it again would only redraw it
      await page.setViewportSize(DESKTOP);
    }
    if (page.url() !== `${app.url}${path}`) await page.goto(path); // 8 quarters: still open from the test above
    await chartsDrawn(page);
    for (const [viewport, size] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      if (viewport === 'phone') {
        await page.setViewportSize(size);
        await redrawn(page);
      }
      expect(await overlapping(page), `${range} on a ${viewport}`).toEqual([]);
      // The latest period is always labelled, and more than one label fits.
      const labels = await page.locator('figure[data-key="offered"] .time-tick').allTextContents();
      expect(labels.length, `${range} on a ${viewport}: ${labels.join(', ')}`).toBeGreaterThan(1);
      // No sideways scroll; if there is, name what sticks out.
      const wide = await page.evaluate((w) => [...document.querySelectorAll('main *')].filter((el) => el.getBoundingClientRect().right > w + 1).slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className}`), size.width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${range} on a ${viewport}: ${wide.join(', ')}`).toBeLessThanOrEqual(size.width);
      if (range === '8 quarters' && viewport === 'phone') await reviewShot(page, 'trends-quarters-phone.png', { fullPage: true });
    }
  });
});
