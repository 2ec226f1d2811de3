/**
 * Records retention on the pages (issue 17.2): the Settings panel (retention per kind, legal holds,
 * a dry-run count) for an admin on a laptop and a phone, and the day view and calls list of days whose
 * calls were purged saying "purged before". The demo's calls before 2026-11-10 are purged first, as
 * the nightly job would on 2027-03-10 with calls kept 120 days.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO, startApp, type RunningApp } from './app-server.ts';
import { apiGet, axeViolations, launchBrowser, reviewShot, sidewaysOverflow, signedInPage, signInAgain, waitForApp } from './browser.ts';
import { addLegalHold, purgeRecords, saveRetention } from '../server/retention.ts';

let app: RunningApp;
let browser: Browser;
/** One page for the file, signed in as each user in turn (signInAgain): a context each costs Chromium a second. */
let page: Page;
const admin = { id: null, username: 'admin' };

beforeAll(async () => {
  [app, browser] = await Promise.all([
    startApp({
      addToDemo: async (db) => {
        // As on 2027-03-10, with the reports of the periods before it built (only its quarter is open).
        const ctx = { timeZone: DEMO.timeZone, clock: () => new Date('2027-03-10T18:00:00Z') };
        await db.run(`INSERT INTO reports (kind, period, period_from, period_to, version, built_at, built_by, time_zone, document) VALUES
          ('quarterly', '2026-Q4', '2026-10-01', '2026-12-31', 1, now(), 'test', 'UTC', '{}'),
          ('monthly', '2027-02', '2027-02-01', '2027-02-28', 1, now(), 'test', 'UTC', '{}'),
          ('weekly', '2027-W09', '2027-03-01', '2027-03-07', 1, now(), 'test', 'UTC', '{}')`);
        await saveRetention(db, admin, { kind: 'calls', amount: 120, unit: 'days' }, ctx);
        await saveRetention(db, admin, { kind: 'audit_log', amount: 2, unit: 'months' }, ctx);
        await addLegalHold(db, admin, { scope: 'caller', caller: '312 555 0199', reason: 'Public records request 2026-114' });
        await addLegalHold(db, admin, { scope: 'dates', from_date: '2026-11-02', to_date: '2026-11-02', reason: 'Claim 88-B (storm day)' });
        const r = await purgeRecords(db, { ...ctx, actor: admin });
        expect(r.before.calls).toBe('2026-11-10');
        expect(r.removed.calls).toBeGreaterThan(1000);
        await db.run(`DELETE FROM reports WHERE built_by = 'test'`);
      }
    }),
    launchBrowser()
  ]);
  ({ page } = await signedInPage(browser, app.url, 'admin'));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('shows retention per kind and the legal holds to an admin, counts a purge, and fits a phone', async () => {
  await page.goto('/settings');
  await waitForApp(page);
  const panel = page.locator('section[aria-labelledby="retention-title"]');
  await expect.poll(() => panel.getByLabel('Call records: keep for').inputValue()).toBe('120');
  await expect.poll(() => panel.textContent()).toMatch(/Purged before 2026-11-10/);
  expect(await panel.textContent()).toMatch(/The calls of caller 312 555 0199: Public records request 2026-114/);
  // A setting shorter than the open quarter is refused, with the reason in the page.
  const notes = panel.locator('form', { has: page.getByText('Feedback notes', { exact: true }) });
  await notes.getByRole('checkbox', { name: 'Forever' }).uncheck();
  await notes.getByLabel('Feedback notes: keep for').fill('3');
  await notes.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => notes.getByRole('status').textContent()).toMatch(/Feedback notes kept 3 days would purge them before .* inside the open .* report period/);
  await panel.getByRole('button', { name: 'Count what would go now' }).click();
  await expect.poll(() => panel.textContent()).toMatch(/A purge now would remove:.*Call records before \d{4}-\d\d-\d\d: 0/s);
  expect(await axeViolations(page)).toEqual([]);
  await reviewShot(panel, 'retention-settings-desktop.png');
  const state = await apiGet<{ holds: unknown[] }>(page, '/api/retention');
  expect(state.holds).toHaveLength(2);

  await signInAgain(page, app.url, 'admin', { width: 390, height: 844 });
  await page.goto('/settings');
  await waitForApp(page);
  const box = page.locator('section[aria-labelledby="retention-title"]');
  await expect.poll(() => box.getByLabel('Call records: keep for').inputValue()).toBe('120');
  expect(await sidewaysOverflow(page)).toBe(0);
  await reviewShot(box, 'retention-settings-phone.png');
});

it('says "purged before" on the day view and the calls list of a purged day, not zero', async () => {
  await signInAgain(page, app.url, 'lead');
  await page.goto('/day?date=2026-11-03');
  await waitForApp(page);
  await expect.poll(() => page.getByRole('note').textContent()).toMatch(/Calls purged before .*November.* 2026 \(records retention\)/);
  // The day's figures still come from the summary.
  const offered = (await apiGet<{ rows: { offered: number }[] }>(page, '/api/metrics?from=2026-11-03&to=2026-11-03')).rows[0].offered;
  expect(offered).toBeGreaterThan(0);
  await reviewShot(page, 'retention-day-purged-desktop.png', { fullPage: false });
  await page.goto('/calls?from=2026-11-01&to=2026-11-12');
  await waitForApp(page);
  await expect.poll(() => page.getByRole('note').textContent()).toMatch(/Calls purged before 2026-11-10 \(records retention\)/);
  await reviewShot(page, 'retention-calls-purged-desktop.png');
  // A rep's week wholly before the purge: the per-call figures are not shown as zeros.
  const { reps } = await apiGet<{ reps: { id: string }[] }>(page, '/api/reps');
  await page.goto(`/reps/${reps[0].id}?period=week&date=2026-11-03`);
  await waitForApp(page);
  await expect.poll(() => page.getByTestId('rep-purged').textContent()).toMatch(/Calls purged before 2026-11-10 .*cannot be shown/s);
  expect(await page.locator('section[aria-labelledby="figures-heading"]').count()).toBe(0); // no figures block of zeros
  // The states from the calls (ringing, on calls, wrap-up, and so available) are gone with them; log-ins and pauses stay.
  const states = page.locator('table.states tbody tr');
  expect(await states.count()).toBeGreaterThan(0);
  expect(await states.locator('[data-purged]').count()).toBe(await states.count());
  await reviewShot(page, 'retention-rep-purged-desktop.png');
});
