/**
 * The manager's staffing plan page in Chromium against the built app and five weeks of the demo center:
 * the recommendation and its basis, the chart drawn from the same rows as GET /api/plan, the table,
 * the what-ifs, and the page on a laptop and a phone (no sideways scroll, no axe violation).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './app-server.ts';
import { apiGet, axeViolations, launchBrowser, reviewShot, sidewaysOverflow, signedInPage } from './browser.ts';
import type { PlanResult } from '../../analytics/plan/plan.ts';

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

const drawn = (d: string | null) => !!d && /[ML]/.test(d) && /L|C|H|V/.test(d.slice(1));
const PLAN = '/plan?weeks=26&attrition=0.25';

describe('the staffing plan page', () => {
  it('shows the recommendation, the chart and the weeks of GET /api/plan, and what-ifs side by side', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(PLAN, { waitUntil: 'domcontentloaded', timeout: 120_000 }); // the plan streams in after the page
    await expect.poll(() => page.locator('h1').textContent()).toBe('Staffing plan');
    await expect.poll(() => page.locator('table.plan-weeks tbody tr').count(), { timeout: 60_000 }).toBe(26);
    const api = await apiGet<PlanResult>(page, '/api/plan?weeks=26&attrition=0.25');
    expect(await page.locator('table.plan-weeks tbody tr th').allTextContents()).toEqual(api.rows.map((r) => r.week + (r.specials.length ? r.specials.join(', ') : '')));
    // Each week's calls with their 80% range under them, shown (not a tooltip a phone cannot open).
    const n = (x: number) => Math.round(x).toLocaleString('en-US');
    const calls = page.locator('table.plan-weeks tbody tr td:nth-of-type(1)').first();
    expect(await calls.textContent()).toBe(`${n(api.rows[0].calls_forecast)}80% range ${n(api.rows[0].calls_low)}–${n(api.rows[0].calls_high)}`);
    expect(await calls.locator('.range').isVisible()).toBe(true);
    expect(await page.locator('#rec-title').textContent()).toContain(api.recommendation.hire > 0 ? `Hire ${api.recommendation.hire} by ${api.recommendation.by_date}` : 'No hire needed');
    expect(await page.locator('.reasoning').textContent()).toBe(api.recommendation.text);
    expect(drawn(await page.locator('path.required-line').getAttribute('d'))).toBe(true);
    expect(drawn(await page.locator('path.available-line').getAttribute('d'))).toBe(true);
    expect(await page.locator('tr[data-scenario]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-scenario')))).toEqual([
      'sl-80-20', 'sl-90-30', 'aht-minus-10', 'new-service', 'attrition-15', 'attrition-25'
    ]);
    // The new service's form shows what the plan used.
    expect(await page.getByLabel('New service: calls a week').getAttribute('placeholder')).toBe(String(api.settings.new_service.calls_per_week));
    expect(await page.getByLabel('From').inputValue()).toBe(api.settings.new_service.from);
    await expect.poll(() => page.getByText('more than 52 weeks are needed to learn the yearly season').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Download .xlsx' }).getAttribute('href')).toBe('/api/plan/xlsx?weeks=26&ramp_weeks=8&attrition=0.25');
    await expect.poll(() => page.locator('table.accuracy tbody tr').count(), { timeout: 60_000 }).toBe(2);
    expect(await page.locator('tr[data-grain="interval"] td').first().textContent()).toMatch(/^\d+(\.\d)?%$/);
    expect(await axeViolations(page)).toEqual([]);
    await reviewShot(page, 'plan-1366.png', { fullPage: true });
  }, 120_000);

  it('fits a phone: no sideways scroll', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(PLAN, { waitUntil: 'domcontentloaded', timeout: 120_000 }); // the plan streams in after the page
    await expect.poll(() => page.locator('table.plan-weeks tbody tr').count(), { timeout: 60_000 }).toBe(26);
    expect(await sidewaysOverflow(page)).toBe(0);
    // All five columns of the weeks show without scrolling their box, the calls' range with them.
    expect(await page.locator('table.plan-weeks').evaluate((t) => t.parentElement!.scrollWidth <= t.parentElement!.clientWidth)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await reviewShot(page, 'plan-390.png', { fullPage: true });
  }, 120_000);

  it('the new-service what-if takes its size from the form and keeps the other choices', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(PLAN, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await expect.poll(() => page.locator('tr[data-scenario="new-service"]').count(), { timeout: 60_000 }).toBe(1);
    await page.getByLabel('New service: calls a week').fill('600');
    await page.getByLabel('Handle time (s)').fill('420');
    await page.getByRole('button', { name: 'Try' }).click();
    await expect.poll(() => page.locator('tr[data-scenario="new-service"] th').textContent(), { timeout: 60_000 }).toContain('+600 calls a week at 7:00');
    expect(new URL(page.url()).searchParams.get('attrition')).toBe('0.25');
    expect(await page.getByRole('link', { name: 'Download .xlsx' }).getAttribute('href')).toContain('new_calls=600');
  }, 120_000);

  it('names a bad choice instead of failing', async () => {
    await page.goto('/plan?weeks=500');
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 }).toBe('weeks "500" must be a whole number from 1 to 104');
  }, 60_000);
});
