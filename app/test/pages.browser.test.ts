/**
 * Where a lead stopped short (issue 13: 2, 8, 9, 11), in Chromium against the built app and the demo:
 * ring-no-answers open the calls that rang at that rep; the day's tiles explain themselves; lost
 * callers open their call; saves confirm only once the saved data is on the page, with a busy state
 * meanwhile; queues by one display name; times in the center's zone, whatever the browser's.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO, startApp, type RunningApp } from './app-server.ts';
import { apiGet, axeViolations, launchBrowser, reviewShot, signInContext, waitForApp } from './browser.ts';
import { CALL_METRIC_DEFINITIONS } from '../../analytics/glossary.ts';
import { TILES } from '../lib/day/tiles.ts';
import { localDateTime } from '../lib/shell/format.ts';

let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

/** A signed-in page whose browser lives in Tokyo, 15 hours from the center's Chicago. */
async function pageAs(role: 'lead' | 'admin', viewport = { width: 1366, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ baseURL: app.url, viewport, timezoneId: 'Asia/Tokyo' });
  contexts.push(context);
  await signInContext(context, app.url, role);
  return context.newPage();
}

let lead: Page;
let admin: Page;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  [lead, admin] = await Promise.all([pageAs('lead'), pageAs('admin')]);
}, 600_000); // a build and a seed on a shared, busy machine

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await app?.stop();
});

/**
 * Watches the page for a confirmation: when `confirmation` first appears in a status line, records
 * whether `saved` (what was saved) was on the page at that moment, and whether a busy line showed first.
 */
