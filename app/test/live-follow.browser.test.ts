// `serve --follow` end to end: the server follows a queue_log (CALLBOARD_FOLLOW) that this test
// writes as a PBX would, and the /live wallboard shows each change without a reload. Each change's
// time from the line being written to the board showing it is printed (the goal is 2 s).
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './app-server.ts';
import { launchBrowser, reviewShot, signedInPage } from './browser.ts';

let app: RunningApp;
let browser: Browser;
let board: Page;
const dir = mkdtempSync(join(tmpdir(), 'callboard-follow-browser-'));
const log = join(dir, 'queue_log');
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  writeFileSync(log, `${now()}|NONE|billing|PJSIP/7801|ADDMEMBER|\n`);
  [app, browser] = await Promise.all([startApp({ env: { CALLBOARD_FOLLOW: log } }), launchBrowser()]);
  ({ page: board } = await signedInPage(browser, app.url, 'wallboard', { width: 1920, height: 1080 }));
  await board.goto('/live');
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('shows each line the PBX writes within seconds, without a reload', async () => {
  await board.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  const figure = (name: string) => board.locator(`[data-queue="billing"] [data-figure="${name}"]`);
  const rep = board.locator('[data-rep="pjsip-7801"]');
  await expect.poll(() => rep.getAttribute('data-state'), { timeout: 10_000 }).toBe('available');
  const latencies: number[] = [];
  const step = async (line: string, check: () => Promise<unknown>, want: unknown) => {
    const written = Date.now();
    appendFileSync(log, `${now()}|${line}\n`);
    await expect.poll(check, { timeout: 15_000 }).toBe(want);
    latencies.push(Date.now() - written);
  };
  await step('f1|billing|NONE|ENTERQUEUE||3125550801|1', () => figure('waiting').textContent(), '1');
  await step('f2|billing|NONE|ENTERQUEUE||3125550802|2', () => figure('waiting').textContent(), '2');
  await step('NONE|billing|PJSIP/7801|PAUSE|Training', () => rep.getAttribute('data-state'), 'paused');
  expect(await rep.textContent()).toContain('Paused: Training');
  await step('NONE|billing|PJSIP/7801|UNPAUSE|Training', () => rep.getAttribute('data-state'), 'available');
  await step('f1|billing|PJSIP/7801|CONNECT|3|f1.1|1', () => rep.getAttribute('data-state'), 'on_call');
  expect(await figure('waiting').textContent()).toBe('1');
  // The demo's billing queue has a 10 s wrap-up (its wrapuptime): the rep is in wrap-up after the call.
  await step('f1|billing|PJSIP/7801|COMPLETECALLER|3|20|1', () => rep.getAttribute('data-state'), 'wrap_up');
  await reviewShot(board, 'live-follow-1920x1080.png');
  console.log(`follow → wallboard latencies (ms): ${latencies.join(', ')}`);
});
