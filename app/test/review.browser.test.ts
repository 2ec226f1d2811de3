/**
 * The lead's review of people and calls in Chromium against the built app and five weeks of the demo
 * center: the Reps table and a rep's page (figures equal to the API, weekly charts with real marks and
 * axes), a feedback note that survives a reload and is acknowledged by the rep, a quality form defined
 * and a call evaluated that moves the rep's quality score, and a caller found by part of their number
 * with the call's timeline and history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO, startApp, type RunningApp } from './app-server.ts';
import { apiGet, launchBrowser, reviewShot, signedInPage, waitForApp } from './browser.ts';

let app: RunningApp;
let browser: Browser;
let page: Page;
const others: BrowserContext[] = [];

/** The ISO week of the demo day (Monday 23 to Sunday 29 November 2026). */
const WEEK = { from: '2026-11-23', to: '2026-11-29' };
/** The demo's ring-no-answer rep (app/server/demo/center.ts, DEMO_PLANTED.reps.ringNoAnswer). */
const BRIAN = 'brian-kowalski';

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  ({ page } = await signedInPage(browser, app.url, 'lead'));
});

afterAll(async () => {
  for (const c of others) await c.close();
  await browser?.close();
  await app?.stop();
});

/** Waits for what a user would see; generous, since the machine may be busy with other test files. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });
/** A drawn path: a `d` with at least one line segment (not the empty path of a chart without data). */
const drawn = (d: string | null) => !!d && /^M/.test(d) && /[LCHV]/.test(d.slice(1));
const loadMs = (headers: Record<string, string> | undefined) => Number(/load;dur=([\d.]+)/.exec(headers?.['server-timing'] ?? '')?.[1]);

interface RepActivity {
  reps: { rep_id: string; handled: number }[];
}
interface RepReview {
  quality: { quality_score: number; evaluations: number } | null;
}

