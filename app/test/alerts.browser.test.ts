// Alerts end to end: an admin sets the rules on Settings (a mistake is named first), the server
// follows a queue_log this test writes as a PBX would (CALLBOARD_FOLLOW), the /live wallboard shows
// the alert once a caller has waited past the rule's threshold and drops it when the caller is
// answered, and the day view lists the episode in its alert log. Screenshots of all three.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO, startApp, type RunningApp } from './app-server.ts';
import { apiGet, documentSize, launchBrowser, reviewShot, sidewaysOverflow, signedInPage } from './browser.ts';

let app: RunningApp;
let browser: Browser;
let admin: Page;
let board: Page;
const dir = mkdtempSync(join(tmpdir(), 'callboard-alerts-browser-'));
const log = join(dir, 'queue_log');
const now = () => Math.floor(Date.now() / 1000);
const write = (line: string) => appendFileSync(log, `${now()}|${line}\n`);

beforeAll(async () => {
  writeFileSync(log, `${now()}|NONE|billing|PJSIP/7811|ADDMEMBER|\n`);
  [app, browser] = await Promise.all([startApp({ env: { CALLBOARD_FOLLOW: log } }), launchBrowser()]);
  [{ page: admin }, { page: board }] = await Promise.all([
    signedInPage(browser, app.url, 'admin'),
    signedInPage(browser, app.url, 'wallboard', { width: 1920, height: 1080 })
  ]);
  await board.goto('/live');
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('an admin sets the rules on Settings; a mistake is named before anything is saved', async () => {
  await admin.goto('/settings');
  await admin.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const form = admin.locator('section[aria-labelledby="alerts-title"]');
  await expect.poll(() => form.locator('[data-suggested]').count()).toBe(1);
  const threshold = form.locator('ol.rules > li').first().locator('input');
  expect(await threshold.inputValue()).toBe('120');
  await threshold.fill('0');
  await form.getByRole('button', { name: 'Save alert rules' }).click();
  await expect.poll(() => form.getByRole('alert').textContent()).toContain('Rule 1: every queue, longest wait over: give a whole number from 1 to 3600 seconds (got 0)');
  await form.scrollIntoViewIfNeeded();
  await reviewShot(admin, 'alerts-settings-error-1366.png', { fullPage: false });
  expect((await apiGet<{ rules: unknown[] }>(admin, '/api/settings/alerts')).rules).toEqual([]);

  await threshold.fill('8');
  await form.getByRole('button', { name: 'Save alert rules' }).click();
  await expect.poll(() => form.getByRole('status').textContent()).toContain('Alert rules saved');
  await expect.poll(() => form.locator('[data-suggested]').count()).toBe(0);
  const { rules } = await apiGet<{ rules: Array<{ queue: string; kind: string; threshold: number | null }> }>(admin, '/api/settings/alerts');
  expect(rules).toContainEqual({ queue: '*', kind: 'longest_wait', threshold: 8 });
  expect(await form.locator('ol.rules > li').first().textContent()).toContain('Fires on: longest wait over 8 s');
  await form.scrollIntoViewIfNeeded();
  await reviewShot(admin, 'alerts-settings-1366.png');
  await admin.setViewportSize({ width: 390, height: 844 });
  await form.scrollIntoViewIfNeeded();
  await reviewShot(admin, 'alerts-settings-390.png');
  // The form itself never runs past the window (the roster table below scrolls inside its own box).
  const wide = await form.evaluate((f) =>
    [f, ...f.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1).slice(0, 3).map((e) => e.outerHTML.slice(0, 120))
  );
  const overflow = await sidewaysOverflow(admin);
  await admin.setViewportSize({ width: 1366, height: 900 });
  expect(wide).toEqual([]);
  expect(overflow).toBe(0);
});

it('the wallboard shows the alert once a caller has waited past it, and drops it when they are answered', async () => {
  await board.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const alerts = board.locator('section.alerts');
  await expect.poll(() => alerts.textContent(), { timeout: 10_000 }).toContain('No alerts firing');
  // The line's own time is whole seconds: the caller entered at that second, up to 1 s before the write.
  const entered = now() * 1000;
  write('a1|billing|NONE|ENTERQUEUE||3125550811|1');
  const alert = alerts.locator('li[data-queue="billing"][data-kind="longest_wait"]');
  await expect.poll(() => alert.count(), { timeout: 30_000 }).toBe(1);
  const shownAfter = Date.now() - entered;
  expect(shownAfter).toBeGreaterThanOrEqual(8000); // not before the caller had waited 8 s
  expect(shownAfter).toBeLessThan(15_000); // at the crossing, not at the next 15 s refresh
  expect(await alert.textContent()).toMatch(/Alert\s*.+:\s*Longest wait over 8 s since \d\d:\d\d/);

  const size = () => documentSize(board);
  await reviewShot(board, 'alerts-live-1920x1080.png');
  const big = await size();
  expect(big.h).toBeLessThanOrEqual(big.vh);
  expect(big.w).toBeLessThanOrEqual(big.vw);
  await board.setViewportSize({ width: 390, height: 844 });
  const phone = await size();
  expect(phone.w).toBeLessThanOrEqual(phone.vw);
  await reviewShot(board, 'alerts-live-390.png');
  await board.setViewportSize({ width: 1920, height: 1080 });

  // The log's times are whole seconds: answer once the board shows 10 s, so the record says over 8 s too.
  await expect.poll(() => board.locator('[data-queue="billing"] [data-figure="longest-wait"]').textContent(), { timeout: 10_000 }).toMatch(/^0:(1\d|[2-5]\d)$/);
  write('a1|billing|PJSIP/7811|CONNECT|12|a1.1|1');
  await expect.poll(() => alert.count(), { timeout: 15_000 }).toBe(0);
  console.log(`alert on the wallboard ${shownAfter} ms after the caller entered (threshold 8 s)`);
});

it("the day view lists today's episode in its alert log", async () => {
  write('a1|billing|PJSIP/7811|COMPLETECALLER|12|30|1');
  type Live = { queues: Array<{ queue: string; offered_today: number }> };
  await expect.poll(async () => (await apiGet<Live>(admin, '/api/live')).queues.find((q) => q.queue === 'billing')?.offered_today, { timeout: 10_000 }).toBe(1);
  await admin.goto('/day');
  const section = admin.locator('section[aria-labelledby="alert-log-title"]');
  const entry = section.locator('li[data-kind="longest_wait"]');
  await expect.poll(() => entry.count(), { timeout: 15_000 }).toBeGreaterThan(0);
  expect(await entry.last().textContent()).toMatch(/\d\d:\d\d–\d\d:\d\d longest wait over 8 s, peak \d+ s/);
  await section.scrollIntoViewIfNeeded();
  await reviewShot(admin, 'alerts-day-1366.png');
  await admin.setViewportSize({ width: 390, height: 844 });
  expect(await sidewaysOverflow(admin)).toBe(0);
  await section.scrollIntoViewIfNeeded();
  await reviewShot(admin, 'alerts-day-390.png');
});

it('a demo day under the suggested rules: the log lists each episode, split by kind', async () => {
  const { defaults } = await apiGet<{ defaults: unknown[] }>(admin, '/api/settings/alerts');
  const res = await admin.request.put('/api/settings/alerts', { headers: { origin: app.url }, data: { rules: defaults } });
  expect(res.status(), await res.text()).toBe(200);
  await admin.setViewportSize({ width: 1366, height: 900 });
  await admin.goto(`/day?date=${DEMO.day}`);
  const section = admin.locator('section[aria-labelledby="alert-log-title"]');
  await expect.poll(() => section.locator('li').count()).toBeGreaterThan(0);
  expect(await section.locator('p').first().textContent()).toMatch(/\d+ times a queue went past an alert rule \(.*\d+/);
  expect(await section.locator('li').first().textContent()).toMatch(/\d\d:\d\d–\d\d:\d\d (longest wait over 2 min|over 5 callers waiting|callers waiting, nobody available for over 30 s|service level today under)/);
  await section.scrollIntoViewIfNeeded();
  await reviewShot(admin, 'alerts-day-demo-1366.png');
});
