// The rest of today on /live and the day view, in a browser. The demo center's data ends weeks ago
// and it is closed on Sundays, so (to run on any day at any hour) the demo copy gets five weeks of a
// round-the-clock line written relative to now: 6 calls every half hour every day, today 9 (half
// as busy again), no opening hours (open when calls are forecast), and a published schedule for
// today: 2 reps until noon, 5 until 18:00, 1 after. The center's zone is a fixed offset chosen so
// that it is about noon there now (as in live-adherence.browser.test.ts): just after a local
// midnight no call of today is due yet, and the outlook rightly has nothing to say. The outlook then re-projects today above the
// forecast and the schedule is short or over somewhere: the lines say where.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../sql/db.ts';
import { ingestFile } from '../../ingest/load.ts';
import { localNow } from '../lib/shell/dates.ts';
import { mondayOf } from '../../analytics/roster/schedule-model.ts';
import type { LiveSnapshot } from '../server/live/live-snapshot.ts';
import { DEMO, startApp, type RunningApp } from './app-server.ts';
import { apiGet, axeViolations, documentSize, launchBrowser, reviewShot, signedInPage } from './browser.ts';

const HALF_HOUR = 1800;
const dir = mkdtempSync(join(tmpdir(), 'callboard-outlook-browser-'));
const now = Math.floor(Date.now() / 1000);
const offsetH = 12 - new Date(now * 1000).getUTCHours();
const zone = offsetH === 0 ? 'Etc/GMT' : offsetH > 0 ? `Etc/GMT-${offsetH}` : `Etc/GMT+${-offsetH}`;
const today = localNow(zone, new Date(now * 1000)).date;

/** Calls every half hour for 35 days up to now, each answered after 10 s and talked 240 s. */
function roundTheClockLog(): string {
  const lines: string[] = [];
  const start = Math.floor(now / HALF_HOUR) * HALF_HOUR - 35 * 86_400;
  let n = 0;
  for (let slot = start; slot < now; slot += HALF_HOUR) {
    const perSlot = localNow(zone, new Date(slot * 1000)).date === today ? 9 : 6;
    for (let k = 0; k < perSlot; k++) {
      const enter = slot + Math.floor((k * HALF_HOUR) / perSlot);
      if (enter + 260 > now) break;
      const id = `rtc${++n}`;
      const agent = `PJSIP/79${n % 4}`;
      lines.push(`${enter}|${id}|billing|NONE|ENTERQUEUE||31255${String(n % 100_000).padStart(5, '0')}|1`);
      lines.push(`${enter + 10}|${id}|billing|${agent}|CONNECT|10|${id}.1|2`);
      lines.push(`${enter + 250}|${id}|billing|${agent}|COMPLETECALLER|10|240|1`);
    }
  }
  return lines.join('\n') + '\n';
}

async function addRoundTheClockLine(db: Database): Promise<void> {
  const log = join(dir, 'queue_log');
  writeFileSync(log, roundTheClockLog());
  await db.run(`INSERT OR REPLACE INTO settings VALUES ('timezone', CAST($z AS JSON))`, { z: JSON.stringify(zone) });
  const r = await ingestFile(db, log, { timeZone: zone });
  if (r.error) throw new Error(r.error);
  await db.run('DELETE FROM queue_opening_hours');
  const week = mondayOf(today);
  await db.run(`DELETE FROM schedule_shifts WHERE week_start = CAST($w AS DATE)`, { w: week });
  await db.run(`INSERT OR REPLACE INTO schedule_weeks (week_start, status, version, source, updated_by, published_at, published_by)
                VALUES (CAST($w AS DATE), 'published', 1, 'manual', 'test', now(), 'test')`, { w: week });
  const shifts: Array<[string, number, number]> = [['r1', 0, 720], ['r2', 0, 720], ['r3', 720, 1080], ['r4', 720, 1080], ['r5', 720, 1080], ['r6', 720, 1080], ['r7', 720, 1080], ['r8', 1080, 1440]];
  for (const [rep, start, end] of shifts) {
    await db.run(`INSERT INTO schedule_shifts VALUES (CAST($w AS DATE), $rep, CAST($d AS DATE), $s, $e, NULL, '[]')`, { w: week, rep, d: today, s: start, e: end });
  }
}

