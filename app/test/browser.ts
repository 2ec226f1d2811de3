/**
 * Chromium for browser tests: Debian's package driven by playwright-core (which downloads no browser).
 * Missing Chromium is a failure naming the install command, never a skip.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ROOT } from './build-app.ts';

export const INSTALL_CHROMIUM = 'apt-get update && apt-get install -y chromium';
export const SCREENSHOTS = join(ROOT, 'test-results');

/** Chromium's flags as root in a container: no sandbox, no GPU, no background networking (the network is closed). */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** How to launch headless Chromium here, or null when it is not installed. */
export function chromiumLaunch(): { executablePath: string; headless: true; args: string[] } | null {
  const executablePath = chromiumPath();
  return existsSync(executablePath) ? { executablePath, headless: true, args: FLAGS } : null;
}

/**
 * Headless Chromium: in a vitest run of the browser files, a connection to the run's shared one
 * (shared-browser.ts, their globalSetup); elsewhere a launch of its own. Playwright gives every
 * launch a fresh temporary profile (its own --user-data-dir, removed on close); it refuses a
 * --user-data-dir among the arguments. `close()` ends a launch, or closes a connection's contexts
 * and disconnects.
 */
export async function launchBrowser(): Promise<Browser> {
  const options = chromiumLaunch();
  if (!options) throw new Error(`Chromium is not installed at ${chromiumPath()} (set CHROMIUM_PATH, or install it: ${INSTALL_CHROMIUM})`);
  const endpoint = process.env.VITEST ? (await import('vitest')).inject('chromiumEndpoint') : undefined;
  return endpoint ? chromium.connect(endpoint) : chromium.launch(options);
}

export type DemoRole = 'admin' | 'manager' | 'lead' | 'scheduler' | 'rep' | 'wallboard';

/** The demo sign-ins seedDemo creates (demo databases only). */
export const demoLogin = (role: DemoRole) => ({ username: role, password: `demo-${role}-pass` });

/**
 * Waits until the page is interactive (the root layout marks <html data-hydrated> once hydrated):
 * before that, server-rendered HTML shows but clicks and typing do not reach the page's code.
 */
export async function waitForApp(page: Page): Promise<void> {
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

/** Signs in through the /login form as a user would, and waits until the app has moved on. */
export async function signIn(page: Page, role: DemoRole, baseUrl?: string): Promise<void> {
  const { username, password } = demoLogin(role);
  await page.goto(baseUrl ? `${baseUrl}/login` : '/login');
  await waitForApp(page);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

export interface SignedIn {
  context: BrowserContext;
  page: Page;
}

/**
 * A new browser context (own cookies) at `baseURL`, signed in as `role` the way the sign-in page
 * signs in (POST /api/session; the context keeps the session cookie), with a blank page: `page.goto`
 * where the test starts. No sign-in page and no home page are drawn on the way (a manager's home,
 * Trends, costs seconds); tests about signing in and where it lands use `signIn`, the form.
 */
export async function signedInPage(browser: Browser, baseURL: string, role: DemoRole, viewport = { width: 1366, height: 900 }): Promise<SignedIn> {
  const context = await browser.newContext({ baseURL, viewport });
  await signInContext(context, baseURL, role);
  return { context, page: await context.newPage() };
}

/** Signs a context (made with `baseURL`) in as `role` through POST /api/session: its pages share the session. */
export async function signInContext(context: BrowserContext, baseURL: string, role: DemoRole): Promise<void> {
  const res = await context.request.post('/api/session', { data: demoLogin(role), headers: { origin: baseURL } });
  if (!res.ok()) throw new Error(`signing in as ${role}: POST /api/session ${res.status()} ${await res.text()}`);
}

/**
 * The same page as another user (`null`: signed out) and at `viewport`, ready for the next `goto`:
 * the context's cookies cleared (the session cookie is all the app keeps in a browser), signed in
 * as `role` through the API, the page left for about:blank and sized. Cheaper than a new context,
 * about a second of Chromium's CPU before its first page shows (a renderer started, the app's
 * scripts fetched and compiled again). The context must have been made with `baseURL`.
 */
export async function signInAgain(page: Page, baseURL: string, role: DemoRole | null, viewport = { width: 1366, height: 900 }): Promise<Page> {
  await page.context().clearCookies();
  if (role) await signInContext(page.context(), baseURL, role);
  await page.goto('about:blank');
  await page.setViewportSize(viewport);
  return page;
}

/** GET a JSON API answer with the page's own session (same cookies as the page). */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path, { headers: { accept: 'application/json' } });
  if (!res.ok()) throw new Error(`GET ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Whether the browser files take their review screenshots (test-results/): with
 * CALLBOARD_SCREENSHOTS=1. They are pictures for a person to look at after changing a page, not
 * checks, and a run that nobody looks at spent about 8% of the accessibility walk's CPU on them
 * (a phone-width page of 5,000-6,700 px drawn whole and encoded as PNG: 0.3-0.9 s each).
 */
export const REVIEW_SCREENSHOTS = process.env.CALLBOARD_SCREENSHOTS === '1';

/**
 * A review screenshot of a page or an element as test-results/<name>, taken when
 * REVIEW_SCREENSHOTS. Without it an element is still waited for until it is visible, as its
 * screenshot would have: a test that shot a section still fails when the section is not there.
 */
export async function reviewShot(target: Page | Locator, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  if (REVIEW_SCREENSHOTS) {
    await target.screenshot({ ...opts, path: screenshotPath(name) });
  } else if (!('goto' in target)) {
    await target.waitFor({ state: 'visible' });
  }
}

/** Where screenshots go (test-results/, gitignored); returns the file's path. */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, name);
}

/** axe-core's browser bundle, injected into a page by `axeViolations`. */
const AXE_SCRIPT = join(ROOT, 'node_modules/axe-core/axe.min.js');
/** WCAG 2.1 level A and AA: what a city's software must meet. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** Each offending element: its CSS path and axe's summary of what to fix. */
  nodes: string[];
}

/**
 * Puts axe-core in every page `context` opens (an init script, before the page's own scripts): a walk
 * of many pages then costs no injection per page (`axeViolations` injects it into a page without it,
 * about 0.15 s of the renderer's CPU each time, where the init script's copy is compiled once).
 */
export async function withAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ path: AXE_SCRIPT });
}

/** Runs axe-core on the page as it is now and answers its WCAG 2.1 AA violations, in a readable shape. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const { violations } = await axe.run(document, { runOnly: tags, resultTypes: ['violations'] });
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`)
    }));
  }, WCAG_21_AA);
}

/** How far the page is wider than the window (0: no sideways scroll). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

/** The page's full size against the window's (a board that must fit without scrolling: h ≤ vh, w ≤ vw). */
export function documentSize(page: Page): Promise<{ h: number; w: number; vh: number; vw: number }> {
  return page.evaluate(() => ({ h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth, vh: innerHeight, vw: innerWidth }));
}
