/**
 * The Settings page's maximum shift length (issue 13.1): an admin reads the 12-hour default, saves
 * another, and sees it kept after a reload and in the API; the section fits a phone.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from './app-server.ts';
import { apiGet, launchBrowser, reviewShot, signedInPage, waitForApp } from './browser.ts';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('lets an admin set the maximum shift length a log-in with no log-off counts', async () => {
  const { context, page } = await signedInPage(browser, app.url, 'admin');
  await page.goto('/settings');
  await waitForApp(page);
  const section = page.locator('section[aria-labelledby="shift-title"]');
  await expect.poll(() => section.getByLabel('Hours').inputValue()).toBe('12');
  await section.getByLabel('Hours').fill('10');
  await section.getByRole('button', { name: 'Save shift length' }).click();
  await expect.poll(() => section.getByRole('status').textContent()).toMatch(/Maximum shift length saved/);
  expect((await apiGet<{ max_shift_s: number }>(page, '/api/settings')).max_shift_s).toBe(36000);
  await reviewShot(section, 'settings-max-shift-desktop.png');

  await page.reload();
  await waitForApp(page);
  await expect.poll(() => page.locator('section[aria-labelledby="shift-title"]').getByLabel('Hours').inputValue()).toBe('10');

  // The same page opened again on a phone (the same user: no second context to start).
  await page.goto('about:blank');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/settings');
  await waitForApp(page);
  const box = page.locator('section[aria-labelledby="shift-title"]');
  await box.scrollIntoViewIfNeeded();
  const width = await box.evaluate((el) => el.getBoundingClientRect().right);
  expect(width).toBeLessThanOrEqual(390);
  await reviewShot(page, 'settings-max-shift-phone.png');
  await context.close();
});
