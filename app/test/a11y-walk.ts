/**
 * The accessibility walk (a11y-*.browser.test.ts): every page, for every role the page table lets
 * open it, on a laptop (1366 wide) and a phone (390×844): axe-core finds no WCAG 2.1 AA violation, no
 * page scrolls sideways on the phone (tables scroll inside their box), every control the keyboard
 * reaches shows where the focus is, and every chart has a text alternative. One server and one browser
 * page per file, signed in as each role in turn; the admin's pages are walked with the Tab key while
 * they are open for axe.
 * The roles are shared out over three files so that a full run's two workers share the walk (one file
 * was the run's longest, over three minutes, while the other worker ran out of files).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { pageAccess } from '../api/access.ts';
import type { Role } from '../server/accounts.ts';
import { DEMO, startApp, type RunningApp } from './app-server.ts';
import { apiGet, axeViolations, launchBrowser, reviewShot, sidewaysOverflow, signInAgain, withAxe, type AxeViolation } from './browser.ts';
import { countRequests, settled } from './settled.ts';

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 900 };
/**
 * The walk's files (`a11y-<name>.browser.test.ts`) and what each walks: between them every role a
 * person signs in with, once, the sign-in page and the admin's Tab walk (a11y-walks.test.ts checks
 * it). About a minute each: the admin's pages are the most, with the Tab walk on top.
 */
export const WALKS = {
  admin: { roles: ['admin'], keyboard: true },
  'manager-rep': { roles: ['manager', 'rep'] },
  'lead-scheduler': { roles: ['lead', 'scheduler'], signedOut: true }
} satisfies Record<string, { roles: Role[]; signedOut?: boolean; keyboard?: boolean }>;

let app: RunningApp;
let browser: Browser;
/**
 * The walk's one page, in one context for the file (a context costs about a second of Chromium's CPU:
 * a renderer started, the app's scripts fetched and compiled): its pages carry axe-core and count their
 * requests (`open` waits for them); `signInAgain` makes it each role in turn.
 */
let page: Page;
/** Ids the parameterised pages need: a rep (the demo rep user's own) and a built report. */
let ids: { rep: string; report: string };

/** One server, browser connection and page for the file, and the ids its pages need. */
function startOnce(): void {
  beforeAll(async () => {
    // The module outlives a file: the browser files share their worker's modules.
    focusWalks.clear();
    sentHome.clear();
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    const context = await browser.newContext({ baseURL: app.url, viewport: LAPTOP });
    await Promise.all([withAxe(context), countRequests(context)]);
    page = await context.newPage();
    await signInAgain(page, app.url, 'lead');
    const reps = await apiGet<{ reps: { id: string }[] }>(page, '/api/reps');
    const made = await page.request.post('/api/reports', { data: { kind: 'weekly', period: '2026-W47' }, headers: { origin: app.url } });
    if (!made.ok()) throw new Error(`POST /api/reports: ${made.status()} ${await made.text()}`);
    const { report } = (await made.json()) as { report: { id: number } };
    await signInAgain(page, app.url, 'rep');
    const session = await apiGet<{ user: { rep_id: string } }>(page, '/api/session');
    ids = { rep: session.user.rep_id, report: String(report.id) };
    expect(reps.reps.map((r) => r.id)).toContain(ids.rep);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
}

/** The page table's patterns a role may open. */
const patternsOf = (role: Role) => Object.entries(pageAccess).filter(([, rule]) => 'roles' in rule && rule.roles.includes(role)).map(([pattern]) => pattern);

/** Pages shown on dates of the demo's data (their default, today, may have none): the widest tables and charts. */
const WITH_DATA: Record<string, string> = {
  '/day': `?date=${DEMO.day}`,
  '/reps': `?date=${DEMO.day}`,
  '/reps/:id': `?date=${DEMO.day}`,
  '/calls': `?from=${DEMO.day}&to=${DEMO.day}`,
  '/quality': `?from=2026-10-26&to=${DEMO.day}`,
  '/trends': `?from=2026-10-21&to=${DEMO.day}`,
  '/schedule': '?week=2026-11-23'
};

/** A page pattern as an address to visit. */
const address = (pattern: string) => pattern.replace(':id', pattern.startsWith('/reps') ? ids.rep : ids.report) + (WITH_DATA[pattern] ?? '');

/** Open a page and wait until it is hydrated and its data and charts have arrived. */
async function open(page: Page, path: string): Promise<void> {
  const res = await page.goto(path);
  expect(res?.status(), `${path} answered`).toBe(200);
  await settled(page);
}

const describeViolations = (where: string, vs: AxeViolation[]) =>
  vs.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.slice(0, 4).join('\n    ')}`).join('\n');

/** Charts (svg drawn by layerchart) without a text alternative: a role="img" + label around it, or a data table. */
async function chartsWithoutText(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('svg')]
      .filter((svg) => svg.getBoundingClientRect().width > 120 && svg.closest('button, a, summary') === null)
      .filter((svg) => {
        const summary = svg.closest('[role="img"][aria-label]');
        const text = svg.closest('figure, [data-chart]')?.querySelector('table, figcaption .visually-hidden');
        return !summary && !text;
      })
      .map((svg) => (svg.closest('section, .panel, figure')?.querySelector('h2, h3')?.textContent ?? svg.outerHTML.slice(0, 80)).trim())
  );
}

/** The outermost elements reaching past the window's right edge outside any box that scrolls (what widens the page). */
async function tooWide(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const W = window.innerWidth;
    const inScroller = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true;
      return false;
    };
    const wide = [...document.querySelectorAll('main *')].filter((el) => el.getBoundingClientRect().right > W + 1 && !inScroller(el));
    return wide
      .filter((el) => !wide.some((o) => o !== el && o.contains(el) && o.getBoundingClientRect().right >= el.getBoundingClientRect().right))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right ${Math.round(el.getBoundingClientRect().right)} px)`);
  });
}