async function watchSave(page: Page, confirmation: string, saved: string): Promise<void> {
  await page.evaluate(
    ({ confirmation, saved }) => {
      const w = window as unknown as { __save: { busy: boolean; confirmedWithData: boolean | null } };
      w.__save = { busy: false, confirmedWithData: null };
      const check = () => {
        // Only what a user can see: a status inside a closed <details> does not count.
        const statuses = [...document.querySelectorAll('[role="status"]')].filter((e) => (e as HTMLElement).checkVisibility()).map((e) => e.textContent ?? '');
        if (statuses.some((s) => /Saving|Loading|Reading|Removing/.test(s))) w.__save.busy = true;
        if (w.__save.confirmedWithData === null && statuses.some((s) => s.includes(confirmation))) {
          w.__save.confirmedWithData = (document.querySelector('main')?.textContent ?? '').includes(saved);
        }
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    { confirmation, saved }
  );
}
const saveSeen = (page: Page) => page.evaluate(() => (window as unknown as { __save: { busy: boolean; confirmedWithData: boolean | null } }).__save);

/** The page's data reloads (SvelteKit's __data.json) answer 600 ms late, as on a busy server. */
async function slowReloads(page: Page): Promise<() => Promise<void>> {
  const pattern = /__data\.json/;
  await page.route(pattern, async (route) => {
    await new Promise((r) => setTimeout(r, 600));
    await route.continue().catch(() => {});
  });
  return () => page.unroute(pattern);
}

describe('ring-no-answers lead somewhere (13.2)', () => {
  it('lists ring-no-answers per rep on the day, each opening the calls that rang at that rep and that they did not answer', async () => {
    await lead.goto(`/day?date=${DEMO.day}`);
    const rows = lead.locator('section[aria-labelledby="rings-title"] tr[data-rep]');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const repId = (await rows.first().getAttribute('data-rep'))!;
    const rings = Number(await rows.first().getAttribute('data-rings'));
    const { reps } = await apiGet<{ reps: { id: string; name: string }[] }>(lead, '/api/reps');
    const name = reps.find((r) => r.id === repId)?.name;

    // The same calls through the API: every one rang at the rep unanswered, none answered by them,
    // and their ring-no-answers at this rep add up to the day's count.
    const api = await apiGet<{ total: number; calls: { rep: string | null; rang_here: number; ring_no_answer: number }[] }>(
      lead,
      `/api/calls?rang_at=${repId}&from=${DEMO.day}&to=${DEMO.day}&limit=500`
    );
    expect(api.total).toBeGreaterThan(0);
    expect(api.calls.every((c) => c.rang_here >= 1 && c.rep !== name && c.ring_no_answer >= c.rang_here)).toBe(true);
    expect(api.calls.reduce((n, c) => n + c.rang_here, 0)).toBe(rings);

    await rows.first().locator('td.num a').click();
    await lead.waitForURL((u) => u.pathname === '/calls' && u.searchParams.get('rang_at') === repId);
    await expect.poll(() => lead.locator('tr[data-call-id]').count()).toBe(Math.min(api.total, 50));
    // The columns say whose ring-outs they count; the filter says "answered by" and "rang at".
    const heads = await lead.locator('table.calls thead th').allTextContents();
    expect(heads).toContain(`Rang out at ${name}`);
    expect(heads).toContain('Ring-no-answers, all reps');
    expect(heads).toContain('Answered by');
    expect(await lead.locator('#rang_at').inputValue()).toBe(repId);
    expect(await lead.locator('#rep').inputValue()).toBe('');
    expect(await lead.locator('label[for="rep"]').textContent()).toBe('Answered by');
    await reviewShot(lead, 'pages-calls-rang-at-1366.png', { fullPage: true });
  });

  it("links the rep page's ring-no-answer count to those calls, and gives talk time its unit", async () => {
    const { reps } = await apiGet<{ reps: { id: string }[] }>(lead, '/api/reps');
    let linked = false;
    for (const r of reps.slice(0, 6)) {
      await lead.goto(`/reps/${r.id}?period=week&date=${DEMO.day}`);
      await expect.poll(() => lead.locator('#figures-heading').count()).toBe(1);
      const talk = await lead.locator('.tile', { hasText: 'Talk time' }).locator('dd').textContent();
      expect(talk).toMatch(/^\d+ (h \d+ min|min \d+ s|s)$/);
      const link = lead.locator('.tile', { hasText: 'Ring, no answer' }).locator('a');
      if (await link.count()) {
        const href = new URL((await link.getAttribute('href'))!, app.url);
        expect(href.pathname).toBe('/calls');
        expect(href.searchParams.get('rang_at')).toBe(r.id);
        expect(href.searchParams.get('from')).toBe('2026-11-23'); // the week of DEMO.day, Monday first
        expect(href.searchParams.get('to')).toBe('2026-11-29');
        linked = true; // the rep page's desktop shot is review.browser.test.ts's rep-page.png
        break;
      }
    }
    expect(linked).toBe(true);
  });
});

describe('the day view (13.8)', () => {
  it('explains every tile from the glossary, by keyboard as well as by hover', async () => {
    await lead.goto(`/day?date=${DEMO.day}`);
    await waitForApp(lead);
    for (const spec of TILES) {
      const button = lead.locator(`.tile[data-key="${spec.key}"] button.info`);
      const pop = lead.locator(`#define-${spec.key}`);
      expect(await pop.isVisible()).toBe(false);
      await button.focus(); // keyboard: Tab reaches it, the definition shows
      await expect.poll(() => pop.isVisible()).toBe(true);
      await lead.keyboard.press('Enter');
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      const glossary = CALL_METRIC_DEFINITIONS.find((d) => d.key === spec.key)!;
      expect(await pop.textContent()).toContain(glossary.definition);
      await lead.keyboard.press('Escape');
      expect(await button.getAttribute('aria-expanded')).toBe('false');
    }
    await lead.locator('.tile[data-key="service_level"] button.info').click();
    await reviewShot(lead, 'pages-day-1366.png', { fullPage: true });
  });

  it("opens a lost caller's call timeline and the caller's history from the row", async () => {
    await lead.goto(`/day?date=${DEMO.day}`);
    const row = lead.locator('section[aria-labelledby="lost-title"] tbody tr').filter({ has: lead.locator('td.caller a') }).first();
    const time = (await row.locator('td').first().textContent())!.trim();
    const caller = (await row.locator('td.caller a').textContent())!.trim();
    expect(new URL((await row.locator('td.caller a').getAttribute('href'))!, app.url).searchParams.get('caller')).toBe(caller);
    await row.locator('td').first().locator('a').click();
    await lead.waitForURL((u) => u.pathname === '/calls' && !!u.searchParams.get('call'));
    const detail = lead.locator('.layout > .detail');
    await expect.poll(() => detail.textContent()).toContain(`Every call of ${caller}`);
    expect(await detail.textContent()).toContain(time);
  });

  it('names queues by their display name on the calls and day pages', async () => {
    await lead.goto(`/calls?from=${DEMO.day}&to=${DEMO.day}`);
    const names = await lead.locator('table.calls td .queue-name').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names).toContain('Utility billing');
    expect(names).not.toContain('billing');
    expect(await lead.locator('#queue option[value="billing"]').textContent()).toBe('Utility billing');
  });

  it('shows the day view, rep page and calls page on a phone without sideways scrolling', async () => {
    // The lead's page on a phone (no second Tokyo context to start: a context costs Chromium a second).
    const phone = lead;
    await phone.goto('about:blank');
    await phone.setViewportSize({ width: 390, height: 844 });
    onTestFinished(async () => {
      await phone.goto('about:blank');
      await phone.setViewportSize({ width: 1366, height: 900 });
    });
    const { reps } = await apiGet<{ reps: { id: string }[] }>(phone, '/api/reps');
    for (const [name, path] of [
      ['day', `/day?date=${DEMO.day}`],
      ['rep', `/reps/${reps[0].id}?period=week&date=${DEMO.day}`],
      ['calls', `/calls?from=${DEMO.day}&to=${DEMO.day}`]
    ]) {
      await phone.goto(path);
      await waitForApp(phone);
      await reviewShot(phone, `pages-${name}-390.png`, { fullPage: true });
      // Tables scroll inside their own box (or sit in a clipped, visually hidden one: a chart's numbers
      // for screen readers): none reaches past the page's right edge.
      const clipped = await phone.evaluate(() =>
        [...document.querySelectorAll('table')]
          .filter((t) => {
            let box: HTMLElement | null = t.parentElement;
            while (box && !['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
            return !box && t.getBoundingClientRect().right > document.documentElement.clientWidth + 1;
          })
          .map((t) => `${t.closest('section')?.getAttribute('aria-labelledby') ?? t.className}: ${Math.round(t.getBoundingClientRect().right)} px`)
      );
      expect(clipped, name).toEqual([]);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(390);
      if (name === 'rep') {
        // The quality score's parts are cards on a phone: each one's reason runs across the card.
        const because = phone.locator('tr[data-component="ring_no_answer"] td').last();
        const box = (await because.boundingBox())!;
        expect(box.width).toBeGreaterThan(250);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
      }
      if (name === 'day') {
        // Lost callers are cards on a phone: each one's follow-up and its button in view without
        // scrolling sideways, and still a table of rows and cells to a screen reader.
        const lost = phone.getByRole('table').filter({ has: phone.getByRole('columnheader', { name: 'Follow-up' }) });
        const first = lost.getByRole('row').nth(1);
        expect(await first.getByRole('cell').count()).toBe(6);
        for (const part of [first.locator('.state'), first.getByRole('button', { name: /Mark handled/ })]) {
          const box = (await part.boundingBox())!;
          expect(box.x + box.width).toBeLessThanOrEqual(390);
        }
      }
    }

    // A call opened from the list far down the page shows above the list, scrolled to and focused.
    const link = phone.locator('table.calls tbody tr').nth(20).locator('td a').first();
    await link.scrollIntoViewIfNeeded();
    await link.click();
    await phone.waitForURL((u) => !!u.searchParams.get('call'));
    const heading = phone.locator('#call-heading');
    await expect.poll(() => heading.evaluate((h) => document.activeElement === h)).toBe(true);
    const box = (await heading.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(phone)).toEqual([]);
    await reviewShot(phone, 'pages-calls-open-390.png');
  });

  it('stops "Next day" at today in the center\'s zone', async () => {
    const { reps } = await apiGet<{ reps: { id: string }[] }>(lead, '/api/reps');
    await lead.goto(`/reps/${reps[0].id}?period=day&date=${DEMO.day}`);
    expect(await lead.locator('a[rel="next"]').count()).toBe(1);
    await lead.goto(`/reps/${reps[0].id}?period=day`); // today
    await expect.poll(() => lead.locator('#figures-heading').count()).toBe(1);
    expect(await lead.locator('a[rel="next"]').count()).toBe(0);
    expect(await lead.locator('.period-nav input[type="date"]').getAttribute('max')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('saves confirm only once the saved data shows (13.9)', () => {
  it('writes a note: busy while saving, "The note is saved." only with the note on the page, its time in the center\'s zone', async () => {
    const { reps } = await apiGet<{ reps: { id: string }[] }>(admin, '/api/reps');
    const repId = reps[1].id;
    await admin.goto(`/reps/${repId}`);
    await waitForApp(admin);
    const text = `Coached on greeting, ref ${Date.now().toString(36)}`; // not 13 digits: a Luhn-valid one is redacted as a card number
    await admin.locator('#notes summary').click();
    await admin.locator('#new-note-text').fill(text);
    await watchSave(admin, 'The note is saved.', text);
    const fast = await slowReloads(admin);
    await admin.getByRole('button', { name: 'Save note' }).click();
    await expect.poll(async () => (await saveSeen(admin)).confirmedWithData, { timeout: 10_000 }).not.toBeNull();
    await fast();
    expect(await saveSeen(admin)).toEqual({ busy: true, confirmedWithData: true });
    expect(await admin.locator('#notes').textContent()).not.toContain('No feedback notes yet');

    // Shown in Chicago time although this browser is in Tokyo.
    const { notes } = await apiGet<{ notes: { text: string; created_at: string }[] }>(admin, `/api/reps/${repId}/notes`);
    const note = notes.find((n) => n.text === text)!;
    expect(await admin.locator('article.note', { hasText: text }).locator('header').textContent()).toContain(localDateTime(note.created_at, DEMO.timeZone));
  });

  it('adds an annotation: it is on the page when the confirmation shows', async () => {
    await admin.goto('/trends');
    await waitForApp(admin);
    const text = `Storm week, ref ${Date.now().toString(36)}`; // not 13 digits (see above)
    await admin.locator('.annotations input[name="text"]').fill(text);
    await watchSave(admin, 'The annotation is saved.', text);
    const fast = await slowReloads(admin);
    await admin.getByRole('button', { name: 'Add annotation' }).click();
    await expect.poll(async () => (await saveSeen(admin)).confirmedWithData, { timeout: 10_000 }).not.toBeNull();
    await fast();
    expect(await saveSeen(admin)).toEqual({ busy: true, confirmedWithData: true });
    expect(await admin.locator('.annotations li', { hasText: text }).count()).toBe(1);
  });

  it('sets up reps from history: says it is working at once, confirms with the profiles on the page', async () => {
    await admin.goto('/schedule');
    await waitForApp(admin);
    const setup = admin.getByRole('button', { name: 'Set up from the last 8 weeks of history' });
    await watchSave(admin, 'Reps set up from the last 8 weeks', "Reps' planning profiles");
    await setup.click();
    await expect.poll(async () => (await saveSeen(admin)).confirmedWithData, { timeout: 30_000 }).not.toBeNull();
    expect(await saveSeen(admin)).toEqual({ busy: true, confirmedWithData: true });
  });
});
