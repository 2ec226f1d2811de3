/**
 * The app shell in a real browser: sign-in, each role's home, the navigation a role sees, the page
 * gate (sign-in redirect with the way back, 403 for the wrong role) and signing out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './app-server.ts';
import { apiGet, launchBrowser, reviewShot, signedInPage, signIn, waitForApp } from './browser.ts';

let app: RunningApp;
let browser: Browser;
/** A visitor's page, in one context for the file: signing in again and again costs a context each no more. */
let visitor: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  visitor = await (await browser.newContext({ baseURL: app.url })).newPage();
});

/**
 * The visitor signed out again (no cookie: the session is the only state the app keeps in a browser),
 * so the app's scripts are fetched and compiled once for the file, not in a new context per sign-in.
 */
async function signedOut(): Promise<Page> {
  await visitor.context().clearCookies();
  return visitor;
}

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('signing in', () => {
  it('sends a visitor to /login with the way back, and back there after signing in', async () => {
    const page = await signedOut();
    await page.goto('/imports?run=1');
    expect(new URL(page.url()).pathname).toBe('/login');
    await waitForApp(page);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/imports?run=1');

    await page.getByLabel('User name').fill('lead');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/password|sign/i);
    expect(new URL(page.url()).pathname).toBe('/login');

    await page.getByLabel('Password').fill('demo-lead-pass');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/imports');
    expect(new URL(page.url()).search).toBe('?run=1');
  });

  it.each([
    ['lead', '/day'],
    ['manager', '/trends'],
    ['scheduler', '/coverage'],
    ['admin', '/settings']
  ] as const)('takes a %s home to %s', async (role, home) => {
    const page = await signedOut();
    await signIn(page, role);
    expect(new URL(page.url()).pathname).toBe(home);
  });

  it("takes a rep to their own page, and shows them nothing else", async () => {
    const page = await signedOut();
    await signIn(page, 'rep');
    expect(new URL(page.url()).pathname).toMatch(/^\/reps\/[a-z0-9-]+$/);
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(nav).toEqual(['My figures']);
  });
});

describe('the page gate', () => {
  it('refuses a rep the settings page with a 403 page', async () => {
    const { context, page } = await signedInPage(browser, app.url, 'rep');
    const res = await page.goto('/settings');
    expect(res?.status()).toBe(403);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/rep role may not open \/settings/);
    // The API refuses it too, whatever the page shows.
    expect((await page.request.get('/api/settings')).status()).toBe(403);
    await context.close();
  });

  it("refuses a rep another rep's page", async () => {
    const { context, page } = await signedInPage(browser, app.url, 'rep');
    const res = await page.goto('/reps/someone-else');
    expect(res?.status()).toBe(403);
    await context.close();
  });

  it('sends a hostile `next` home after signing in, and shows a refused page framed by nothing, cached by nobody', async () => {
    for (const next of ['/%09/evil.example', '%2F%2Fevil.example', '/%5Cevil.example', 'javascript:alert(1)']) {
      const page = await signedOut();
      await page.goto(`/login?next=${next}`);
      await waitForApp(page);
      await page.getByLabel('User name').fill('lead');
      await page.getByLabel('Password').fill('demo-lead-pass');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((u) => u.pathname === '/day');
      expect(new URL(page.url()).origin, next).toBe(app.url);
    }
    const { context, page } = await signedInPage(browser, app.url, 'rep');
    const refused = await page.goto('/%63alls');
    expect(refused?.status()).toBe(403);
    expect(refused?.headers()['x-frame-options']).toBe('DENY');
    expect(refused?.headers()['cache-control']).toBe('no-store');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/rep role may not open \/calls/);
    await reviewShot(page, 'page-gate-refused-desktop.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await reviewShot(page, 'page-gate-refused-phone.png');
    await context.close();
  });

  it('shows a lead only the pages a lead may open, with the current one marked, and signs out', async () => {
    const { context, page } = await signedInPage(browser, app.url, 'lead');
    await page.goto('/day');
    await waitForApp(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    const labels = await nav.getByRole('link').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['Day', 'Reps', 'Calls', 'Imports']));
    expect(labels).not.toContain('Settings');
    expect(await nav.getByRole('link', { name: 'Day' }).getAttribute('aria-current')).toBe('page');

    // Keyboard: the first Tab reaches the skip link, which moves focus to the content.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect.poll(() => skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');

    // On a phone: two rows (name and who; the links, one row that scrolls), the current page's link in view.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/imports');
    await waitForApp(page);
    expect((await page.locator('header.app-header').boundingBox())!.height).toBeLessThan(110);
    const current = (await nav.getByRole('link', { name: 'Imports' }).boundingBox())!;
    expect(current.x).toBeGreaterThanOrEqual(0);
    expect(current.x + current.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await reviewShot(page, 'shell-lead-phone.png');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await page.goto('/day');
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });
});

describe('the Settings page', () => {
  it("lets an admin change a queue's threshold and hours and rename a rep, each kept after a reload", async () => {
    const { context, page } = await signedInPage(browser, app.url, 'admin');
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/settings');
    await waitForApp(page);
    const billing = page.locator('form[data-queue="billing"]');
    await billing.getByLabel('Service level within (s)').fill('30');
    await billing.getByLabel('Saturday').fill('08:00-13:00');
    await billing.getByRole('button', { name: 'Save billing' }).click();
    await expect.poll(() => billing.getByRole('status').textContent()).toMatch(/Queue billing saved/);

    const { queues, roster } = await apiGet<{ queues: { queue: string; sl_threshold_s: number; hours: { weekday: number; open_minute: number; close_minute: number }[] }[]; roster: { interface: string; name: string }[] }>(page, '/api/settings');
    const saved = queues.find((q) => q.queue === 'billing')!;
    expect(saved.sl_threshold_s).toBe(30);
    expect(saved.hours.filter((h) => h.weekday === 6)).toEqual([{ weekday: 6, open_minute: 480, close_minute: 780 }]);

    const person = roster[0];
    const row = page.locator(`tr[data-interface="${person.interface}"]`);
    await row.getByLabel(`Name for ${person.interface}`).fill(`${person.name} Jr.`);
    await row.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.getByRole('status').textContent()).toMatch(/saved/);

    await page.reload();
    await expect.poll(() => page.locator('form[data-queue="billing"]').getByLabel('Service level within (s)').inputValue()).toBe('30');
    expect(await page.locator('form[data-queue="billing"]').getByLabel('Saturday').inputValue()).toBe('08:00-13:00');
    expect(await page.locator(`tr[data-interface="${person.interface}"]`).getByLabel(`Name for ${person.interface}`).inputValue()).toBe(`${person.name} Jr.`);

    // Every change is in the audit log with what it was before.
    const { records } = await apiGet<{ records: { entity: string; before: { sl_threshold_s?: number } | null }[] }>(page, '/api/audit?entity=queue_settings');
    expect(records[0].before?.sl_threshold_s).toBe(20);
    await context.close();
  });

  it('names the problem with bad opening hours and saves nothing', async () => {
    const { context, page } = await signedInPage(browser, app.url, 'admin');
    await page.goto('/settings');
    await waitForApp(page);
    const billing = page.locator('form[data-queue="billing"]');
    await billing.getByLabel('Monday').fill('19:00-07:00');
    await billing.getByRole('button', { name: 'Save billing' }).click();
    await expect.poll(() => billing.getByRole('status').textContent()).toMatch(/Monday: 19:00-07:00 closes before it opens/);
    await context.close();
  });
});