/** Visible table captions wider than the window: a caption is as wide as its table, so in a box that scrolls its text runs out of view. */
async function captionsCutOff(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main caption')]
      .filter((c) => c.closest('.visually-hidden') === null && c.getBoundingClientRect().width > window.innerWidth)
      .map((c) => `"${c.textContent?.trim().slice(0, 60)}"`)
  );
}

/** Axis labels that overlap their neighbour on the same row of the same chart (unreadable on a phone). */
async function overlappingAxisLabels(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('svg')].flatMap((svg) => {
      const rows = new Map<number, DOMRect[]>();
      for (const label of svg.querySelectorAll('.lc-axis-tick-label')) {
        const r = label.getBoundingClientRect();
        if (r.width === 0 || !label.textContent?.trim()) continue;
        const key = Math.round(r.top);
        rows.set(key, [...(rows.get(key) ?? []), r]);
      }
      return [...rows.values()].flatMap((rects) => {
        rects.sort((a, b) => a.left - b.left);
        return rects.slice(1).filter((r, i) => r.left < rects[i].right - 1).map((r) => `labels at x=${Math.round(rects[rects.indexOf(r) - 1].left)} and ${Math.round(r.left)}`);
      });
    })
  );
}

/** What a Tab stop shows: null when the focus is on no control (the body: past the page's last one). */
type TabStop = { shown: boolean; what: string } | null;

/**
 * Tabs through the page as it is (up to 30 stops from the top, or until the focus leaves its last
 * control) and answers each control the focus reached without a visible outline or ring. The page
 * notes each stop itself as the Tab key comes up (the focus moves as it goes down), so the presses
 * are read ten at a time, not one round trip each; presses past the last control start again at
 * the top (controls already seen) and are not counted.
 */
