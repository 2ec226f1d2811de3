/**
 * Call reasons in Chromium against the built app and the demo center (whose reps log wrap-up codes).
 * The Day page: the table's calls add up to the day's offered calls, the share without a reason is
 * said before the figures, a code the catalogue lacks shows as itself. Settings → Call reasons (the
 * admin): the code the catalogue lacks is listed to be named, naming it moves it into the catalogue
 * (audited, with history), and the service requests are counted: the demo's own export (its web and
 * app requests match no call) and one with no phone numbers loaded into it here. Screenshots at 1366 and 390 px (no sideways scroll).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO, startApp, type RunningApp } from './app-server.ts';
import { apiGet, launchBrowser, reviewShot, signedInPage, waitForApp } from './browser.ts';
import { ingestFile } from '../../ingest/load.ts';
import { mappingSchema } from '../../ingest/csv-mapping.ts';
import { queueLog } from '../../analytics/test-support/fixture-db.ts';
import { generateDemoCenter } from '../server/demo/generate-demo-center.ts';

let app: RunningApp;
let browser: Browser;
let page: Page;

/** The city's export without its phone column (fixtures/queue-logs/README.md). */
const noNumbers = mappingSchema.parse({
  kind: 'service_requests', timezone: DEMO.timeZone,
  fields: { request_id: { column: 'request_no' }, created_ts: { column: 'opened' }, request_type: { column: 'type' } }
});

