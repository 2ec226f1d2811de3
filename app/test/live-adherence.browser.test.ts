// Real-time adherence end to end: a published schedule for today in the demo database, a queue_log
// the server follows (CALLBOARD_FOLLOW) that this test writes as the PBX would, and the adherence
// threshold set to 1 minute. The center's zone is a fixed offset chosen so that it is about noon there
// now (12:00-12:59), whatever time the test runs. Today's schedule, 08:00-16:00 for three demo reps:
//   Maria Gonzalez (PJSIP/7001): never logs in → "scheduled on the phones, logged out since 08:00".
//   Aisha Rahman (PJSIP/7007): logged in an hour ago; the test then writes her PAUSE "Break" as
//     written two minutes ago (paused past the threshold at once) → flagged; her UNPAUSE clears it.
//   Priya Natarajan (PJSIP/7003): lunch scheduled now, paused "Lunch" since it began → not flagged.
//   PJSIP/7801 logs in with no shift (a day off): never judged.
// The lead's /live shows the flags in plain words and still fits 1920×1080 and 390 px; the day view
// lists each rep's adherence so far; an admin changes the threshold on Settings; once the week is
// redrafted (a shift removed) both say that no published schedule covers today.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mondayOf } from '../../analytics/roster/schedule-model.ts';
import { startApp, type RunningApp } from './app-server.ts';
import { apiGet, documentSize, launchBrowser, reviewShot, signedInPage, waitForApp } from './browser.ts';
import type { LiveSnapshot } from '../server/live/live-snapshot.ts';

let app: RunningApp;
let browser: Browser;
let lead: Page;
const dir = mkdtempSync(join(tmpdir(), 'callboard-adherence-browser-'));
const log = join(dir, 'queue_log');
const t = Math.floor(Date.now() / 1000);
const now = () => Math.floor(Date.now() / 1000);
const offsetH = 12 - new Date(t * 1000).getUTCHours();
const zone = offsetH === 0 ? 'Etc/GMT' : offsetH > 0 ? `Etc/GMT-${offsetH}` : `Etc/GMT+${-offsetH}`;
const local = new Date((t + offsetH * 3600) * 1000); // its UTC fields are the wall clock there
const today = local.toISOString().slice(0, 10);
const minuteNow = local.getUTCHours() * 60 + local.getUTCMinutes();
const epochOf = (minute: number) => Date.parse(`${today}T00:00:00Z`) / 1000 - offsetH * 3600 + minute * 60;
const lunchStart = Math.floor(minuteNow / 15) * 15 - 15;
const ids: Record<string, string> = {};

