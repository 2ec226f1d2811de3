/**
 * `npx tsx bench/page-latency.ts [--db FILE] [--label NAME] [--runs R] [--roles a,b] [--pages /a,/b] [--goal-ms MS] [--no-render] [--json]`: the server's
 * time to answer each page's data, for each role that may open it, through the real built server
 * (`callboard serve` from build/, started by app/test/app-server.ts): GET /<page>/__data.json with the
 * page's default query, timed from the request to the last byte (the data a page streams in after
 * its first answer included), on loopback. Without --db it serves the demo center (goal p95 <= 1 s);
 * with --db a copy of that database, given the demo's five sign-ins first and its repeat and follow-up
 * facts caught up (what `serve` does in the background at its start: a server measured while it builds
 * them from nothing, about a minute of CPU at 10M calls, would measure that instead) (goal p95 <= 2 s at
 * 10M calls). --pages: only those pages, each as given (`/trends?to=2025-12-14` asks that query;
 * `/reps/:id` a rep's own page), e.g. to measure the ones a change is about.
 *
 * The server runs with CALLBOARD_ANSWER_CACHE=0: each run computes its answer (readers sharing an
 * answer is what bench/load-test.ts measures). Then the heavy pages (charts, long tables) in Chromium, each
 * as the role that lives in it: navigation to a drawn page with its data (unless --no-render).
 * Prints p50/p95 per page and role next to the goal and
 * writes bench-results/page-latency-<label>.json; run-bench.ts runs it on the demo and on its large database.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../sql/db.ts';
import { catchUpCallFacts } from '../analytics/callers/call-facts.ts';
import { createUser, ROLES, type Role } from '../app/server/accounts.ts';
import { pagesFor } from '../app/api/access.ts';
import { startApp, type RunningApp } from '../app/test/app-server.ts';
import { launchBrowser, signedInPage } from '../app/test/browser.ts';
import { percentile } from './api-latency.ts';

export interface PageLatency {
  page: string;
  role: Role;
  runs: number;
  p50_ms: number;
  p95_ms: number;
  status: number;
  bytes: number;
}

/** A heavy page in the browser: from navigation to the page drawn with its data and the network quiet. */
export interface PageRender {
  page: string;
  role: Role;
  runs: number;
  p50_ms: number;
  p95_ms: number;
}

export interface PageLatencyResult {
  label: string;
  /** The heavy pages' time to a rendered page in Chromium (none when the browser was not asked for). */
  rendered: PageRender[];
  goal_p95_ms: number;
  load_average_start: number[];
  load_average_end: number[];
  pages: PageLatency[];
  slowest: PageLatency;
  met: boolean;
}

const password = (role: Role) => `demo-${role}-pass`;

/** The demo's sign-ins on a database that has none (the rep is the first member interface that answered). */
async function addSignIns(file: string, roles: readonly Role[]): Promise<void> {
  const db = await openDatabase(file);
  try {
    const iface = (await db.one<{ agent: string }>(`SELECT min(agent) AS agent FROM calls WHERE agent IS NOT NULL`))?.agent ?? null;
    await catchUpCallFacts(db);
    for (const role of roles) {
      const taken = await db.one(`SELECT 1 FROM users WHERE username = $u`, { u: role });
      if (!taken) await createUser(db, { id: null, username: 'bench' }, { username: role, password: password(role), role, repInterface: role === 'rep' ? iface : null });
    }
  } finally {
    db.close();
  }
}

