/**
 * The planning inputs in Chromium against the built app and the demo center (app/test's harness): a
 * scheduler plans a holiday, adjusts the forecast, changes the staffing target (Coverage page), adds
 * time off and changes a rep's profile (Schedule page). Each form saves through the API, shows what
 * the API refused, and the page's data comes back with the change (api-action.svelte.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Database } from '../../../sql/db.ts';
import { setupFromHistory } from '../../../analytics/schedule-history.ts';
import { DEMO, seedDemoCenter, startApp, type RunningApp } from '../../test/app-server.ts';
import { apiGet, launchBrowser, signedInPage, waitForApp } from '../../test/browser.ts';
import { applySetup } from '../../server/schedules.ts';

/** The Monday after the demo data ends. */
const WEEK = '2026-11-30';

let app: RunningApp;
let browser: Browser;
let page: Page;

async function seed(db: Database): Promise<void> {
  await seedDemoCenter(db);
  await applySetup(db, { id: null, username: 'test' }, await setupFromHistory(db, { before: '2026-11-25', timeZone: DEMO.timeZone }));
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ seed }), launchBrowser()]);
  ({ page } = await signedInPage(browser, app.url, 'scheduler'));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The form whose submit button has this name. */
const formWith = (button: string): Locator => page.locator('form', { has: page.getByRole('button', { name: button, exact: true }) });
/** A select by its label's text (a select's accessible name also holds its options). */
const selectIn = (form: Locator, label: string): Locator => form.locator('label', { hasText: label }).locator('select');
const alertAfter = (form: Locator): Locator => form.locator('xpath=following-sibling::p[@role="alert"][1]');

describe('planning forms', () => {
  it('plans a holiday, adjusts the forecast and saves the target on the Coverage page', async () => {
    await page.goto(`/coverage?week=${WEEK}`);
    await waitForApp(page);

    const holiday = formWith('Plan the day');
    await holiday.getByLabel('Date', { exact: true }).fill('2026-12-03');
    await holiday.getByLabel('Name', { exact: true }).fill('Founders day');
    await holiday.getByRole('button', { name: 'Plan the day' }).click();
    const planned = page.getByRole('listitem').filter({ hasText: 'Founders day' });
    await expect.poll(() => planned.count()).toBe(1);
    expect(await planned.textContent()).toContain('closed');
    await expect.poll(() => holiday.getByLabel('Name', { exact: true }).inputValue()).toBe('');

    const adjust = formWith('Adjust');
    await adjust.getByLabel('Date', { exact: true }).fill('2026-12-02');
    await adjust.getByLabel('From', { exact: true }).fill('12:00');
    await adjust.getByLabel('To', { exact: true }).fill('09:00');
    await adjust.getByLabel('Reason', { exact: true }).fill('Bills mailed');
    await adjust.getByRole('button', { name: 'Adjust' }).click();
    await expect.poll(() => alertAfter(adjust).textContent()).toBe('to_minute must be after from_minute');
    await adjust.getByLabel('To', { exact: true }).fill('15:00');
    await adjust.getByRole('button', { name: 'Adjust' }).click();
    const adjusted = page.getByRole('listitem').filter({ hasText: 'Bills mailed' });
    await expect.poll(() => adjusted.count()).toBe(1);
    expect(await alertAfter(adjust).count()).toBe(0);
    expect(await adjusted.textContent()).toContain('12:00–15:00');
    await adjusted.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => adjusted.count()).toBe(0);

    const target = formWith('Save target');
    await target.getByLabel('Shrinkage %').fill('33');
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
    await timeOff.getByLabel('From', { exact: true }).fill('15:00');
    await timeOff.getByLabel('To', { exact: true }).fill('12:00');
    await timeOff.getByLabel('Reason', { exact: true }).fill('Dentist');
    await timeOff.getByRole('button', { name: 'Add time off' }).click();
    await expect.poll(() => alertAfter(timeOff).textContent()).toBe('time off ends before it starts');
    await timeOff.getByLabel('From', { exact: true }).fill('10:00');
    await timeOff.getByRole('button', { name: 'Add time off' }).click();
    const entry = page.getByRole('listitem').filter({ hasText: 'Dentist' });
    await expect.poll(() => entry.count()).toBe(1);
    expect(await entry.textContent()).toContain(`${rep}, 2026-12-01 10:00–12:00`);

    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: rep, exact: true }) });
    await row.getByRole('button', { name: 'Edit' }).click();
    const profile = formWith('Save');
    await profile.getByLabel('Most days').fill('4');
    await profile.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => profile.count()).toBe(0);
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('≤ 4');

    await entry.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => entry.count()).toBe(0);
  });
});