async function focusWithoutOutline(page: Page, path: string): Promise<string[]> {
  await page.locator('body').focus();
  await page.evaluate(() => {
    const stops: TabStop[] = [];
    (window as unknown as { __tabStops: TabStop[] }).__tabStops = stops;
    addEventListener(
      'keyup',
      (e) => {
        if (e.key !== 'Tab') return;
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return void stops.push(null);
        const style = getComputedStyle(el);
        const shown = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
        stops.push({ shown, what: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"` });
      },
      { capture: true }
    );
  });
  let stops: TabStop[] = [];
  for (let pressed = 0; pressed < 30 && !stops.includes(null); ) {
    for (const end = pressed + 10; pressed < end; pressed++) await page.keyboard.press('Tab');
    stops = await page.evaluate(() => (window as unknown as { __tabStops: TabStop[] }).__tabStops);
    expect(stops.length, `${path}: every Tab reached the page`).toBe(pressed);
  }
  const reached = stops.slice(0, stops.includes(null) ? stops.indexOf(null) : 30) as Exclude<TabStop, null>[];
  return reached.filter((s) => !s.shown).map((s) => `${path}: ${s.what}`);
}

/**
 * The Tab walk of each admin page, made while the admin's page test has it open on the laptop (a page
 * load less each); the keyboard test below asserts on them, walking itself any page not walked yet
 * (when it runs alone).
 */
const focusWalks = new Map<string, string[]>();
/** The roles whose `/` is a page walked at its own address too (walked there, not twice). */
const sentHome = new Set<Role>();

/**
 * The walk `name` of WALKS, in the calling test file: one server, browser connection and page, signed
 * in as each role in turn; `signedOut` adds the sign-in page, `keyboard` the Tab walk of the admin's pages.
 */
export function walkPages(name: keyof typeof WALKS): void {
  const walk: { roles: Role[]; signedOut?: boolean; keyboard?: boolean } = WALKS[name];
  const { roles, signedOut = false, keyboard = false } = walk;
  startOnce();
  describe.each(roles)('every page a %s may open', (role) => {
    beforeAll(() => signInAgain(page, app.url, role));

    it.each(patternsOf(role))('%s meets WCAG 2.1 AA, fits a phone and labels its charts', async (pattern) => {
      const path = address(pattern);
      if (pattern === '/') {
        // `/` sends the role home; a home walked here at the same address (the admin's /settings, the
        // scheduler's /coverage) is checked by its own test: the same page twice would be checked twice.
        const res = await page.request.get('/', { maxRedirects: 0 });
        expect(res.status(), '/ sends the role home').toBe(303);
        const home = res.headers().location;
        const walked = patternsOf(role).filter((p) => p !== '/').map(address);
        if (walked.includes(home)) return void sentHome.add(role);
      }
      const problems: string[] = [];
      if (page.viewportSize()?.width !== LAPTOP.width) {
        // Off the last page first: widening it again would lay it out (and redraw its charts) for nothing.
        await page.goto('about:blank');
        await page.setViewportSize(LAPTOP);
      }
      await open(page, path);
      problems.push(describeViolations(`${role} ${path} laptop`, await axeViolations(page)));
      for (const chart of await chartsWithoutText(page)) problems.push(`${role} ${path}: a chart without a text alternative (${chart})`);

      await page.setViewportSize(PHONE);
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))); // the page's own resize work
      const wider = await sidewaysOverflow(page);
      if (wider > 0) problems.push(`${role} ${path} phone: the page scrolls ${wider} px sideways, past the window: ${(await tooWide(page)).join('; ')}`);
      for (const overlap of await overlappingAxisLabels(page)) problems.push(`${role} ${path} phone: chart axis ${overlap} overlap`);
      for (const caption of await captionsCutOff(page)) problems.push(`${role} ${path} phone: the caption ${caption} is wider than the window (cut off where its table scrolls): put it above the scroll box`);
      problems.push(describeViolations(`${role} ${path} phone`, await axeViolations(page)));
      if ((role === 'admin' || role === 'rep') && pattern !== '/') { // a phone shot of every page (the rep's home is their page)
        const name = path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';
        await reviewShot(page, `a11y-${role}-${name}-phone.png`, { fullPage: true });
      }
      if (role === 'admin') {
        await page.setViewportSize(LAPTOP);
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        focusWalks.set(path, await focusWithoutOutline(page, path));
      }
      expect(problems.filter(Boolean).join('\n')).toBe('');
    });
  });

  if (signedOut) {
    describe('signed out', () => {
      it('the sign-in page meets WCAG 2.1 AA and fits a phone', async () => {
        await signInAgain(page, app.url, null, PHONE);
        await open(page, '/login');
        expect(await sidewaysOverflow(page)).toBe(0);
        expect(describeViolations('/login phone', await axeViolations(page))).toBe('');
        await page.setViewportSize(LAPTOP);
        expect(describeViolations('/login laptop', await axeViolations(page))).toBe('');
      });
    });
  }

  if (keyboard) {
    describe('keyboard focus', () => {
      it('shows an outline on every control the Tab key reaches (the date field and its calendar button too)', { timeout: 300_000 }, async () => {
        const paths = patternsOf('admin').filter((p) => p !== '/' || !sentHome.has('admin')).map(address);
        const notWalked = paths.filter((path) => !focusWalks.has(path));
        if (notWalked.length > 0) {
          await signInAgain(page, app.url, 'admin', LAPTOP);
          for (const path of notWalked) {
            await open(page, path);
            focusWalks.set(path, await focusWithoutOutline(page, path));
          }
        }
        expect(paths.filter((path) => !focusWalks.has(path))).toEqual([]);
        expect([...new Set(paths.flatMap((path) => focusWalks.get(path)!))]).toEqual([]);
      });
    });
  }
}
