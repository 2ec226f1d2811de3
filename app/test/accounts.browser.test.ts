/**
 * Issue 13.10 in Chromium: the admin's accounts page (list, add, change a role, reset a password,
 * disable, each in the audit log under it) and a rep's own published shifts on their page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays, mondayOf } from '../../analytics/roster/schedule-model.ts';
import { todayIn } from '../lib/reps/period.ts';
import { DEMO, startApp, type RunningApp } from './app-server.ts';
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

interface Account {
  id: number;
  username: string;
  role: string;
  disabled: boolean;
}

const signInStatus = (username: string, password: string) =>
  fetch(`${app.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: app.url }, body: JSON.stringify({ username, password }) }).then((r) => r.status);

describe('the accounts page', () => {
  let page: Page;
  const row = (name: string) => page.locator(`tr[data-account="${name}"]`);

  beforeAll(async () => {
    ({ page } = await signedInPage(browser, app.url, 'admin'));
  });

  it('lists every account and is reached from Settings', async () => {
    await page.goto('/settings');
    await page.getByRole('link', { name: /Accounts/ }).first().click();
    await page.waitForURL('**/settings/accounts');
    await waitForApp(page);
    const { users } = await apiGet<{ users: Account[] }>(page, '/api/users');
    await expect.poll(() => page.locator('tr[data-account]').count()).toBe(users.length);
    expect(await row('lead').getAttribute('data-role')).toBe('lead');
    // Every account shows its role, the office TV's too; the nav marks Accounts alone as the page.
    for (const u of users) expect(await page.getByLabel(`Role of ${u.username}`).inputValue(), u.username).toBe(u.role);
    expect(users.map((u) => u.role)).toContain('wallboard');
    expect(await page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]').allTextContents()).toEqual(['Accounts']);
    await reviewShot(page, 'accounts-desktop.png', { fullPage: true });
  });

  it('adds an account, changes its role, resets its password and disables it, each in the audit log', async () => {
    await page.getByLabel('User name', { exact: true }).fill('dana.lead');
    await page.getByLabel('Role', { exact: true }).selectOption('lead');
    await page.getByLabel('First password').fill('first-pass-123');
    await page.getByRole('button', { name: 'Add account' }).click();
    await expect.poll(() => page.getByText('Account dana.lead added.').count()).toBe(1);
    await expect.poll(() => row('dana.lead').getAttribute('data-role')).toBe('lead');
    expect(await signInStatus('dana.lead', 'first-pass-123')).toBe(200);

    await page.getByLabel('Role of dana.lead').selectOption('manager');
    await row('dana.lead').getByRole('button', { name: 'Save role' }).click();
    await expect.poll(() => row('dana.lead').getAttribute('data-role')).toBe('manager');

    await row('dana.lead').getByRole('button', { name: 'Reset password of dana.lead' }).click();
    await page.getByLabel('New password for dana.lead').fill('second-pass-456');
    await row('dana.lead').getByRole('button', { name: 'Set password' }).click();
    await expect.poll(() => row('dana.lead').getByRole('status').textContent()).toMatch(/password is reset/);
    expect(await signInStatus('dana.lead', 'first-pass-123')).toBe(401);
    expect(await signInStatus('dana.lead', 'second-pass-456')).toBe(200);

    await row('dana.lead').getByRole('button', { name: 'Disable dana.lead' }).click();
    await expect.poll(() => row('dana.lead').getAttribute('data-disabled')).toBe('true');
    expect(await signInStatus('dana.lead', 'second-pass-456')).toBe(401);

    const log = page.locator('tr[data-audit]').filter({ hasText: 'dana.lead' });
    await expect.poll(() => log.allTextContents()).toEqual([
      expect.stringMatching(/disabled/),
      expect.stringMatching(/password reset/),
      expect.stringMatching(/role lead → manager/),
      expect.stringMatching(/added as lead/)
    ]);
    await reviewShot(page, 'accounts-after-changes.png', { fullPage: true });
  });

  it('says what is wrong in words a page uses, never a command-line flag', async () => {
    await page.getByLabel('User name', { exact: true }).fill('new.rep');
    await page.getByLabel('Role', { exact: true }).selectOption('rep');
    await page.getByLabel('Member interface', { exact: true }).fill('bad interface!');
    await page.getByLabel('First password').fill('rep-pass-1234');
    await page.getByRole('button', { name: 'Add account' }).click();
    const alert = page.locator('section[aria-labelledby="new-account-title"] [role="alert"]');
    await expect.poll(() => alert.textContent()).toMatch(/member interface such as PJSIP\/7009/);
    expect(await alert.textContent()).not.toMatch(/--/);
  });

  it('is refused to every other role', async () => {
    for (const role of ['manager', 'lead', 'scheduler', 'rep'] as const) {
      const { context, page: other } = await signedInPage(browser, app.url, role);
      const res = await other.goto('/settings/accounts');
      expect(res?.status(), role).toBe(403);
      await context.close();
    }
  });
});

describe("a rep's own shifts", () => {
  it('shows the rep their published shifts of this week and next, not drafts', async () => {
    const thisWeek = mondayOf(todayIn(DEMO.timeZone));
    const nextWeek = addDays(thisWeek, 7);
    const { context: repContext, page: repPage } = await signedInPage(browser, app.url, 'rep');
    await repPage.goto('/'); // a rep's home: their own page
    const repId = new URL(repPage.url()).pathname.split('/').pop()!;
    await expect.poll(() => repPage.locator('#shifts-heading').textContent()).toBe('Your shifts this week and next');
    expect(await repPage.locator('[data-shifts]').getAttribute('data-shifts')).toBe('0');

    // The scheduler puts the rep on Tuesday of both weeks and publishes only next week.
    const { context, page } = await signedInPage(browser, app.url, 'scheduler');
    const send = async (method: 'POST' | 'PUT', path: string, data: object) => {
      const res = await page.request.fetch(path, { method, data, headers: { origin: app.url } });
      if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
      return (await res.json()) as { week: { version: number } };
    };
    for (const week of [thisWeek, nextWeek]) {
      const { week: w } = await apiGet<{ week: { version: number } }>(page, `/api/schedules/weeks/${week}`);
      const after = await send('PUT', `/api/schedules/weeks/${week}/shifts/${repId}/${addDays(week, 1)}`, { template_id: null, start_minute: 450, end_minute: 990, version: w.version });
      if (week === nextWeek) await send('POST', `/api/schedules/weeks/${week}/publish`, { version: after.week.version });
    }
    await context.close();

    await repPage.reload();
    await expect.poll(() => repPage.locator('[data-shifts]').getAttribute('data-shifts')).toBe('1');
    const shift = repPage.locator(`tr[data-date="${addDays(nextWeek, 1)}"]`);
    expect(await shift.locator('td').first().textContent()).toBe('07:30–16:30');
    expect(await repPage.locator(`tr[data-date="${addDays(thisWeek, 1)}"]`).count()).toBe(0); // a draft
    await reviewShot(repPage, 'rep-own-shifts-desktop.png', { fullPage: true });
    await repPage.setViewportSize({ width: 390, height: 844 });
    await reviewShot(repPage, 'rep-own-shifts-phone.png', { fullPage: true });
    await repContext.close();
  });
});
