// The live floor in a browser: the wallboard role opens /live only; a queue_log written relative to
// now is loaded while the board is open and the board shows it without a reload (the stream's
// snapshot); the board fits 1920×1080 without scrolling and 390 px without sideways scrolling; it
// says "Stale" when the server goes away. Also the rep page's states table (issue 14.5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO, startApp, type RunningApp } from './app-server.ts';
import { apiGet, documentSize, launchBrowser, reviewShot, signedInPage } from './browser.ts';

let app: RunningApp;
let browser: Browser;
let board: Page;
let lead: Page;

let t = 0;
const line = (ago: number, rest: string) => `${t - ago}|${rest}`;

async function upload(page: Page, name: string, lines: string[]) {
  const res = await page.request.post('/api/imports', {
    headers: { origin: app.url },
    multipart: { file: { name, mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n') + '\n') } }
  });
  expect(res.status(), await res.text()).toBeLessThan(300);
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  ({ page: board } = await signedInPage(browser, app.url, 'wallboard', { width: 1920, height: 1080 }));
  await board.goto('/'); // home: the test checks it is /live
  ({ page: lead } = await signedInPage(browser, app.url, 'lead'));
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('/live', () => {
  it('is the wallboard\'s home and the only page it may open', async () => {
    expect(new URL(board.url()).pathname).toBe('/live');
    await expect.poll(() => board.locator('h1').textContent()).toBe('Live floor');
    for (const path of ['/day', '/reps', '/settings']) {
      const res = await board.request.get(path);
      expect(res.status(), path).toBe(403);
    }
    expect((await board.request.get('/api/reps')).status()).toBe(403);
  });

  it('shows a load made while it is open, without a reload, within seconds', async () => {
    await board.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await board.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const waiting = board.locator('[data-queue="billing"] [data-figure="waiting"]');
    await expect.poll(() => waiting.textContent()).toBe('0');
    const started = Date.now();
    t = Math.floor(started / 1000);
    await upload(lead, 'queue_log', [
      line(3600, 'NONE|billing|PJSIP/7901|ADDMEMBER|'),
      line(3600, 'NONE|billing|PJSIP/7902|ADDMEMBER|'),
      line(3600, 'NONE|pickups|PJSIP/7902|ADDMEMBER|'),
      line(600, 'NONE|billing|PJSIP/7902|PAUSE|Lunch'),
      line(600, 'NONE|pickups|PJSIP/7902|PAUSE|Lunch'),
      line(130, 'w1|billing|NONE|ENTERQUEUE||3125550901|1'),
      line(20, 'w2|billing|NONE|ENTERQUEUE||3125550902|2')
    ]);
    await expect.poll(() => waiting.textContent(), { timeout: 10_000 }).toBe('2');
    const seenAfterMs = Date.now() - started;
    expect(await board.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(Number(await board.locator('.board').getAttribute('data-updates'))).toBeGreaterThan(0);
    // 130 s and counting: over 2 minutes and nobody available (7901 is available, so: the wait).
    const billing = board.locator('[data-queue="billing"]');
    await expect.poll(() => billing.getAttribute('data-level')).toBe('act');
    await expect.poll(() => billing.locator('.level').textContent()).toMatch(/Act now.*waited over 2 min/);
    expect(await billing.locator('[data-figure="available"]').textContent()).toBe('1');
    expect(await billing.locator('[data-figure="paused"]').textContent()).toBe('1');
    const paused = board.locator('[data-rep="pjsip-7902"]');
    await expect.poll(() => paused.textContent()).toMatch(/Paused: Lunch\s*1[01]:\d\d/);
    console.log(`live board showed the upload ${seenAfterMs} ms after it was sent`);
  });

  it('fits 1920×1080 without scrolling and 390 px without sideways scrolling', async () => {
    const size = () => documentSize(board);
    await reviewShot(board, 'live-1920x1080.png', { fullPage: true });
    const big = await size();
    expect(big.h).toBeLessThanOrEqual(big.vh);
    expect(big.w).toBeLessThanOrEqual(big.vw);
    await board.setViewportSize({ width: 390, height: 844 });
    const phone = await size();
    expect(phone.w).toBeLessThanOrEqual(phone.vw);
    await reviewShot(board, 'live-390.png', { fullPage: true });
    await board.setViewportSize({ width: 1920, height: 1080 });
  });
});

describe('the rep page', () => {
  it('shows the day\'s time logged in by state, with pauses by reason', async () => {
    const { reps } = await apiGet<{ reps: { id: string }[] }>(lead, '/api/reps');
    await lead.goto(`/reps/${reps[0].id}?period=day&date=${DEMO.day}`);
    const table = lead.locator('table.states');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    const row = await table.locator('tbody tr').first().textContent();
    expect(row).toContain(DEMO.day);
    expect(row).toMatch(/(Lunch|Break|Training) .*\(\d+×\)/);
    await reviewShot(lead, 'rep-states-1366.png', { fullPage: true });
    await lead.setViewportSize({ width: 390, height: 844 });
    expect(await lead.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    // Scrolled to for the screenshot only (scrollIntoViewIfNeeded waits for the heading to hold still
    // two frames running; a CI run once waited 30 s for that on a loaded machine).
    await lead.locator('#states-heading').evaluate((h) => h.scrollIntoView());
    await reviewShot(lead, 'rep-states-390.png');
  });
});

describe('when the server goes away', () => {
  it('the board says it is stale', async () => {
    await app.stop();
    await expect.poll(() => board.locator('.board').getAttribute('data-feed'), { timeout: 15_000 }).toBe('stale');
    await expect.poll(() => board.getByRole('status').textContent()).toMatch(/Stale.*Not updating/);
    await reviewShot(board, 'live-stale-1920x1080.png');
  });
});
