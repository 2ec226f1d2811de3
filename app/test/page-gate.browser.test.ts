/**
 * The page gate on the real built server, with plain fetch (no browser): every page route × every
 * role and signed out × spellings of its path. A spelling SvelteKit routes to the same page gets the
 * same decision as the plain path; one it routes nowhere is 404 for everyone; none is let through
 * where the plain path is refused, and no refusal carries callers' numbers or notes.
 *
 * Kept fast with one server and requests in parallel batches: pages are rendered in full for the
 * plain path (HTML and `__data.json`); the letter-by-letter spellings ask `__data.json` with
 * `x-sveltekit-invalidated=0` (the gate runs, the loads are skipped), and ask for HTML where the plain
 * path is refused (refused before any load, so cheap).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../server/accounts.ts';
import { pageAccess } from '../api/access.ts';
import { startApp, type RunningApp } from './app-server.ts';
import { demoLogin } from './browser.ts';

type Who = (typeof ROLES)[number] | 'signed out';
const WHO: Who[] = [...ROLES, 'signed out'];

let app: RunningApp;
const cookies: Partial<Record<Who, string>> = {};
let ownRep: string;
let otherRep: string;
/** Strings that must never appear in a refusal: callers' numbers and the text of notes. */
let secrets: string[];
const NOTE_TEXT = 'GATE-MATRIX coaching note: call back Mrs Example';

