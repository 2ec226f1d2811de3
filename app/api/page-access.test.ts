/**
 * The page table's decision (no database): deny by default, roles, a rep's own page, and every page
 * route in app/routes named in the table (a new page without a rule fails here, and is refused).
 * The same decision over real requests and spellings of paths: app/test/page-gate.browser.test.ts.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../server/accounts.ts';
import { pageAccess, pageVerdict, routePattern, type MatchedRoute } from './access.ts';

const ROUTES = join(import.meta.dirname, '..', 'routes');

/**
 * Route ids of the folders holding a +page or a +server endpoint (SvelteKit's ids: `/reps/[id]`):
 * the gate judges both alike.
 */
function pageRouteIds(dir = ROUTES): string[] {
  const here = readdirSync(dir, { withFileTypes: true });
  const ids = here.some((e) => e.isFile() && /^\+(page(\.server)?\.(ts|js|svelte)|server\.(ts|js))$/.test(e.name))
    ? ['/' + relative(ROUTES, dir).split('\\').join('/')].map((id) => (id === '/' ? '/' : id))
    : [];
  for (const e of here) if (e.isDirectory()) ids.push(...pageRouteIds(join(dir, e.name)));
  return ids;
}

const who = (role: Role, rep_id: string | null = null) => ({ role, rep_id });
const decide = (route: MatchedRoute, user: ReturnType<typeof who> | null) => {
  const v = pageVerdict(route, user);
  return v.allow ? 'allow' : v.status;
};

describe('routePattern', () => {
  it('turns SvelteKit route ids into the table\'s keys', () => {
    expect(['/', '/calls', '/reps/[id]', '/(app)/reports/[id]', '/(app)'].map(routePattern)).toEqual([
      '/',
      '/calls',
      '/reps/:id',
      '/reports/:id',
      '/'
    ]);
    // Optional and rest parameters keep their brackets, so no table key can match them by accident.
    expect(routePattern('/files/[...rest]')).toBe('/files/[...rest]');
    expect(routePattern('/x/[[page]]')).toBe('/x/[[page]]');
  });
});

describe('the page table', () => {
  it('names every page route the app has, and nothing the app lacks', () => {
    const routes = pageRouteIds().map(routePattern).sort();
    expect(routes.length).toBeGreaterThan(10);
    expect(routes).toEqual(Object.keys(pageAccess).sort());
  });
});

describe('pageVerdict', () => {
  it('refuses what matched no route, and a route the table does not name, for everyone', () => {
    for (const user of [null, who('admin'), who('rep', 'ana')]) {
      expect(decide({ id: null, params: {} }, user)).toBe(404);
      expect(decide({ id: '/secret-new-page', params: {} }, user)).toBe(404);
      expect(decide({ id: '/files/[...rest]', params: { rest: 'calls' } }, user)).toBe(404);
    }
  });

  it('sends strangers to sign in for every page but /login and the open data under /open-data', () => {
    for (const pattern of Object.keys(pageAccess)) {
      const id = pattern.replace(/:(\w+)/g, '[$1]');
      const open = pattern === '/login' || pattern === '/open-data' || pattern === '/open-data/:file';
      expect(decide({ id, params: { id: 'ana', file: 'daily.csv' } }, null), pattern).toBe(open ? 'allow' : 401);
    }
    // The only public routes: sign-in and open data (issue 17's one exception).
    expect(Object.entries(pageAccess).filter(([, rule]) => 'public' in rule).map(([p]) => p)).toEqual(['/login', '/open-data', '/open-data/:file']);
    // A rest or optional parameter under /open-data is not the table's /open-data/:file.
    expect(decide({ id: '/open-data/[...rest]', params: { rest: 'x/y' } }, null)).toBe(404);
    expect(decide({ id: '/open-data/[file]/x', params: { file: 'daily.csv' } }, null)).toBe(404);
  });

  it('lets each role open exactly the pages the table names for it', () => {
    const seen: Record<string, string[]> = {};
    for (const role of ROLES) {
      seen[role] = Object.keys(pageAccess).filter((p) => {
        const id = p.replace(/:(\w+)/g, '[$1]');
        return decide({ id, params: { id: 'ana' } }, who(role, role === 'rep' ? 'ana' : null)) === 'allow';
      });
    }
    expect(seen).toEqual({
      admin: ['/login', '/', '/live', '/day', '/reps', '/reps/:id', '/calls', '/quality', '/coverage', '/schedule', '/trends', '/plan', '/reports', '/reports/:id', '/imports', '/settings', '/settings/accounts', '/open-data', '/open-data/:file'],
      manager: ['/login', '/', '/live', '/day', '/reps', '/reps/:id', '/calls', '/quality', '/coverage', '/schedule', '/trends', '/plan', '/reports', '/reports/:id', '/imports', '/open-data', '/open-data/:file'],
      lead: ['/login', '/', '/live', '/day', '/reps', '/reps/:id', '/calls', '/quality', '/coverage', '/schedule', '/trends', '/reports', '/reports/:id', '/imports', '/open-data', '/open-data/:file'],
      scheduler: ['/login', '/', '/live', '/day', '/coverage', '/schedule', '/open-data', '/open-data/:file'],
      rep: ['/login', '/', '/reps/:id', '/open-data', '/open-data/:file'],
      // an office TV: its home (a redirect to /live) and the wallboard
      wallboard: ['/login', '/', '/live', '/open-data', '/open-data/:file']
    });
  });

  it("gives a rep their own page only, judged on SvelteKit's decoded parameter", () => {
    const rep = who('rep', 'ana');
    expect(decide({ id: '/reps/[id]', params: { id: 'ana' } }, rep)).toBe('allow');
    for (const other of ['ben', 'Ana', 'ana;x', 'ana/', '%61na', 'ana/notes', '']) {
      expect(decide({ id: '/reps/[id]', params: { id: other } }, rep), other).toBe(403);
    }
    expect(decide({ id: '/reps/[id]', params: { id: 'ana' } }, who('rep', null))).toBe(403);
  });

  it('names the role and the page in a 403', () => {
    expect(pageVerdict({ id: '/settings', params: {} }, who('lead'), '/settings')).toEqual({
      allow: false,
      status: 403,
      message: 'The lead role may not open /settings.'
    });
  });
});