beforeAll(async () => {
  writeFileSync(log, [
    `${t - 3600}|NONE|billing|PJSIP/7007|ADDMEMBER|`,
    `${t - 3600}|NONE|billing|PJSIP/7003|ADDMEMBER|`,
    `${t - 3600}|NONE|billing|PJSIP/7801|ADDMEMBER|`,
    `${epochOf(lunchStart)}|NONE|billing|PJSIP/7003|PAUSE|Lunch`
  ].join('\n') + '\n');
  const week = mondayOf(today);
  [app, browser] = await Promise.all([
    startApp({
      env: { CALLBOARD_FOLLOW: log },
      addToDemo: async (db) => {
        await db.run(`INSERT OR REPLACE INTO settings VALUES ('timezone', CAST($z AS JSON)), ('adherence_threshold_s', '60')`, { z: JSON.stringify(zone) });
        await db.run('DELETE FROM schedule_shifts WHERE week_start = CAST($w AS DATE)', { w: week });
        await db.run('DELETE FROM schedule_weeks WHERE week_start = CAST($w AS DATE)', { w: week });
        await db.run(`INSERT INTO schedule_weeks (week_start, status, source, updated_by, published_at, published_by) VALUES (CAST($w AS DATE), 'published', 'manual', 'test', now(), 'test')`, { w: week });
        for (const [iface, breaks] of [
          ['PJSIP/7001', [{ kind: 'break', start_minute: 900, minutes: 15, paid: true }]],
          ['PJSIP/7007', [{ kind: 'break', start_minute: 900, minutes: 15, paid: true }]],
          // An hour's lunch, so that it still holds when a build before the server starts takes minutes.
          ['PJSIP/7003', [{ kind: 'lunch', start_minute: lunchStart, minutes: 60, paid: false }]]
        ] as const) {
          const [{ rep_id }] = await db.all<{ rep_id: string }>('SELECT rep_id FROM roster WHERE interface = $i', { i: iface });
          ids[iface] = rep_id;
          await db.run(`INSERT INTO schedule_shifts VALUES (CAST($w AS DATE), $rep, CAST($d AS DATE), 480, 960, NULL, CAST($b AS JSON))`, { w: week, rep: rep_id, d: today, b: JSON.stringify(breaks) });
        }
      }
    }),
    launchBrowser()
  ]);
  ({ page: lead } = await signedInPage(browser, app.url, 'lead', { width: 1920, height: 1080 }));
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('flags on /live who should be on the phones and is not, past the threshold, in plain words', async () => {
  await lead.goto('/live');
  await waitForApp(lead);
  const flag = (iface: string) => lead.locator(`[data-adherence-rep="${ids[iface]}"]`);
  // Once the followed log is loaded (Priya shows as paused), only Maria is out of adherence.
  await expect.poll(() => lead.locator(`[data-rep="${ids['PJSIP/7003']}"]`).getAttribute('data-state'), { timeout: 15_000 }).toBe('paused');
  await expect.poll(() => lead.locator('[data-adherence-rep]').count(), { timeout: 15_000 }).toBe(1);
  expect(await flag('PJSIP/7001').textContent()).toMatch(/Maria Gonzalez — scheduled on the phones, logged out since 08:00/);
  expect(await flag('PJSIP/7007').count()).toBe(0);
  expect(await flag('PJSIP/7003').count()).toBe(0); // at lunch, as scheduled

  // Aisha pauses (the line says two minutes ago): past the 1-minute threshold as soon as it is loaded.
  const pausedAt = now() - 120;
  appendFileSync(log, `${pausedAt}|NONE|billing|PJSIP/7007|PAUSE|Break\n`);
  const hhmm = new Date((pausedAt + offsetH * 3600) * 1000).toISOString().slice(11, 16);
  await expect.poll(() => flag('PJSIP/7007').count(), { timeout: 15_000 }).toBe(1).catch(async (e) => {
    const live = await apiGet<LiveSnapshot>(lead, '/api/live');
    console.log(JSON.stringify({ reps: live.reps.slice(0, 5), adherence: live.adherence, data_until: live.data_until, as_of: live.as_of }, null, 1));
    console.log(app.output().slice(-3000));
    throw e;
  });
  expect(await flag('PJSIP/7007').textContent()).toMatch(new RegExp(`Aisha Rahman — scheduled on the phones, paused \\(Break\\) since ${hhmm}`));
  expect(await lead.locator('#adherence-heading').textContent()).toMatch(/Out of adherence: 2/);

  const size = () => documentSize(lead);
  const desk = await size();
  expect(desk.h).toBeLessThanOrEqual(desk.vh);
  await reviewShot(lead, 'live-adherence-1920x1080.png');
  await lead.setViewportSize({ width: 390, height: 844 });
  const phone = await size();
  expect(phone.w).toBeLessThanOrEqual(phone.vw);
  await reviewShot(lead, 'live-adherence-390.png', { fullPage: true });
  await lead.setViewportSize({ width: 1920, height: 1080 });

  appendFileSync(log, `${now()}|NONE|billing|PJSIP/7007|UNPAUSE|Break\n`);
  await expect.poll(() => flag('PJSIP/7007').count(), { timeout: 15_000 }).toBe(0);
  expect(await flag('PJSIP/7001').count()).toBe(1);
});

it('lists each scheduled rep\'s adherence so far on the day view', async () => {
  await lead.setViewportSize({ width: 1366, height: 900 });
  await lead.goto('/day');
  await waitForApp(lead);
  const section = lead.getByTestId('day-adherence');
  // Until now there: about noon, or just past 13:00 when the file started at 12:5x.
  await expect.poll(() => section.locator('h2').textContent()).toMatch(/Adherence to the schedule so far \(until 1[23]:\d\d\)/);
  const row = (iface: string) => section.locator(`[data-adherence-rep="${ids[iface]}"]`);
  expect(await row('PJSIP/7001').getAttribute('data-adherence')).toBe('0');
  expect(await row('PJSIP/7001').textContent()).toMatch(/Maria Gonzalez/);
  const aisha = Number(await row('PJSIP/7007').getAttribute('data-adherence'));
  expect(aisha).toBeGreaterThan(0);
  expect(aisha).toBeLessThan(1); // on the phones about an hour of the four-plus scheduled so far
  expect(await row('PJSIP/7003').count()).toBe(1);
  await reviewShot(section, 'day-adherence-desktop.png');
  await lead.setViewportSize({ width: 390, height: 844 });
  expect(await lead.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
  await section.scrollIntoViewIfNeeded();
  await reviewShot(section, 'day-adherence-390.png');
});

it('lets an admin set the threshold on Settings, and /live flags by it', async () => {
  const { context, page } = await signedInPage(browser, app.url, 'admin');
  await page.goto('/settings');
  await waitForApp(page);
  const section = page.locator('section[aria-labelledby="adherence-threshold-title"]');
  await expect.poll(() => section.getByLabel('Minutes').inputValue()).toBe('1');
  await section.getByLabel('Minutes').fill('10');
  await section.getByRole('button', { name: 'Save threshold' }).click();
  await expect.poll(() => section.getByRole('status').textContent()).toMatch(/Adherence threshold saved/);
  expect((await apiGet<{ adherence_threshold_s: number }>(page, '/api/settings')).adherence_threshold_s).toBe(600);
  await reviewShot(section, 'settings-adherence-threshold.png');
  await context.close();

  await lead.setViewportSize({ width: 1920, height: 1080 });
  await lead.goto('/live');
  await waitForApp(lead);
  await expect.poll(() => lead.locator('#adherence-heading').textContent()).toMatch(/over 10 min/);
});

it('says so when the week is redrafted and no published schedule covers today', async () => {
  const { context, page } = await signedInPage(browser, app.url, 'scheduler', { width: 1920, height: 1080 });
  const week = mondayOf(today);
  const res = await page.request.delete(`/api/schedules/weeks/${week}/shifts/${ids['PJSIP/7001']}/${today}`, { headers: { origin: app.url } });
  expect(res.status(), await res.text()).toBe(200);
  await page.goto('/live');
  await waitForApp(page);
  await expect.poll(() => page.locator('section.adherence').textContent()).toMatch(/No published schedule for today: adherence needs one/);
  expect(await page.locator('[data-adherence-rep]').count()).toBe(0);
  await page.goto('/day');
  await waitForApp(page);
  await expect.poll(() => page.getByTestId('day-adherence').textContent()).toMatch(/No published schedule covers this day/);
  await context.close();
});