async function signIn(role: (typeof ROLES)[number]): Promise<{ cookie: string; rep_id: string | null }> {
  const res = await fetch(`${app.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.url },
    body: JSON.stringify(demoLogin(role))
  });
  expect(res.status, `${role} signs in`).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  return { cookie, rep_id: (await res.json()).user.rep_id };
}

const api = async (path: string, who: Who, init: RequestInit = {}) => {
  const res = await fetch(`${app.url}${path}`, { ...init, headers: { cookie: cookies[who] ?? '', origin: app.url, 'content-type': 'application/json', ...init.headers } });
  expect(res.status, path).toBeLessThan(300);
  return res.json();
};

beforeAll(async () => {
  app = await startApp();
  const signedIn = await Promise.all(ROLES.map(signIn));
  ROLES.forEach((role, i) => (cookies[role] = signedIn[i].cookie));
  ownRep = signedIn[ROLES.indexOf('rep')].rep_id!;
  const { reps } = await api('/api/reps', 'lead');
  otherRep = reps.find((r: { id: string }) => r.id !== ownRep).id;
  await api(`/api/reps/${ownRep}/notes`, 'lead', { method: 'POST', body: JSON.stringify({ text: NOTE_TEXT }) });
  await api(`/api/reps/${otherRep}/notes`, 'lead', { method: 'POST', body: JSON.stringify({ text: NOTE_TEXT }) });
  const { calls } = await api('/api/calls?from=2026-11-24&to=2026-11-24', 'lead');
  const numbers = calls.map((c: { caller: string | null }) => c.caller).filter((n: string | null) => n && n.length >= 7);
  expect(numbers.length).toBeGreaterThan(0);
  secrets = [NOTE_TEXT, ...numbers.slice(0, 20)];
}, 300_000); // may build the app and seed the demo first

afterAll(async () => {
  await app?.stop();
});

interface Answer {
  status: number;
  decision: string;
  body: string;
  headers: Headers;
}

/** What the server decided: ok, login, 403, 404, redirect:<where>, normalise:<where>. */
async function ask(path: string, who: Who, form: 'html' | 'data' | 'skip'): Promise<Answer> {
  const url = form === 'html' ? path : `${path === '/' ? '' : path}/__data.json${form === 'skip' ? '?x-sveltekit-invalidated=0' : ''}`;
  const res = await fetch(`${app.url}${url}`, { redirect: 'manual', headers: { cookie: cookies[who] ?? '' } });
  const body = await res.text();
  const location = res.headers.get('location') ?? '';
  let decision = String(res.status);
  if (res.status === 200 && form !== 'html') {
    const json = JSON.parse(body.split('\n')[0]); // later lines stream promised data
    decision = json.type === 'redirect' ? (json.location.startsWith('/login') ? 'login' : `redirect:${json.location}`) : json.type === 'data' ? 'ok' : `json:${json.type}`;
  } else if (res.status === 200) decision = 'ok';
  else if (res.status === 303) decision = location.startsWith('/login') ? 'login' : `redirect:${location}`;
  else if (res.status === 308) decision = `normalise:${location}`;
  return { status: res.status, decision, body, headers: res.headers };
}

/** The page paths to walk: each route of the table, a rep page as their own and as someone else's. */
function pagePaths(): string[] {
  const paths: string[] = [];
  for (const pattern of Object.keys(pageAccess)) {
    if (pattern === '/reps/:id') paths.push(`/reps/${ownRep}`, `/reps/${otherRep}`);
    else if (pattern === '/reports/:id') paths.push('/reports/1');
    else if (pattern === '/open-data/:file') paths.push('/open-data/daily.csv');
    else paths.push(pattern);
  }
  return paths;
}

const hex = (c: string) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');

/** The path with each letter percent-encoded in turn (one spelling per letter). */
function letterSpellings(path: string): string[] {
  return [...path].flatMap((c, i) => (/[a-z0-9-]/i.test(c) ? [path.slice(0, i) + hex(c) + path.slice(i + 1)] : []));
}

/** Spellings SvelteKit routes to no page at all. */
function unroutedSpellings(path: string): string[] {
  const firstSlash = path.indexOf('/', 1);
  const spellings = [
    '/' + path, // //calls
    path.replace(/[a-z]/, (c) => c.toUpperCase()), // /Calls
    '/%2F' + path.slice(1) // /%2Fcalls
  ];
  if (firstSlash > 0) spellings.push(path.slice(0, firstSlash) + '/' + path.slice(firstSlash), path.slice(0, firstSlash) + '%2F' + path.slice(firstSlash + 1));
  else if (path !== '/') spellings.push(path + ';x');
  return spellings.filter((s) => s !== path);
}

async function inBatches<T>(jobs: (() => Promise<T>)[], size = 12): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < jobs.length; i += size) out.push(...(await Promise.all(jobs.slice(i, i + size).map((j) => j()))));
  return out;
}

const refused = (decision: string) => decision === 'login' || decision === '403' || decision === '404';
const leaks = (body: string) => secrets.filter((s) => body.includes(s));

describe("the issue's probes", () => {
  it("refuses a rep the callers' numbers and another rep's notes however the path is spelt", async () => {
    for (const path of ['/%63alls', `/%72eps/${otherRep}`, `/reps/%${otherRep.charCodeAt(0).toString(16)}${otherRep.slice(1)}`]) {
      for (const form of ['data', 'html'] as const) {
        const got = await ask(path, 'rep', form);
        expect([got.decision, leaks(got.body)], `${form} ${path}`).toEqual(['403', []]);
      }
    }
  });
});

describe('the page gate, route × role × spelling', () => {
  let plain: Map<string, Answer>;
  const key = (path: string, who: Who, form: string) => `${form} ${who} ${path}`;

  beforeAll(async () => {
    // The gate's decision (loads skipped) for all; the full page as HTML for all; the full data where
    // the gate refuses (it must refuse alike), plus the pages whose secrets the checks below look for.
    const ask1 = (path: string, who: Who, form: 'html' | 'data' | 'skip') => async () => [key(path, who, form), await ask(path, who, form)] as const;
    const pairs = pagePaths().flatMap((path) => WHO.map((who) => [path, who] as const));
    plain = new Map(await inBatches(pairs.flatMap(([path, who]) => [ask1(path, who, 'skip'), ask1(path, who, 'html')]), 6));
    const dataToo = pairs.filter(([path, who]) => refused(plain.get(key(path, who, 'skip'))!.decision) || (path === `/reps/${otherRep}` && who === 'lead'));
    for (const [k, v] of await inBatches(dataToo.map(([path, who]) => ask1(path, who, 'data')), 6)) plain.set(k, v);
  }, 300_000);

  it('decides the plain paths as the page table says, HTML and data alike', () => {
    const got: Record<string, string> = {};
    for (const path of pagePaths()) for (const who of WHO) got[`${who} ${path}`] = plain.get(key(path, who, 'skip'))!.decision;
    const expectFor = (who: Who, path: string): string => {
      if (path === '/login') return 'ok';
      // Open data is public but off here (the demo's default): the gate lets everyone through to the
      // index, whose load answers 404 (the HTML form); a file's route has no __data.json (404), and
      // its HTML form is 404 too. app/test/open-data.browser.test.ts turns it on.
      if (path === '/open-data') return 'ok';
      if (path === '/open-data/daily.csv') return '404';
      if (who === 'signed out') return 'login';
      const pattern = path.startsWith('/reps/') ? '/reps/:id' : path.startsWith('/reports/') ? '/reports/:id' : path;
      const rule = pageAccess[pattern];
      if ('public' in rule || !rule.roles.includes(who)) return 'public' in rule ? 'ok' : '403';
      return who === 'rep' && path === `/reps/${otherRep}` ? '403' : 'ok';
    };
    const want = Object.fromEntries(Object.keys(got).map((k) => [k, expectFor(k.split(' /')[0] as Who, '/' + k.split(' /')[1])]));
    expect(got).toEqual(want);
    for (const path of pagePaths()) {
      for (const who of WHO) {
        const [html, data] = [plain.get(key(path, who, 'html'))!, plain.get(key(path, who, 'data'))];
        const skip = plain.get(key(path, who, 'skip'))!;
        // Full loads may answer for themselves (the root page sends each role home; an unknown report is 404),
        // but never let through what the gate refuses.
        if (refused(skip.decision)) expect([html.decision, data?.decision], `${who} ${path}`).toEqual([skip.decision, skip.decision]);
        else expect(refused(html.decision) && html.decision !== '404', `${who} ${path} html ${html.decision}`).toBe(false);
      }
    }
  });

  it('the plain pages do show the secrets the refusals must not (so the check below means something)', () => {
    expect(leaks(plain.get(key(`/reps/${ownRep}`, 'rep', 'html'))!.body)).toContain(NOTE_TEXT);
    expect(leaks(plain.get(key(`/reps/${otherRep}`, 'lead', 'data'))!.body)).toContain(NOTE_TEXT);
  });

  it('gives every letter-by-letter spelling (and its __data.json) the plain path\'s decision', async () => {
    const jobs = pagePaths().flatMap((path) =>
      letterSpellings(path).flatMap((spelt) =>
        WHO.flatMap((who) => {
          const want = plain.get(key(path, who, 'skip'))!;
          const forms = refused(want.decision) ? (['skip', 'html'] as const) : (['skip'] as const);
          return forms.map((form) => async () => {
            const got = await ask(spelt, who, form);
            const same = form === 'skip' ? want.decision : plain.get(key(path, who, 'html'))!.decision;
            return got.decision === same && leaks(got.body).length === 0 ? null : `${form} ${who} ${spelt}: ${got.decision}, plain ${same}`;
          });
        })
      )
    );
    expect(jobs.length).toBeGreaterThan(500);
    expect((await inBatches(jobs)).filter(Boolean)).toEqual([]);
  }, 180_000);

  it('answers 404 with no data to spellings SvelteKit routes nowhere (//, case, encoded /, ;x)', async () => {
    const jobs = pagePaths().flatMap((path) =>
      unroutedSpellings(path).flatMap((spelt) =>
        WHO.flatMap((who) =>
          (['html', 'skip', 'data'] as const).map((form) => async () => {
            const got = await ask(spelt, who, form);
            return got.decision === '404' && leaks(got.body).length === 0 ? null : `${form} ${who} ${spelt}: ${got.decision}`;
          })
        )
      )
    );
    expect((await inBatches(jobs)).filter(Boolean)).toEqual([]);
  }, 180_000);

  it("judges `;x` on a rep's page as that rep id (refused to the rep), and a trailing / goes to the same spelling without it", async () => {
    for (const who of WHO) {
      const got = await ask(`/reps/${ownRep};x`, who, 'skip');
      if (who === 'rep') expect(got.decision).toBe('403');
      else expect(got.decision, who).toBe(plain.get(key(`/reps/${ownRep}`, who, 'skip'))!.decision);
    }
    for (const path of pagePaths().filter((p) => p !== '/')) {
      for (const spelt of [path, letterSpellings(path)[0]]) {
        const got = await ask(spelt + '/', 'signed out', 'html');
        expect(got.decision, spelt).toBe(`normalise:${spelt}`);
        expect(got.body).toBe('');
      }
    }
  });

  it('puts no data in any refusal, and sends the framing and caching headers on every page answer', () => {
    for (const [label, answer] of plain) {
      if (refused(answer.decision)) expect(leaks(answer.body), label).toEqual([]);
      // The gate's own refusals are the short error page or JSON (a 404 from a page's load is a full page).
      if (refused(answer.decision) && label.startsWith('skip')) expect(answer.body.length, label).toBeLessThan(2000);
      expect(answer.headers.get('x-frame-options'), label).toBe('DENY');
      expect(answer.headers.get('content-security-policy'), label).toMatch(/frame-ancestors 'none'/);
      expect(answer.headers.get('cache-control'), label).toBe('no-store');
      expect(answer.headers.get('x-content-type-options'), label).toBe('nosniff');
    }
  });
});

describe('static files', () => {
  it('serves the build\'s own files to anyone, and nothing asset-looking reaches a page unsigned', async () => {
    const login = await (await fetch(`${app.url}/login`)).text();
    const script = /\/_app\/immutable\/[^"']+\.js/.exec(login)?.[0];
    expect(script).toBeTruthy();
    const asset = await fetch(`${app.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    // Spellings SvelteKit routes to a page go to sign-in, as the plain page does; the rest are 404.
    const sneaky: [string, 'login' | '404' | '200'][] = [
      [`/%72eps/${ownRep}.js`, 'login'],
      [`/reps/${ownRep}.css`, 'login'],
      ['/_app/%2e%2e/calls', 'login'],
      ['/_app/immutable/%2e%2e/%2e%2e/%63alls/__data.json', 'login'],
      ['/%63alls.js', '404'],
      ['/calls/x.png', '404'],
      ['/_app/immutable/..%2F..%2Fcalls', '404'],
      ['/favicon.ico', '200'], // the build's own icon, a real static file
      ['/robots.txt', '404']
    ];
    for (const [path, want] of sneaky) {
      const res = await fetch(`${app.url}${path}`, { redirect: 'manual' });
      const body = await res.text();
      const toLogin = (res.headers.get('location') ?? '').startsWith('/login') || /"location":"\/login/.test(body);
      expect(toLogin ? 'login' : String(res.status), path).toBe(want);
      expect(leaks(body), path).toEqual([]);
    }
  });
});
