// Callers turned away on the day view, and an admin taking a call out of every figure on /calls and
// counting it again, in the built app on the demo center with a few refusals loaded on top
// (JOINEMPTY twice at lunch, FULL once in the morning of DEMO.day).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ingestFile } from '../../ingest/load.ts';
import { DEMO, startApp, type RunningApp } from './app-server.ts';
import { apiGet, launchBrowser, reviewShot, signedInPage, signInAgain, waitForApp } from './browser.ts';

/** Local wall-clock time on DEMO.day (CST, UTC−6 in late November) as a Unix epoch. */
const at = (hhmm: string) => Date.parse(`${DEMO.day}T${hhmm}:00-06:00`) / 1000;
const REFUSALS = [
  `${at('09:40')}|${at('09:40')}.901|billing|NONE|FULL`,
  `${at('12:05')}|${at('12:05')}.902|billing|NONE|JOINEMPTY`,
  `${at('12:10')}|${at('12:10')}.903|billing|NONE|JOINEMPTY`
].join('\n') + '\n';

let app: RunningApp;
let browser: Browser;
/** One page for the file, signed in as each user in turn (signInAgain): a context each costs Chromium a second. */
let page: Page;
const dir = mkdtempSync(join(tmpdir(), 'callboard-refusals-'));

beforeAll(async () => {
  const file = join(dir, 'refusals.queue_log');
  writeFileSync(file, REFUSALS);
  [app, browser] = await Promise.all([
    startApp({
      addToDemo: async (db) => {
        await ingestFile(db, file, { timeZone: DEMO.timeZone });
      }
    }),
    launchBrowser()
  ]);
  ({ page } = await signedInPage(browser, app.url, 'lead'));
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Row { offered: number; blocked: number; lost: number }
const dayRow = async (page: Parameters<typeof apiGet>[0]) =>
  (await apiGet<{ rows: Row[] }>(page, `/api/metrics?from=${DEMO.day}&to=${DEMO.day}&by=day`)).rows[0];

it('shows on the day when callers were turned away, and why', async () => {
  for (const viewport of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
    await signInAgain(page, app.url, 'lead', viewport);
    await page.goto(`/day?date=${DEMO.day}`);
    const panel = page.locator('section[aria-labelledby="turned-away-title"]');
    await expect.poll(() => panel.locator('p').first().textContent()).toMatch(/3 callers were turned away/);
    const cells = await panel.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...(tr as HTMLTableRowElement).cells].slice(0, 4).map((td) => td.textContent?.trim()))
    );
    // 09:40 FULL: the queue was full; 12:05 and 12:10 JOINEMPTY: nobody available
    expect(cells).toEqual([['09:30', 'Utility billing', '0', '1'], ['12:00', 'Utility billing', '2', '0']]);
    expect((await dayRow(page)).blocked).toBe(3);
    // (the day view's own width at 390 px is another matter; this panel keeps its table in its box)
    expect(await panel.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await panel.scrollIntoViewIfNeeded();
    await reviewShot(page, `day-turned-away-${viewport.width}.png`);
  }
});

it('lets an admin take a call out of every figure with a reason, marks it, and counts it again', async () => {
  await signInAgain(page, app.url, 'admin');
  const found = await apiGet<{ calls: { id: string; callid: string }[] }>(page, `/api/calls?from=${DEMO.day}&to=${DEMO.day}&outcome=blocked`);
  const id = found.calls.find((c) => c.callid.endsWith('.902'))!.id;
  const before = await dayRow(page);

  await page.goto(`/calls?call=${id}`);
  await waitForApp(page);
  await expect.poll(() => page.locator('.detail dd').nth(1).textContent()).toBe('Turned away');
  await page.getByText('Take this call out of every figure…').click();
  await page.getByLabel(/Why\?/).fill('Test call: IT logged everyone out to check the lunch message');
  await page.getByRole('button', { name: 'Exclude from the figures' }).click();
  const banner = page.locator('.notice.excluded');
  await expect.poll(async () => (await banner.textContent())?.replace(/\s+/g, ' ')).toMatch(/Excluded from every figure by admin on .*IT logged everyone out/);
  expect(await dayRow(page)).toMatchObject({ offered: before.offered - 1, blocked: before.blocked - 1, lost: before.lost - 1 });
  await expect.poll(() => page.locator('.excluded-list summary').textContent()).toBe('1 call taken out of every figure');
  await reviewShot(page, 'calls-excluded-1366.png', { fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await banner.scrollIntoViewIfNeeded();
  await reviewShot(page, 'calls-excluded-390.png');
  await page.setViewportSize({ width: 1366, height: 900 });

  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/calls/${id}/exclusion`) && r.request().method() === 'DELETE'),
    page.getByRole('button', { name: 'Count it again' }).click()
  ]);
  expect(answer.status(), await answer.text()).toBe(200);
  await expect.poll(() => banner.count()).toBe(0);
  expect(await dayRow(page)).toEqual(before);

  // A lead sees the call but cannot exclude it.
  await signInAgain(page, app.url, 'lead');
  await page.goto(`/calls?call=${id}`);
  await expect.poll(() => page.locator('#call-heading').textContent()).toMatch(`Call ${id}`);
  expect(await page.getByText('Take this call out of every figure…').count()).toBe(0);
});
