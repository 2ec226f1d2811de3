/**
 * The Schedule page in Chromium against the built app and the demo center (app/test's harness): a
 * scheduler changes one shift in the editor and sees the gap heatmap and the projected service level
 * move; the running server optimises (its worker thread) and the week is published; the Coverage page
 * shows the forecast next to its backtest error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../../sql/db.ts';
import { setupFromHistory } from '../../../analytics/schedule-history.ts';
import { DEMO, seedDemoCenter, startApp, type RunningApp } from '../../test/app-server.ts';
import { launchBrowser, screenshotPath, signedInPage } from '../../test/browser.ts';
import { applySetup, draftFromPatterns } from '../../server/schedules.ts';

/** The Monday after the demo data ends (Thanksgiving week's data ends on its Wednesday). */
const WEEK = '2026-11-30';
const REP = 'maria-gonzalez'; // an early full-timer: Mondays 07:00–15:30

let app: RunningApp;
let browser: Browser;
let page: Page;

async function seed(db: Database): Promise<void> {
  await seedDemoCenter(db);
  const actor = { id: null, username: 'test' };
  await applySetup(db, actor, await setupFromHistory(db, { before: '2026-11-25', timeZone: DEMO.timeZone }));
  await draftFromPatterns(db, actor, WEEK);
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ seed }), launchBrowser()]);
  ({ page } = await signedInPage(browser, app.url, 'scheduler'));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const gapAt = (minute: number) => page.locator(`[data-testid="gap-heatmap"] td[data-date="${WEEK}"][data-minute="${minute}"]`);

describe('the Schedule page', () => {
  it('changes a shift in the editor and shows the gaps and projected service level move', async () => {
    await page.goto(`/schedule?week=${WEEK}`);
    const sl = page.getByTestId('projected-sl');
    await expect.poll(() => sl.textContent()).toMatch(/^\d+\.\d%$/);
    const slBefore = (await sl.textContent())!;
    const gapBefore = Number(await gapAt(570).getAttribute('data-gap'));
    const cell = page.locator(`button.cell[data-rep="${REP}"][data-date="${WEEK}"]`);
    expect(await cell.textContent()).toContain('07:00–15:30');

    await cell.click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByLabel('Ends').selectOption({ label: '08:00' });
    await dialog.getByRole('button', { name: 'Save shift' }).click();

    // What the scheduler sees: the shift cut short, the 09:30 interval one rep further behind, the service level lower.
    await expect.poll(() => cell.textContent()).toContain('07:00–08:00');
    await expect.poll(async () => Number(await gapAt(570).getAttribute('data-gap'))).toBeCloseTo(gapBefore - 1, 6);
    await expect.poll(() => sl.textContent()).not.toBe(slBefore);
    expect(parseFloat((await sl.textContent())!)).toBeLessThan(parseFloat(slBefore));
    expect(await dialog.count()).toBe(0);
    await page.screenshot({ path: screenshotPath('schedule-editor.png'), fullPage: true });
  });

  it('optimises in the running server (HiGHS in its worker thread), accepts and publishes', async () => {
    const headers = { origin: app.url, 'content-type': 'application/json' };
    const res = await page.request.post(`/api/schedules/weeks/${WEEK}/optimise`, { headers, data: { time_limit_s: 3 } });
    expect(res.status(), await res.text()).toBe(200);
    const cmp = (await res.json()) as { greedy: { score: { under_hours: number } }; optimised: { proposal_id: number; score: { under_hours: number; problems: string[] } } };
    expect(cmp.optimised.score.problems).toEqual([]);
    expect(cmp.optimised.score.under_hours).toBeLessThanOrEqual(cmp.greedy.score.under_hours + 1e-9);
    expect((await page.request.post(`/api/schedules/weeks/${WEEK}/proposals/${cmp.optimised.proposal_id}/accept`, { headers, data: {} })).status()).toBe(200);
    await page.goto(`/schedule?week=${WEEK}`);
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.locator('h1 + p').textContent()).toMatch(/Published \(version \d+\) by scheduler/);
  });

  it('shows the forecast with its backtest error on the Coverage page', async () => {
    await page.goto(`/coverage?week=${WEEK}`);
    await expect.poll(() => page.getByTestId('wape-day').textContent()).toMatch(/^\d+\.\d%$/);
    expect(await page.getByTestId('wape-interval').textContent()).toMatch(/^\d+\.\d%$/);
    expect(await page.locator('[data-testid="gap-heatmap"] td[data-gap]').count()).toBeGreaterThan(100);
    await page.screenshot({ path: screenshotPath('coverage.png'), fullPage: true });
  });
});
