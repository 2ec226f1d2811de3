// settled.ts, the accessibility walk's "page is done" signal, on a page made up here (no app server):
// it waits for a fetch answered later than networkidle's 500 ms quiet, for the fetch that answer starts,
// and for an EventSource's first event, also when the page takes long to read an answer, and names what
// is still pending when it gives up.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { countRequests, settled } from './settled.ts';

const ORIGIN = 'http://settled.test';
const PAGE = `<!doctype html><html lang="en"><title>settled</title><body><script>
  document.documentElement.setAttribute('data-hydrated', '');
  if (location.search === '?slowread') {
    // Reading a body takes the page 150 ms (a big answer on a busy machine): longer than two frames.
    const json = Response.prototype.json;
    Response.prototype.json = function () { return new Promise((done) => setTimeout(done, 150)).then(() => json.call(this)); };
  }
  fetch('/api/slow').then((r) => r.json()).then((a) => {
    document.body.dataset.slow = a.n;
    return fetch('/api/next').then((r) => r.text()).then((t) => (document.body.dataset.next = t));
  });
  new EventSource('/api/stream').addEventListener('snapshot', (e) => (document.body.dataset.stream = e.data));
  if (location.search === '?never') fetch('/api/never');
</script></body></html>`;

const later = (ms: number, route: Route, body: string, contentType = 'application/json') =>
  setTimeout(() => void route.fulfill({ status: 200, contentType, body }).catch(() => {}), ms);

let browser: Browser;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext();
  await countRequests(context);
  await context.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return void route.fulfill({ status: 200, contentType: 'text/html', body: PAGE });
    if (path === '/api/slow') return void later(700, route, '{"n":7}');
    if (path === '/api/next') return void later(100, route, 'second');
    if (path === '/api/stream') return void later(300, route, 'retry: 60000\nevent: snapshot\ndata: live\n\n', 'text/event-stream');
    // /api/never: no answer
  });
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

it('waits for every answer the page asked for, the ones those answers ask for, and a stream\'s first event', async () => {
  await page.goto(`${ORIGIN}/`);
  await settled(page);
  expect(await page.evaluate(() => ({ ...document.body.dataset }))).toEqual({ slow: '7', next: 'second', stream: 'live' });
});

it('waits for the page to read an answer before it stops counting it, however long the read takes', async () => {
  await page.goto(`${ORIGIN}/?slowread`);
  await settled(page);
  expect(await page.evaluate(() => ({ ...document.body.dataset }))).toEqual({ slow: '7', next: 'second', stream: 'live' });
});

it('names the request it is still waiting for when it gives up', async () => {
  await page.goto(`${ORIGIN}/?never`);
  await expect(settled(page, 2_000)).rejects.toThrow(/did not settle within 2 s: still waiting for fetch \/api\/never/);
});
