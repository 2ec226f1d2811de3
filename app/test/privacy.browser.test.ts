// Callers' numbers on the call page of the built app (demo center): a manager sees the last 4 digits
// and is told why; a lead sees the number whole; an admin erases it everywhere with the page's button,
// after which the call is one from a withheld number. Screenshots at 1366 and 390 px.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO, startApp, type RunningApp } from './app-server.ts';
import { apiGet, launchBrowser, reviewShot, sidewaysOverflow, signedInPage, signInAgain, waitForApp } from './browser.ts';

let app: RunningApp;
let browser: Browser;
let callId: string;
let number: string;
let page: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  ({ page } = await signedInPage(browser, app.url, 'lead')); // one page for the file, signed in as each user in turn (signInAgain)
  const { calls } = await apiGet<{ calls: { id: string; caller: string | null; outcome: string }[] }>(page, `/api/calls?from=${DEMO.day}&to=${DEMO.day}&outcome=answered&limit=50`);
  const call = calls.find((c) => c.caller && c.caller.replace(/\D/g, '').length >= 10)!;
  ({ id: callId } = call);
  number = call.caller!;
}, 420_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const PHONE = { width: 390, height: 844 };
const last4 = () => number.replace(/\D/g, '').slice(-4);

it('shows a manager the last 4 digits of the caller\'s number, nowhere the whole number', async () => {
  for (const viewport of [undefined, PHONE]) {
    await signInAgain(page, app.url, 'manager', viewport);
    await page.goto(`/calls?call=${callId}`);
    const heading = page.locator('#call-heading');
    await expect.poll(() => heading.textContent()).toContain(`•••-•••-${last4()}`);
    await expect.poll(() => page.locator('p.masked').textContent()).toMatch(/seen whole by leads and admins only/);
    const html = await page.content();
    expect(html).not.toContain(number);
    expect(html).not.toContain(number.replace(/\D/g, '').slice(-10));
    expect(await page.getByText('Erase this caller’s number everywhere…').count()).toBe(0);
    // The Calls list above the call is wider than a phone: it scrolls in its panel, the page does not.
    if (viewport) expect(await sidewaysOverflow(page)).toBe(0);
    await reviewShot(page, `privacy-call-manager${viewport ? '-phone' : ''}.png`, { fullPage: true });
    if (!viewport) await reviewShot(page.locator('section.detail'), 'privacy-call-manager-detail.png');
  }
}, 240_000);

it('shows a lead the whole number (no erase button), and an admin erases it everywhere', async () => {
  await signInAgain(page, app.url, 'lead');
  await page.goto(`/calls?call=${callId}`);
  await expect.poll(() => page.locator('#call-heading').textContent()).toContain(number);
  expect(await page.getByText('Erase this caller’s number everywhere…').count()).toBe(0);
  await reviewShot(page, 'privacy-call-lead.png', { fullPage: true });
  await reviewShot(page.locator('section.detail'), 'privacy-call-lead-detail.png');

  await signInAgain(page, app.url, 'admin');
  await page.goto(`/calls?call=${callId}`);
  await waitForApp(page);
  await expect.poll(() => page.locator('#call-heading').textContent()).toContain(number);
  await page.getByText('Erase this caller’s number everywhere…').click();
  await reviewShot(page.locator('section.detail'), 'privacy-call-admin-erase.png');
  const erase = page.getByRole('button', { name: 'Erase the number' });
  expect(await erase.isDisabled()).toBe(true);
  await page.getByLabel(/The caller asked for this/).check();
  await erase.click();
  await expect.poll(() => page.locator('p.notice[role="status"]').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^Erased •••-•••-${last4()} from \\d+ rows`));
  await expect.poll(() => page.locator('#call-heading').textContent()).toContain('a withheld number');
  await reviewShot(page.locator('section.detail'), 'privacy-call-admin-erased.png');
  const { calls } = await apiGet<{ calls: unknown[] }>(page, `/api/calls?caller=${encodeURIComponent(number)}`);
  expect(calls).toEqual([]);
  await page.goto('/settings');
  await expect.poll(() => page.locator('#privacy-title').textContent()).toBe('Privacy');
  await page.locator('#privacy-title').scrollIntoViewIfNeeded();
  await reviewShot(page, 'privacy-settings.png');
}, 240_000);