async function signIn(app: RunningApp, role: Role): Promise<{ cookie: string; repId: string | null }> {
  const res = await fetch(`${app.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.url },
    body: JSON.stringify({ username: role, password: password(role) })
  });
  if (!res.ok) throw new Error(`signing in as ${role}: ${res.status} ${await res.text()}`);
  const cookie = /callboard_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  const body = (await res.json()) as { user: { rep_id: string | null } };
  return { cookie, repId: body.user.rep_id };
}

/** A page's path without its query. */
const pathOf = (page: string) => page.split('?')[0];

/** The data path of a page (SvelteKit's __data.json beside the page). */
const dataPath = (page: string) => (page === '/' ? '/__data.json' : `${page}/__data.json`);

async function timeOnce(url: string, cookie: string): Promise<{ ms: number; status: number; bytes: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  const body = await res.arrayBuffer(); // to the last byte: streamed promises included
  return { ms: performance.now() - t0, status: res.status, bytes: body.byteLength };
}

/** The pages whose drawing is heavy (charts, long tables), opened by the role that lives in them. */
const HEAVY_PAGES: ReadonlyArray<{ page: string; role: Role }> = [
  { page: '/day', role: 'lead' },
  { page: '/trends', role: 'manager' },
  { page: '/plan', role: 'manager' },
  { page: '/coverage', role: 'scheduler' },
  { page: '/schedule', role: 'scheduler' },
  { page: '/live', role: 'lead' }
];

/**
 * Each heavy page opened in Chromium `runs` times after one warm visit: the time from navigation until
 * the page has loaded, its streamed data arrived and the network has been quiet (playwright's
 * networkidle), with nothing left marked busy.
 */
async function renderTimes(app: RunningApp, runs: number, roles: readonly Role[], pages?: readonly string[]): Promise<PageRender[]> {
  const browser = await launchBrowser();
  const out: PageRender[] = [];
  try {
    for (const heavy of HEAVY_PAGES) {
      if (pages && !pages.includes(heavy.page)) continue;
      // (on a large database only some sign-ins exist: the admin opens what its usual role would)
      const role = roles.includes(heavy.role) ? heavy.role : roles.includes('admin') ? 'admin' : null;
      if (!role || !pagesFor(role).includes(heavy.page)) continue;
      const path = heavy.page;
      const { context, page } = await signedInPage(browser, app.url, role);
      const once = async () => {
        const t0 = performance.now();
        // /live keeps its event stream open, so the network is never quiet there: its load event and figures
        await page.goto(path, { waitUntil: path === '/live' ? 'load' : 'networkidle' });
        await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
        return performance.now() - t0;
      };
      await once();
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) samples.push(await once());
      out.push({ page: path, role, runs, p50_ms: Math.round(percentile(samples, 50)), p95_ms: Math.round(percentile(samples, 95)) });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

export async function pageLatency(opts: { db?: string; label: string; runs: number; goalMs: number; roles?: readonly Role[]; pages?: readonly string[]; render?: boolean }): Promise<PageLatencyResult> {
  const load0 = loadavg();
  let dir: string | null = null;
  let copyOf: string | undefined;
  if (opts.db) {
    dir = mkdtempSync(join(tmpdir(), 'callboard-pages-'));
    copyOf = join(dir, 'large.duckdb');
    copyFileSync(opts.db, copyOf);
    await addSignIns(copyOf, opts.roles ?? ROLES);
  }
  const app = await startApp({ copyOf, env: { CALLBOARD_ANSWER_CACHE: '0' } });
  const pages: PageLatency[] = [];
  const rendered: PageRender[] = [];
  try {
    for (const role of opts.roles ?? ROLES) {
      const { cookie, repId } = await signIn(app, role);
      const paths = pagesFor(role)
        .map((p) => (p === '/reps/:id' ? (repId ? `/reps/${repId}` : null) : p))
        .filter((p): p is string => !!p && !p.includes(':'))
        .filter((p) => !opts.pages || opts.pages.some((only) => pathOf(only) === p || (only === '/reps/:id' && p.startsWith('/reps/'))));
      // (a page asked with a query, e.g. /trends?to=2025-12-14 for a database whose calls end before today: that query too)
      const asked = paths.flatMap((p) => opts.pages?.filter((only) => pathOf(only) === p && only.includes('?')).map((only) => ({ page: only, path: p })) ?? []);
      const plain = paths.filter((p) => !opts.pages || opts.pages.includes(p) || (p.startsWith('/reps/') && opts.pages.includes('/reps/:id')));
      for (const { page, path } of [...plain.map((p) => ({ page: p, path: p })), ...asked]) {
        const url = `${app.url}${dataPath(path)}${page.slice(path.length)}`;
        await timeOnce(url, cookie); // warm: the first request of a page loads its code
        const samples: number[] = [];
        let last = { ms: 0, status: 0, bytes: 0 };
        for (let i = 0; i < opts.runs; i++) samples.push((last = await timeOnce(url, cookie)).ms);
        pages.push({ page, role, runs: opts.runs, p50_ms: Math.round(percentile(samples, 50)), p95_ms: Math.round(percentile(samples, 95)), status: last.status, bytes: last.bytes });
      }
    }
    if (opts.render) rendered.push(...(await renderTimes(app, opts.runs, opts.roles ?? ROLES, opts.pages)));
  } finally {
    await app.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  const slowest = pages.reduce((a, b) => (b.p95_ms > a.p95_ms ? b : a));
  return {
    label: opts.label,
    rendered,
    goal_p95_ms: opts.goalMs,
    load_average_start: load0.map((x) => Number(x.toFixed(1))),
    load_average_end: loadavg().map((x) => Number(x.toFixed(1))),
    pages,
    slowest,
    met: pages.every((p) => p.status === 200 && p.p95_ms <= opts.goalMs)
  };
}

export function printPageLatency(r: PageLatencyResult): void {
  console.log(`page data, ${r.label} (goal p95 <= ${r.goal_p95_ms} ms; load average ${r.load_average_start.join(' ')} .. ${r.load_average_end.join(' ')})`);
  console.table(r.pages.map((p) => ({ page: p.page, role: p.role, status: p.status, KB: Math.round(p.bytes / 1024), p50_ms: p.p50_ms, p95_ms: p.p95_ms, goal: p.p95_ms <= r.goal_p95_ms ? 'met' : 'NOT met' })));
  if (r.rendered.length) {
    console.log(`heavy pages drawn in Chromium, ${r.label} (navigation to loaded, data in and the network quiet)`);
    console.table(r.rendered);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const db = value('--db');
  const label = value('--label') ?? (db ? 'large' : 'demo');
  const roles = value('--roles')?.split(',') as Role[] | undefined;
  const pages = value('--pages')?.split(',');
  const r = await pageLatency({ db, label, roles, pages, runs: Number(value('--runs') ?? 5), goalMs: Number(value('--goal-ms') ?? (db ? 2000 : 1000)), render: !args.includes('--no-render') });
  printPageLatency(r);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(join('bench-results', `page-latency-${label.replace(/\W+/g, '-')}.json`), JSON.stringify(r, null, 2) + '\n');
  if (args.includes('--json')) console.log(JSON.stringify(r));
  process.exitCode = r.met ? 0 : 1;
}