describe('the Reps page', () => {
  it('lists the week\'s reps with the rep-activity API\'s figures and a drawn trend each, sorts, and opens a rep', async () => {
    const res = await page.goto(`/reps?period=week&date=${DEMO.day}`);
    expect(res?.status()).toBe(200);
    expect(loadMs(res?.headers())).toBeGreaterThan(0); // its server time is reported; the page bench measures it
    await poll(() => page.locator('.period-label').textContent()).toBe('Week of Nov 23 – Nov 29, 2026');

    const api = await apiGet<RepActivity>(page, `/api/metrics/rep-activity?from=${WEEK.from}&to=${WEEK.to}`);
    const rows = page.locator('tr[data-rep-id]');
    expect(await rows.count()).toBe(api.reps.length);
    for (const r of api.reps) {
      expect(await page.locator(`tr[data-rep-id="${r.rep_id}"]`).getAttribute('data-handled'), r.rep_id).toBe(String(r.handled));
    }
    await poll(async () => drawn(await page.locator('tr[data-rep-id] path.series-line[data-series="handled"]').first().getAttribute('d'))).toBe(true);

    await page.getByRole('link', { name: 'Quality score' }).click();
    await page.waitForURL((u) => u.searchParams.get('sort') === 'quality_score');
    expect(new URL(page.url()).searchParams.get('dir')).toBe('desc');
    const scores = (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-quality')))).filter((v) => v !== '').map(Number);
    expect(scores.length).toBeGreaterThan(5);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // The ring-no-answer rep scores lowest: ringing out a quarter of the offers costs them that part.
    expect(await rows.last().getAttribute('data-rep-id')).toBe(BRIAN);

    await page.getByRole('link', { name: 'Brian Kowalski' }).click();
    await page.waitForURL((u) => u.pathname === `/reps/${BRIAN}`);
    await poll(() => page.locator('h1').textContent()).toBe('Brian Kowalski');
  });

  it('shows a rep\'s figures and quality breakdown equal to the API, and weekly charts with real marks and axes', async () => {
    const res = await page.goto(`/reps/${BRIAN}?period=week&date=${DEMO.day}`);
    expect(loadMs(res?.headers())).toBeGreaterThan(0); // its server time is reported; the page bench measures it
    const api = await apiGet<RepReview>(page, `/api/quality/reps/${BRIAN}?from=${WEEK.from}&to=${WEEK.to}`);
    const score = page.getByTestId('quality-score');
    expect(await score.getAttribute('data-value')).toBe(String(api.quality!.quality_score));
    expect(await score.textContent()).toBe(api.quality!.quality_score.toFixed(1));
    expect(await page.locator('tr[data-component="ring_no_answer"]').textContent()).toMatch(/offers rang out/);
    expect(await page.locator('tr[data-component="evaluations"]').textContent()).toMatch(/left out/);

    for (const series of ['handled', 'aht_s', 'team_aht_s', 'ring_no_answer_rate', 'quality_score']) {
      await poll(async () => drawn(await page.locator(`.weekly-chart path.series-line[data-series="${series}"]`).getAttribute('d'))).toBe(true);
    }
    const ticks = await page.locator('.weekly-chart .lc-axis-tick-label').allTextContents();
    expect(ticks).toEqual(expect.arrayContaining(['Nov 23', '100', '0']));
    await reviewShot(page, 'rep-page.png', { fullPage: true });
  });
});

describe('feedback notes', () => {
  let repId: string;
  let rep: Page;
  // (unique, and never a 13-digit number: one that passes the Luhn check is redacted as a card number)
  const text = `Praise for the calm way you handled the bulky-item caller (ref ${Date.now().toString(36)})`;

  beforeAll(async () => {
    const signed = await signedInPage(browser, app.url, 'rep');
    others.push(signed.context);
    rep = signed.page;
    repId = (await apiGet<{ user: { rep_id: string } }>(rep, '/api/session')).user.rep_id;
  });

  it('a lead writes a note for a rep and finds it after a reload; an edit keeps the first words', async () => {
    await page.goto(`/reps/${repId}?period=week&date=${DEMO.day}`);
    await waitForApp(page); // the note form's buttons work once the page is hydrated
    await page.getByText(/^Write a note for /).click();
    await page.getByLabel('Category').selectOption('praise');
    await page.getByLabel('Note', { exact: true }).fill(text);
    await page.getByLabel('About the day').fill(DEMO.day);
    await page.getByLabel('Follow up on').fill('2026-12-01');
    await page.getByRole('button', { name: 'Save note' }).click();
    await poll(() => page.getByRole('status').textContent()).toBe('The note is saved.');

    await page.reload();
    const note = page.locator('article.note', { hasText: text });
    await poll(() => note.count()).toBe(1);
    expect(await note.locator('.category').textContent()).toBe('Praise');
    expect(await note.textContent()).toMatch(/Follow up on Tuesday, December 1, 2026/);

    const mine = page.locator(`article[data-note-id="${await note.getAttribute('data-note-id')}"]`);
    await mine.getByRole('button', { name: 'Edit' }).click();
    await mine.getByLabel('Note', { exact: true }).fill(`${text} Keep it up.`);
    await mine.getByRole('button', { name: 'Save changes' }).click();
    await poll(() => mine.locator('.text').textContent()).toBe(`${text} Keep it up.`);
    await page.reload();
    const edited = page.locator('article.note', { hasText: 'Keep it up.' });
    await poll(() => edited.textContent()).toMatch(/edited \(version 2\)/);
    await edited.getByRole('button', { name: 'History' }).click();
    await poll(() => edited.locator('.history li').count()).toBe(2);
    expect(await edited.locator('.history li').first().textContent()).toContain(text);
  });

  it('the rep sees it on their own page, acknowledges it, and may not write notes or open other pages', async () => {
    await rep.goto(`/reps/${repId}`);
    await waitForApp(rep); // "I have read this" works once the page is hydrated
    const note = rep.locator('article.note', { hasText: 'Keep it up.' });
    await poll(() => note.count()).toBe(1);
    expect(await rep.getByText(/^Write a note for /).count()).toBe(0);
    expect(await note.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    await note.getByRole('button', { name: 'I have read this' }).click();
    await poll(() => note.locator('.state').textContent()).toBe('Acknowledged by the rep');
    await rep.reload();
    expect(await rep.locator('article.note', { hasText: 'Keep it up.' }).locator('.state').textContent()).toBe('Acknowledged by the rep');
    expect((await rep.goto('/reps'))?.status()).toBe(403);
    expect((await rep.goto('/calls'))?.status()).toBe(403);
  });
});

describe('quality evaluations', () => {
  it('a lead defines a form, evaluates a call found on the Calls page, and the rep\'s quality score moves', async () => {
    await page.goto('/quality');
    await page.getByRole('link', { name: 'Define a new form' }).click();
    await page.waitForURL((u) => u.searchParams.get('form') === 'new');
    await page.getByLabel('Form name').fill('Billing calls (browser test)');
    await page.getByRole('button', { name: 'Save the form' }).click();
    await page.waitForURL((u) => u.searchParams.get('saved') === '1');
    await poll(() => page.getByRole('status').textContent()).toBe('Saved as version 1.');

    const before = await apiGet<RepReview>(page, `/api/quality/reps/${BRIAN}?from=${WEEK.from}&to=${WEEK.to}`);
    expect(before.quality!.evaluations).toBe(0);

    await page.goto(`/calls?rep=${BRIAN}&from=${DEMO.day}&to=${DEMO.day}&outcome=answered`);
    const first = page.locator('tr[data-call-id]').first();
    const callId = await first.getAttribute('data-call-id');
    await first.locator('a').first().click();
    await page.waitForURL((u) => u.searchParams.get('call') === callId);
    await page.getByRole('link', { name: "Evaluate Brian Kowalski's call" }).click();
    await page.waitForURL((u) => u.pathname === '/quality' && u.searchParams.get('evaluate') === callId);

    // The starter form: weights 1, 2 (critical) | 2, 3, 2 | 1; "Gives correct information" (3) answered no.
    await page.getByRole('group', { name: /Gives correct information/ }).getByRole('radio', { name: 'No' }).check();
    await page.getByRole('group', { name: /Verifies the caller/ }).getByRole('radio', { name: 'Yes' }).check();
    await page.getByRole('button', { name: 'Answer the rest “Yes”' }).click();
    await poll(() => page.getByTestId('live-score').textContent()).toBe(((100 * 8) / 11).toFixed(1));
    await page.getByLabel('Comment for the rep').fill('Check the account before quoting the amount due.');
    await page.getByRole('button', { name: 'Save the evaluation' }).click();
    await poll(() => page.getByRole('status').textContent()).toMatch(/scores 72\.7/);

    await page.getByRole('link', { name: "See Brian Kowalski's quality score" }).click();
    await page.waitForURL((u) => u.pathname === `/reps/${BRIAN}`);
    const after = await apiGet<RepReview>(page, `/api/quality/reps/${BRIAN}?from=${WEEK.from}&to=${WEEK.to}`);
    expect(after.quality!.evaluations).toBe(1);
    expect(after.quality!.quality_score).not.toBe(before.quality!.quality_score);
    const shown = page.getByTestId('quality-score');
    await poll(() => shown.textContent()).toBe(after.quality!.quality_score.toFixed(1));
    expect(await shown.textContent()).not.toBe(before.quality!.quality_score.toFixed(1));
    expect(await page.locator('tr[data-component="evaluations"]').textContent()).toMatch(/72\.7.*mean of 1 evaluation/s);
    expect(await page.locator('.evaluations').textContent()).toContain('72.7');
    await poll(async () => drawn(await page.locator('.weekly-chart path.series-line[data-series="quality_score"]').getAttribute('d'))).toBe(true);
    await reviewShot(page, 'rep-page-evaluated.png', { fullPage: true });
  });
});

describe('the Calls page', () => {
  it('finds a caller by part of their number and opens the call\'s timeline and the caller\'s history', async () => {
    const { calls } = await apiGet<{ calls: { id: string; caller: string }[] }>(page, `/api/calls?from=${DEMO.day}&to=${DEMO.day}&outcome=transferred&limit=1`);
    const call = calls[0];
    const history = await apiGet<{ calls: unknown[] }>(page, `/api/calls/${call.id}/history`);

    await page.goto('/calls');
    await waitForApp(page);
    await page.getByLabel('Caller number').fill(call.caller.slice(-7));
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((u) => u.searchParams.get('caller') === call.caller.slice(-7));
    expect(new URL(page.url()).search).toBe(`?caller=${call.caller.slice(-7)}`); // only what was set
    const row = page.locator(`.results tr[data-call-id="${call.id}"]`);
    await poll(() => row.count()).toBe(1);
    const found = await page.locator('.results tr[data-call-id] td.mono').allTextContents();
    expect(found.every((n) => n.includes(call.caller.slice(-7)))).toBe(true);

    await row.locator('a').first().click();
    await page.waitForURL((u) => u.searchParams.get('call') === call.id);
    const steps = page.getByRole('list', { name: 'Call timeline' }).locator('li');
    await poll(() => steps.count()).toBeGreaterThan(3);
    const texts = await steps.allTextContents();
    expect(texts.some((t) => /Entered /.test(t))).toBe(true);
    expect(texts.some((t) => /Answered by /.test(t))).toBe(true);
    expect(texts.some((t) => /transferred by /i.test(t))).toBe(true);
    expect(await page.getByRole('heading', { name: new RegExp(`Every call of ${call.caller}`) }).count()).toBe(1);
    expect(await page.locator('.detail tr[data-call-id]').count()).toBe(history.calls.length);
  });
});