/**
 * The outlook's lines start at the current half hour, so a page drawn just before a half hour and a
 * snapshot read just after it rightly differ by one interval. A comparison starting within 40 s of
 * one waits until it has passed (the zone is a whole-hour offset: its half hours are UTC's).
 */
async function clearOfTheHalfHour(): Promise<void> {
  const toNext = HALF_HOUR * 1000 - (Date.now() % (HALF_HOUR * 1000));
  if (toNext < 40_000) await new Promise((done) => setTimeout(done, toNext + 1_000));
}

let app: RunningApp;
let browser: Browser;
let board: Page;
let lead: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp({ addToDemo: addRoundTheClockLine }), launchBrowser()]);
  ({ page: board } = await signedInPage(browser, app.url, 'wallboard', { width: 1920, height: 1080 }));
  await board.goto('/live');
  ({ page: lead } = await signedInPage(browser, app.url, 'lead'));
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the rest of today', () => {
  it('shows on /live as lines in plain words, and the board still fits 1920×1080 and 390 px', async () => {
    await clearOfTheHalfHour();
    const outlook = board.locator('[data-outlook]');
    await expect.poll(() => outlook.getAttribute('data-outlook'), { timeout: 15_000 }).toBe('ok');
    const { outlook: o } = await apiGet<LiveSnapshot>(lead, '/api/live');
    expect(o.status).toBe('ok');
    expect(o.ratio!).toBeGreaterThan(1.2); // today runs at 9 calls a half hour against 6
    expect(o.lines.length).toBeGreaterThan(0);
    // What the board says is what the snapshot says, line for line.
    await expect.poll(() => outlook.locator('li').allTextContents()).toEqual(o.lines.map((l) => l.text));
    expect(await outlook.textContent()).toMatch(/Busier than forecast: \d+ calls by \d\d:\d\d against \d+ expected \(\+\d+ %\)/);
    await reviewShot(board, 'live-outlook-1920x1080.png');
    expect(await axeViolations(board)).toEqual([]);
    const size = () => documentSize(board);
    const big = await size();
    expect(big.h).toBeLessThanOrEqual(big.vh);
    expect(big.w).toBeLessThanOrEqual(big.vw);
    await board.setViewportSize({ width: 390, height: 844 });
    const phone = await size();
    expect(phone.w).toBeLessThanOrEqual(phone.vw);
    await reviewShot(board, 'live-outlook-390.png', { fullPage: true });
  }, 120_000);

  it('shows on the day view of today with the re-projected intervals, and not on another day', async () => {
    await clearOfTheHalfHour();
    await lead.goto('/day');
    const section = lead.locator('[data-outlook]');
    await expect.poll(() => section.getAttribute('data-outlook'), { timeout: 15_000 }).toBe('ok');
    const { outlook: o } = await apiGet<LiveSnapshot>(lead, '/api/live');
    await expect.poll(() => section.locator('.lines li').allTextContents()).toEqual(o.lines.map((l) => l.text));
    const rows = section.locator('tbody tr');
    expect(await rows.count()).toBe(o.intervals.length);
    expect(await rows.first().locator('th').textContent()).toBe(o.intervals[0].start);
    expect(await axeViolations(lead)).toEqual([]);
    await reviewShot(section, 'day-outlook-1366.png');
    await lead.setViewportSize({ width: 390, height: 844 });
    expect(await lead.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    // Every column shows on a phone: the table fits its box, nothing hides behind a sideways scroll.
    expect(await section.locator('.table-wrap').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await reviewShot(section, 'day-outlook-390.png');
    await lead.setViewportSize({ width: 1366, height: 900 });
    await lead.goto(`/day?date=${DEMO.day}`);
    await expect.poll(() => lead.locator('h1').textContent()).toMatch(/November 24/);
    expect(await lead.locator('[data-outlook]').count()).toBe(0);
  }, 120_000);
});
