/**
 * The Schedule page in Chromium against the built app and the demo center (app/test's harness): a
 * scheduler changes one shift in the editor and sees the gap heatmap and the projected service level
 * move; the running server optimises (its worker thread) and the week is published; the Coverage page
 * shows the forecast next to its backtest error; the planning forms (holidays, forecast adjustments, the
 * staffing target, time off, rep profiles) save, refuse and show their changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Database } from '../../../sql/db.ts';
import { setupFromHistory } from '../../../analytics/schedule-history.ts';
import { DEMO, seedDemoCenter, startApp, type RunningApp } from '../../test/app-server.ts';
import { apiGet, launchBrowser, screenshotPath, signedInPage, waitForApp } from '../../test/browser.ts';
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

/** The form whose submit button has this name. */
const formWith = (button: string): Locator => page.locator('form', { has: page.getByRole('button', { name: button, exact: true }) });
/** A select by its label's text (a select's accessible name also holds its options). */
const selectIn = (form: Locator, label: string): Locator => form.locator('label', { hasText: label }).locator('select');
/** Fills the form's fields by their exact labels. */
async function fillIn(form: Locator, values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values)) await form.getByLabel(label, { exact: true }).fill(value);
}
const alertAfter = (form: Locator): Locator => form.locator('xpath=following-sibling::p[@role="alert"][1]');
/** Submits the form, sees the API's refusal under it, corrects the fields in `fix` and submits again. */
async function refusedThenSent(form: Locator, button: string, refusal: string, fix: Record<string, string>): Promise<void> {
  await form.getByRole('button', { name: button }).click();
  await expect.poll(() => alertAfter(form).textContent()).toBe(refusal);
  await fillIn(form, fix);
  await form.getByRole('button', { name: button }).click();
}

describe('the planning forms', () => {
  // Each form saves through the API, shows what the API refused, and the page's data comes back with
  // the change (app/lib/api-action.svelte.ts).
  it('plans a holiday, adjusts the forecast and saves the target on the Coverage page', async () => {
    await page.goto(`/coverage?week=${WEEK}`);
    await waitForApp(page);

    const holiday = formWith('Plan the day');
    await fillIn(holiday, { Date: '2026-12-03', Name: 'Founders day' });
    await holiday.getByRole('button', { name: 'Plan the day' }).click();
    const planned = page.getByRole('listitem').filter({ hasText: 'Founders day' });
    await expect.poll(() => planned.count()).toBe(1);
    expect(await planned.textContent()).toContain('closed');
    await expect.poll(() => holiday.getByLabel('Name', { exact: true }).inputValue()).toBe('');

    const adjust = formWith('Adjust');
    await fillIn(adjust, { Date: '2026-12-02', From: '12:00', To: '09:00', Reason: 'Bills mailed' });
    await refusedThenSent(adjust, 'Adjust', 'to_minute must be after from_minute', { To: '15:00' });
    const adjusted = page.getByRole('listitem').filter({ hasText: 'Bills mailed' });
    await expect.poll(() => adjusted.count()).toBe(1);
    expect(await alertAfter(adjust).count()).toBe(0);
    expect(await adjusted.textContent()).toContain('12:00–15:00');
    await adjusted.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => adjusted.count()).toBe(0);

    const target = formWith('Save target');
    await fillIn(target, { 'Shrinkage %': '33' });
    await target.getByRole('button', { name: 'Save target' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(1);
    const { targets } = (await apiGet(page, '/api/coverage/targets')) as { targets: Array<{ queue: string; shrinkage: number }> };
    expect(targets.find((t) => t.queue === '*')?.shrinkage).toBe(0.33);

    await planned.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => planned.count()).toBe(0);
  });

  it('adds time off and changes a rep profile on the Schedule page', async () => {
    await page.goto(`/schedule?week=${WEEK}`);
    await waitForApp(page);

    const timeOff = formWith('Add time off');
    const rep = (await selectIn(timeOff, 'Rep').locator('option:not([disabled])').first().textContent())!;
    await selectIn(timeOff, 'Rep').selectOption({ label: rep });
    await selectIn(timeOff, 'Date').selectOption('2026-12-01');
    await timeOff.getByLabel('Whole day').uncheck();
    await fillIn(timeOff, { From: '15:00', To: '12:00', Reason: 'Dentist' });
    await refusedThenSent(timeOff, 'Add time off', 'time off ends before it starts', { From: '10:00' });
    const entry = page.getByRole('listitem').filter({ hasText: 'Dentist' });
    await expect.poll(() => entry.count()).toBe(1);
    expect(await entry.textContent()).toContain(`${rep}, 2026-12-01 10:00–12:00`);

    const plans = page.getByRole('region', { name: 'Reps and shift types' });
    const row = plans.getByRole('row').filter({ has: page.getByRole('rowheader', { name: rep, exact: true }) });
    await row.getByRole('button', { name: 'Edit' }).click();
    const profile = formWith('Save');
    await fillIn(profile, { 'Most days': '4' });
    await profile.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => profile.count()).toBe(0);
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('≤ 4');

    await entry.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => entry.count()).toBe(0);
  });
});
