/**
 * Open data on the built server: off by default (404 to everyone), an admin turns it on on the
 * Settings page, then anyone without signing in reads the index and the files under /open-data/,
 * whose figures are GET /api/metrics's rows; spellings of paths that leave /open-data/ open nothing
 * else; turned off, it is 404 again. Screenshots of the Settings part and the index (laptop, phone).
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './app-server.ts';
import { axeViolations, demoLogin, launchBrowser, reviewShot, sidewaysOverflow, signedInPage, waitForApp } from './browser.ts';

const PHONE = { width: 390, height: 844 };

let app: RunningApp;
let browser: Browser;
let adminCookie: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  const res = await fetch(`${app.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.url },
    body: JSON.stringify(demoLogin('admin'))
  });
  adminCookie = res.headers.get('set-cookie')!.split(';')[0];
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A request sent with the path exactly as written (fetch would normalise `..` and `%2e`). */
function raw(path: string, cookie = ''): Promise<{ status: number; location: string; body: string }> {
  const url = new URL(app.url);
  return new Promise((done, fail) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, headers: { cookie } }, (res) => {
      let body = '';
      res.on('data', (b) => (body += b));
      res.on('end', () => done({ status: res.statusCode!, location: String(res.headers.location ?? ''), body }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** What the server decided for a signed-out request: ok, login, or the status. */
async function decision(path: string): Promise<string> {
  const r = await raw(path);
  if (r.status === 303 && r.location.startsWith('/login')) return 'login';
  if (r.status === 200 && /"location":"\/login/.test(r.body)) return 'login';
  // A page's data (__data.json) carries its load's refusal inside: {"type":"data","nodes":[..., {"type":"error","status":404}]}.
  if (r.status === 200 && r.body.startsWith('{"type":"data"')) {
    const nodes = (JSON.parse(r.body.split('\n')[0]).nodes ?? []) as ({ type: string; status?: number } | null)[];
    const refused = nodes.find((n) => n?.type === 'error');
    if (refused) return String(refused.status ?? 500);
  }
  return r.status === 308 ? `normalise:${r.location}` : String(r.status);
}

const setOpenData = async (enabled: boolean) => {
  const res = await fetch(`${app.url}/api/settings/open-data`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', origin: app.url, cookie: adminCookie },
    body: JSON.stringify({ enabled })
  });
  expect(res.status).toBe(200);
  return res.json();
};

async function settingsSection(page: Page) {
  await page.goto('/settings');
  await waitForApp(page);
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Open data' }) });
  await section.getByRole('button').first().waitFor();
  return section;
}

describe('open data', () => {
  it('is off by default: 404 to everyone, signed in or not', async () => {
    for (const path of ['/open-data', '/open-data/daily.csv', '/open-data/schema.json']) {
      expect(await decision(path), path).toBe('404');
      expect((await raw(path, adminCookie)).status, `admin ${path}`).toBe(404);
    }
  });

  it('an admin turns it on in Settings (audited), on a laptop and a phone', async () => {
    const { context, page } = await signedInPage(browser, app.url, 'admin');
    try {
      const section = await settingsSection(page);
      await expect.poll(() => section.textContent()).toMatch(/Off:/);
      await reviewShot(section, 'open-data-settings-off.png');
      await section.getByRole('button', { name: 'Publish open data' }).click();
      await expect.poll(() => section.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/Open data is on and published/);
      await expect.poll(() => section.textContent()).toMatch(/On: published at \/open-data, last written/);
      await reviewShot(section, 'open-data-settings-on.png');
      expect(await axeViolations(page)).toEqual([]);
      const audit = await page.request.get('/api/audit?entity=setting', { headers: { accept: 'application/json' } });
      expect(JSON.stringify(await audit.json())).toMatch(/open_data_enabled/);
      // The same page opened again on a phone (the same user: no second context to start).
      await page.goto('about:blank');
      await page.setViewportSize(PHONE);
      const phoneSection = await settingsSection(page);
      await expect.poll(() => phoneSection.textContent()).toMatch(/On:/);
      expect(await sidewaysOverflow(page)).toBe(0);
      await reviewShot(phoneSection, 'open-data-settings-phone.png');
    } finally {
      await context.close();
    }
  });

  it("serves the files to anyone without signing in, with the metrics' own figures", async () => {
    const daily = await fetch(`${app.url}/open-data/daily.json`);
    expect(daily.status).toBe(200);
    expect(daily.headers.get('content-type')).toMatch(/^application\/json/);
    expect(daily.headers.get('access-control-allow-origin')).toBe('*');
    const doc = await daily.json();
    expect(doc.rows.length).toBeGreaterThan(20);
    const api = await fetch(`${app.url}/api/metrics?from=${doc.from}&to=${doc.to}&by=day&group=queue`, { headers: { cookie: adminCookie } });
    const { rows } = await api.json();
    expect(doc.rows).toHaveLength(rows.length);
    for (const row of doc.rows) {
      const m = rows.find((r: { period_start: string; queue: string }) => r.period_start === row.period_start && r.queue === row.queue);
      expect({ offered: row.offered, answered: row.answered, lost_rate: row.lost_rate, service_level: row.service_level, asa_s: row.asa_s }).toEqual({
        offered: m.offered, answered: m.answered, lost_rate: m.lost_rate, service_level: m.service_level, asa_s: m.asa_s
      });
    }
    const csv = await fetch(`${app.url}/open-data/monthly.csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\r\n')[0]).toMatch(/^period,period_start,queue,queue_name,offered,answered,/);
  });

  it('shows the index with the files and the definitions, readable on a phone', async () => {
    // One signed-out context for both sizes (the page left for about:blank and sized before each).
    const context = await browser.newContext({ baseURL: app.url });
    const page = await context.newPage();
    try {
      for (const [viewport, name] of [[{ width: 1366, height: 900 }, 'open-data-index.png'], [PHONE, 'open-data-index-phone.png']] as const) {
        await page.goto('about:blank');
        await page.setViewportSize(viewport);
        const res = await page.goto('/open-data');
        expect(res?.status()).toBe(200);
        await waitForApp(page);
        await expect.poll(() => page.getByRole('link', { name: 'daily.csv' }).count()).toBe(1);
        expect(await page.getByRole('heading', { name: 'Columns and definitions' }).count()).toBe(1);
        expect(await page.getByRole('link', { name: 'Sign out' }).count()).toBe(0);
        expect(await axeViolations(page)).toEqual([]);
        expect(await sidewaysOverflow(page)).toBe(0);
        await reviewShot(page, name, { fullPage: true });
      }
    } finally {
      await context.close();
    }
  });

  it('opens nothing but /open-data/ to strangers, however the path is spelt', async () => {
    const want: [string, string][] = [
      ['/open-data', '200'],
      ['/open-data/daily.csv', '200'],
      ['/%6Fpen-data/daily.csv', '200'], // the same route, as SvelteKit decodes it
      ['/open-data/__data.json', '200'], // the index's own data: the file list and schema
      ['/open-data/', 'normalise:/open-data'],
      ['/open-data/nothing.csv', '404'],
      ['/open-data/DAILY.CSV', '404'],
      ['/open-data/daily.csv;x', '404'],
      ['/open-data/daily.csv.tmp', '404'],
      ['/open-data/.%2Fdaily.csv', '404'],
      ['/open-data/..%2Fcallboard.duckdb', '404'],
      ['/open-data/%2e%2e%2fcallboard.duckdb', '404'],
      ['/open-data%2Fdaily.csv', '404'],
      ['/open-data/daily.csv/x', '404'],
      ['/open-data/../calls', 'login'],
      ['/open-data/%2e%2e/calls', 'login'],
      ['/open-data/../settings', 'login'],
      ['/open-data/../api/metrics?from=2026-11-24&to=2026-11-24', '401'],
      ['/open-data/..%2Fapi%2Fmetrics', '404'],
      ['/calls', 'login'],
      ['/%63alls', 'login'],
      ['/settings', 'login'],
      ['/api/settings/open-data', '401'],
      ['/api/metrics?from=2026-11-24&to=2026-11-24', '401']
    ];
    const got: [string, string][] = [];
    for (const [path] of want) got.push([path, await decision(path)]);
    expect(got).toEqual(want);
    // The files hold no caller's number and no rep.
    const lead = await fetch(`${app.url}/api/calls?from=2026-11-24&to=2026-11-24`, { headers: { cookie: adminCookie } });
    const numbers = (await lead.json()).calls.map((c: { caller: string | null }) => c.caller).filter((n: string | null) => n && n.length >= 7).slice(0, 30);
    expect(numbers.length).toBeGreaterThan(0);
    for (const file of ['daily.csv', 'daily.json', 'monthly.csv', 'monthly.json', 'schema.json']) {
      const text = (await raw(`/open-data/${file}`)).body;
      expect(numbers.filter((n: string) => text.includes(n)), file).toEqual([]);
      expect(text, file).not.toMatch(/PJSIP\/|Agent\/|"rep"/);
    }
  });

  it('turned off, is 404 again', async () => {
    expect((await setOpenData(false)).enabled).toBe(false);
    for (const path of ['/open-data', '/open-data/daily.csv', '/open-data/__data.json']) expect(await decision(path), path).toBe('404');
  });
});