beforeAll(async () => {
  [app, browser] = await Promise.all([
    startApp({
      addToDemo: async (db) => {
        await ingestFile(db, queueLog('service-requests-no-numbers.csv'), { timeZone: DEMO.timeZone, format: 'csv', mapping: noNumbers });
      }
    }),
    launchBrowser()
  ]);
  ({ page } = await signedInPage(browser, app.url, 'lead'));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

type Row = { reason: string | null; offered: number; lost: number };

describe('call reasons on the Day page', () => {
  it('shows lost calls and AHT by reason that add up to the day, the share without a reason first', async () => {
    const res = await page.goto(`/day?date=${DEMO.day}`);
    expect(res?.status()).toBe(200);
    const panel = page.locator('section[aria-labelledby="reasons-title"]');
    await expect.poll(() => panel.locator('h2').textContent()).toMatch(/Why they called/);

    const total = (await apiGet<{ rows: Row[] }>(page, `/api/metrics?from=${DEMO.day}&to=${DEMO.day}`)).rows[0];
    const byReason = await apiGet<{ rows: Row[]; reason_coverage: { offered: number; with_reason: number } }>(
      page, `/api/metrics?from=${DEMO.day}&to=${DEMO.day}&group=reason`
    );
    expect(byReason.rows.reduce((n, r) => n + r.offered, 0)).toBe(total.offered);
    expect(byReason.rows.reduce((n, r) => n + r.lost, 0)).toBe(total.lost);
    expect(byReason.reason_coverage.offered).toBe(total.offered);
    expect(byReason.reason_coverage.with_reason).toBeGreaterThan(total.offered * 0.5);

    const note = await panel.locator('.coverage').textContent();
    expect(note).toMatch(/\d+% of calls have a reason/);
    const cells = await panel.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(cells.reduce((n, c) => n + Number(c.replace(/,/g, '')), 0)).toBe(total.offered);
    expect(await panel.locator('tbody tr').last().locator('th').textContent()).toMatch(/No reason/);
    expect(await panel.locator('tbody').textContent()).toMatch(/Bill dispute\s*Billing/);
    // Only the code the demo catalogue lacks is marked so (a name equal to its group is not).
    expect(await panel.locator('tbody tr', { hasText: 'not in catalogue' }).locator('th').allTextContents()).toEqual([
      expect.stringMatching(/^\s*tree-debris\s*not in catalogue\s*$/)
    ]);
  });

  it('saves screenshots at 1366 and 390 px, with no sideways scroll on the phone', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    const panel = page.locator('section[aria-labelledby="reasons-title"]');
    await panel.scrollIntoViewIfNeeded();
    await reviewShot(panel, 'day-reasons-desktop.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await panel.scrollIntoViewIfNeeded();
    await reviewShot(panel, 'day-reasons-phone.png');
    await reviewShot(page, 'day-reasons-phone-page.png');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

describe('Settings: the reason catalogue (admin)', () => {
  let admin: Page;
  beforeAll(async () => {
    ({ page: admin } = await signedInPage(browser, app.url, 'admin'));
    await admin.goto('/settings');
    await waitForApp(admin);
  });
  const panel = () => admin.locator('section[aria-labelledby="reasons-title"]');

  it('lists the code the data carries but the catalogue lacks, never drops it, and names it (audited, with history)', async () => {
    await expect.poll(() => panel().locator('tr[data-code]').count()).toBeGreaterThan(3);
    const toName = panel().locator('tr.unnamed');
    expect(await toName.locator('th').allTextContents()).toEqual(['tree-debris']);
    expect(Number((await toName.locator('td.num').textContent())!.replace(/,/g, ''))).toBeGreaterThan(0);
    await reviewShot(panel(), 'reason-catalogue-desktop.png');

    await toName.getByLabel('Name for tree-debris').fill('Tree debris pick-up');
    await toName.getByLabel('Group for tree-debris').selectOption('Missed pick-up');
    await toName.getByRole('button', { name: 'Name it' }).click();
    const named = panel().locator('tr[data-code="tree-debris"]');
    await expect.poll(() => named.getAttribute('class')).not.toMatch(/unnamed/);
    await expect.poll(() => panel().locator('h3').first().textContent()).toBe('Codes to name');
    expect(await panel().textContent()).toMatch(/Every code in the data has a name/);

    // Renamed: the history keeps both names; the audit log has both changes.
    await named.getByLabel('Name for tree-debris').fill('Storm debris');
    await named.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => named.getByLabel('Name for tree-debris').inputValue()).toBe('Storm debris');
    await named.getByRole('button', { name: 'History' }).click();
    const history = panel().locator('tr.history li');
    await expect.poll(() => history.count()).toBe(2);
    expect(await history.allTextContents()).toEqual([
      expect.stringMatching(/Tree debris pick-up \(Missed pick-up\), by admin/),
      expect.stringMatching(/Storm debris \(Missed pick-up\), by admin/)
    ]);
    const audit = await apiGet<{ records: { entity: string; entity_id: string; action: string }[] }>(admin, '/api/audit?entity=reason');
    expect(audit.records.filter((r) => r.entity_id === 'tree-debris').map((r) => r.action).sort()).toEqual(['create', 'update']);
  });

  it("counts the demo's service requests that matched a call, and the export with no phone numbers among the unmatched", async () => {
    // The demo's own export (its web and app requests match no call), plus the 2 requests without a number loaded here.
    const demo = generateDemoCenter({ end: DEMO.end, days: DEMO.days, timeZone: DEMO.timeZone }).serviceRequests.trim().split('\n').slice(1);
    const fromCalls = demo.filter((r) => r.split(',')[2] === 'Phone Call').length;
    const sources = (await apiGet<{ sources: Record<string, number> }>(admin, '/api/reasons')).sources;
    expect(sources).toMatchObject({
      service_requests: demo.length + 2, service_requests_without_number: 2, service_requests_unmatched: demo.length - fromCalls + 2
    });
    const n = (x: number) => x.toLocaleString('en-US');
    expect((await panel().locator('.counts').textContent())!.replace(/\s+/g, ' ')).toContain(
      `${n(demo.length + 2)} service requests: ${n(fromCalls)} matched a call (the caller's call that ended in the 2 hours before); ` +
        `${n(demo.length - fromCalls + 2)} unmatched, 2 of them without a number`
    );
  });

  it('fits a phone: screenshots at 1366 and 390 px, no sideways scroll', async () => {
    await admin.setViewportSize({ width: 1366, height: 900 });
    await reviewShot(panel(), 'reason-catalogue-named-desktop.png');
    await admin.setViewportSize({ width: 390, height: 844 });
    await panel().scrollIntoViewIfNeeded();
    await reviewShot(panel(), 'reason-catalogue-phone.png');
    expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
