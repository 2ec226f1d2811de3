/**
 * Who may do what: the ONE place where roles meet routes and pages. app/api/auth.ts applies the API
 * table to every request before any handler runs; the pages' hook applies the page table. A route or
 * page missing here is refused (deny by default), and a test walks every registered API route.
 *
 * Roles (issue 4): admin (users, settings, backups; reads everything), manager (everything read-only,
 * reports, annotations), lead (team metrics, notes, evaluations, lost-call follow-up), scheduler
 * (forecasts, schedules), rep (own figures, own notes and evaluations, acknowledging a note), wallboard
 * (issue 14: an office TV; the live floor only, so the TV holds no lead's session).
 */
import { ROLES, type Role } from '../server/accounts.ts';

export type Rule =
  | { public: true }
  | {
      roles: readonly Role[];
      /** A path parameter holding a rep id: a user with role rep may use the route for their own id only. */
      ownRep?: string;
      /** The local command line (app/server/local-control.ts) may use it too, as admin. */
      local?: boolean;
    };

export const PUBLIC: Rule = { public: true };
/** Every role but the wallboard, which may open the live floor and its own session only. */
export const EVERYONE = ROLES.filter((r) => r !== 'wallboard');
const LIVE: Role[] = ['admin', 'manager', 'lead', 'scheduler', 'wallboard'];
const READERS: Role[] = ['admin', 'manager', 'lead'];
const PLANNERS: Role[] = ['admin', 'manager', 'lead', 'scheduler'];
const NOTE_WRITERS: Role[] = ['admin', 'manager', 'lead'];
const EVALUATORS: Role[] = ['admin', 'lead'];
const SCHEDULERS: Role[] = ['admin', 'scheduler'];
const BUDGET: Role[] = ['admin', 'manager'];

/** API routes: `METHOD /api/path` exactly as registered (Hono route patterns). HEAD follows GET. */
export const apiAccess: Record<string, Rule> = {
  'POST /api/session': PUBLIC,
  'GET /api/session': { roles: ROLES },
  'DELETE /api/session': { roles: ROLES },

  // The live floor (issue 14): the wallboard and everyone who plans or leads.
  'GET /api/live': { roles: LIVE },
  'GET /api/live/stream': { roles: LIVE },

  'GET /api/reps': { roles: EVERYONE }, // a rep is shown only themself
  'GET /api/reps/:id/notes': { roles: [...READERS, 'rep'], ownRep: 'id' },
  'POST /api/reps/:id/notes': { roles: NOTE_WRITERS },
  'PATCH /api/reps/:id/notes/:noteId': { roles: NOTE_WRITERS },
  'DELETE /api/reps/:id/notes/:noteId': { roles: NOTE_WRITERS },
  'GET /api/reps/:id/notes/:noteId/versions': { roles: [...READERS, 'rep'], ownRep: 'id' },
  'POST /api/reps/:id/notes/:noteId/acknowledge': { roles: ['rep'], ownRep: 'id' },

  'GET /api/users': { roles: ['admin'] },
  'POST /api/users': { roles: ['admin'], local: true },
  'PATCH /api/users/:id': { roles: ['admin'] },
  'GET /api/audit': { roles: ['admin', 'manager'] },
  'POST /api/backup': { roles: ['admin'], local: true },

  // Other resources' routes. A rep's own figures need a rep-scoped metrics route first.
  'GET /api/metrics': { roles: PLANNERS },
  'GET /api/metrics/follow-up': { roles: READERS }, // callers' numbers: the lead's lost-call follow-up
  'GET /api/metrics/repeat-callers': { roles: READERS },
  'GET /api/metrics/rep-activity': { roles: PLANNERS },
  'GET /api/metrics/data-quality': { roles: PLANNERS },
  'GET /api/metrics/glossary': { roles: EVERYONE },
  // Call reasons (issue 15): the catalogue is read by planners, kept by the admin.
  'GET /api/reasons': { roles: PLANNERS },
  'GET /api/reasons/history': { roles: PLANNERS },
  'PUT /api/reasons/codes': { roles: ['admin'] },
  'PUT /api/reasons/sources': { roles: ['admin'] },
  'POST /api/imports': { roles: ['admin', 'lead'] },
  'GET /api/imports': { roles: READERS },
  'GET /api/imports/:runId/quarantine': { roles: READERS },
  // Trends and periodic reports (issue 7): managers, leads and admins read; managers and admins annotate.
  'GET /api/trends': { roles: READERS },
  'GET /api/trends/comparisons': { roles: READERS },
  'GET /api/trends/staffing': { roles: READERS },
  'GET /api/trends/reasons': { roles: READERS },
  'GET /api/annotations': { roles: READERS },
  'POST /api/annotations': { roles: ['admin', 'manager'] },
  'DELETE /api/annotations/:id': { roles: ['admin', 'manager'] },
  'GET /api/reports': { roles: READERS },
  'POST /api/reports': { roles: READERS, local: true }, // the lead prepares reports too; `callboard report` while the server runs
  'GET /api/reports/:id': { roles: READERS },
  'GET /api/reports/:id/download': { roles: READERS },
  // Reports by email (issue 17): admins set the mail server and anyone's subscriptions; a manager
  // subscribes and unsubscribes themself only (checked in app/server/mail/subscriptions.ts).
  'GET /api/mail/server': { roles: ['admin'] },
  'PUT /api/mail/server': { roles: ['admin'] },
  'POST /api/mail/server/test': { roles: ['admin'] },
  'GET /api/mail/subscriptions': { roles: ['admin', 'manager'] },
  'POST /api/mail/subscriptions': { roles: ['admin', 'manager'] },
  'DELETE /api/mail/subscriptions/:id': { roles: ['admin', 'manager'] },
  'GET /api/mail/outbox': { roles: READERS },

  // The lead's day (issue 5): figures for planners; lost callers' numbers and their handling for
  // readers, marked by leads and admins; the center's settings for admins.
  'GET /api/day': { roles: PLANNERS },
  'GET /api/day/adherence': { roles: PLANNERS },
  'GET /api/lost-calls': { roles: READERS },
  'PUT /api/lost-calls/handling': { roles: ['admin', 'lead'] },
  'DELETE /api/lost-calls/handling': { roles: ['admin', 'lead'] },
  'GET /api/settings': { roles: ['admin'] },
  'PUT /api/settings/queues/:queue': { roles: ['admin'] },
  'PUT /api/settings/roster': { roles: ['admin'] },
  'PUT /api/settings/timezone': { roles: ['admin'] },
  'PUT /api/settings/max-shift': { roles: ['admin'] },
  'PUT /api/settings/full-time-hours': { roles: ['admin'] },
  // Alert rules (issue 14): what the live floor flags; those who watch it may read them.
  'GET /api/settings/alerts': { roles: PLANNERS },
  'PUT /api/settings/alerts': { roles: ['admin'] },
  'PUT /api/settings/adherence-threshold': { roles: ['admin'] },
  // Records retention and legal holds (issue 17): admins only, every change audited.
  'GET /api/retention': { roles: ['admin'] },
  'PUT /api/retention/kinds/:kind': { roles: ['admin'] },
  'POST /api/retention/holds': { roles: ['admin'] },
  'DELETE /api/retention/holds/:id': { roles: ['admin'] },
  'POST /api/retention/purge': { roles: ['admin'] },
  // Open data (issue 17): an admin turns publishing on or off. The published files are pages (below).
  'GET /api/settings/open-data': { roles: ['admin'] },
  'PUT /api/settings/open-data': { roles: ['admin'] },

  // Calls (callers' numbers) and quality (issue 5). Forms and evaluations are the lead's work; the
  // score's weights a setting (admin); a rep reads their own page's answer and evaluations.
  'GET /api/calls': { roles: READERS },
  'GET /api/calls/:callId': { roles: READERS },
  'GET /api/calls/:callId/history': { roles: READERS },
  // Taking a call out of every figure, and back (issue 12): admins only, audited.
  'GET /api/calls/exclusions': { roles: ['admin'] },
  'PUT /api/calls/:callId/exclusion': { roles: ['admin'] },
  'DELETE /api/calls/:callId/exclusion': { roles: ['admin'] },
  // Callers' numbers as personal data (issue 17): a records export of calls (redacted for anyone who
  // reads calls; whole for leads and admins, audited) and erasing a number everywhere (admins, audited).
  'GET /api/calls/export': { roles: READERS },
  'POST /api/calls/erase-number': { roles: ['admin'], local: true },
  'POST /api/calls/:callId/erase-number': { roles: ['admin'] },
  'GET /api/settings/privacy': { roles: ['admin'] },
  'GET /api/quality/forms': { roles: READERS },
  'POST /api/quality/forms': { roles: EVALUATORS },
  'GET /api/quality/forms/:formId': { roles: READERS },
  'GET /api/quality/forms/:formId/versions': { roles: READERS },
  'PUT /api/quality/forms/:formId': { roles: EVALUATORS },
  'DELETE /api/quality/forms/:formId': { roles: EVALUATORS },
  'GET /api/quality/evaluations': { roles: READERS },
  'POST /api/quality/evaluations': { roles: EVALUATORS },
  'PATCH /api/quality/evaluations/:evaluationId': { roles: EVALUATORS },
  'DELETE /api/quality/evaluations/:evaluationId': { roles: EVALUATORS },
  'GET /api/quality/scores': { roles: READERS },
  'GET /api/quality/settings': { roles: READERS },
  'PUT /api/quality/settings': { roles: ['admin'] },
  'GET /api/quality/reps/:id': { roles: [...READERS, 'rep'], ownRep: 'id' },
  'GET /api/quality/reps/:id/evaluations/:evaluationId': { roles: [...READERS, 'rep'], ownRep: 'id' },

  // Coverage planning (issue 6): planners read forecasts, requirements, gaps and schedules;
  // schedulers and admins change them (targets, special days, adjustments, templates, reps' plans,
  // time off, shifts, rosters, publishing).
  'GET /api/coverage/forecast': { roles: PLANNERS },
  'GET /api/coverage/required': { roles: PLANNERS },
  'GET /api/coverage/reasons': { roles: PLANNERS },
  'GET /api/coverage/gaps': { roles: PLANNERS },
  'GET /api/coverage/past': { roles: PLANNERS },
  'GET /api/coverage/patience': { roles: PLANNERS },
  'GET /api/coverage/pause-shrinkage': { roles: PLANNERS },
  'GET /api/coverage/targets': { roles: PLANNERS },
  'PUT /api/coverage/targets/:queue': { roles: SCHEDULERS },
  'GET /api/coverage/special-days': { roles: PLANNERS },
  'PUT /api/coverage/special-days': { roles: SCHEDULERS },
  'DELETE /api/coverage/special-days/:date': { roles: SCHEDULERS },
  'GET /api/coverage/adjustments': { roles: PLANNERS },
  'POST /api/coverage/adjustments': { roles: SCHEDULERS },
  'DELETE /api/coverage/adjustments/:id': { roles: SCHEDULERS },
  // The year-ahead staffing plan (issue 15): the manager's hiring case, and the admin's.
  'GET /api/plan': { roles: BUDGET },
  'GET /api/plan/xlsx': { roles: BUDGET },
  'GET /api/plan/accuracy': { roles: BUDGET },
  'GET /api/schedules/templates': { roles: PLANNERS },
  'POST /api/schedules/templates': { roles: SCHEDULERS },
  'PATCH /api/schedules/templates/:id': { roles: SCHEDULERS },
  'GET /api/schedules/reps': { roles: PLANNERS },
  'PUT /api/schedules/reps/:id': { roles: SCHEDULERS },
  'GET /api/schedules/time-off': { roles: PLANNERS },
  'POST /api/schedules/time-off': { roles: SCHEDULERS },
  'DELETE /api/schedules/time-off/:id': { roles: SCHEDULERS },
  'POST /api/schedules/setup': { roles: SCHEDULERS },
  'GET /api/schedules/weeks/:week': { roles: PLANNERS },
  'POST /api/schedules/weeks/:week/draft': { roles: SCHEDULERS },
  'PUT /api/schedules/weeks/:week/shifts/:repId/:date': { roles: SCHEDULERS },
  'DELETE /api/schedules/weeks/:week/shifts/:repId/:date': { roles: SCHEDULERS },
  'POST /api/schedules/weeks/:week/optimise': { roles: SCHEDULERS },
  'POST /api/schedules/weeks/:week/proposals/:id/accept': { roles: SCHEDULERS },
  'POST /api/schedules/weeks/:week/publish': { roles: SCHEDULERS },
  'GET /api/schedules/weeks/:week/export': { roles: PLANNERS }
};

/**
 * Pages, by SvelteKit route (`/reps/:id` is app/routes/reps/[id]). The page gate
 * (app/lib/shell/page-gate.server.ts) looks a request up by the route SvelteKit itself matched, so a
 * path is judged exactly as it will be served. A route missing here is refused (deny by default).
 */
export const pageAccess: Record<string, Rule> = {
  '/login': PUBLIC,
  '/': { roles: ROLES }, // the role's home: a redirect (the wallboard's is /live)
  '/live': { roles: LIVE },
  '/day': { roles: PLANNERS },
  '/reps': { roles: READERS },
  '/reps/:id': { roles: [...READERS, 'rep'], ownRep: 'id' },
  '/calls': { roles: READERS },
  '/quality': { roles: READERS },
  '/coverage': { roles: PLANNERS },
  '/schedule': { roles: PLANNERS },
  '/trends': { roles: READERS },
  '/plan': { roles: BUDGET },
  '/reports': { roles: READERS },
  '/reports/:id': { roles: READERS },
  '/imports': { roles: READERS },
  '/settings': { roles: ['admin'] },
  '/settings/accounts': { roles: ['admin'] },
  // The one public exception (issue 17): published metrics per queue, read-only, no sign-in. Each
  // answers 404 while an admin has not turned open data on (app/server/open-data.ts).
  '/open-data': PUBLIC,
  '/open-data/:file': PUBLIC
};

/** A SvelteKit route id as a page-table key: `/reps/[id]` -> `/reps/:id`; `(group)` folders dropped. */
export function routePattern(routeId: string): string {
  const segments = routeId
    .split('/')
    .filter((s) => s !== '' && !/^\(.+\)$/.test(s))
    .map((s) => s.replace(/^\[(\w+)\]$/, ':$1'));
  return '/' + segments.join('/');
}

/** The route SvelteKit matched for a request (`event.route.id`, `event.params`); id null: no page. */
export interface MatchedRoute {
  id: string | null;
  params: Record<string, string>;
}

export type PageVerdict = { allow: true } | { allow: false; status: 401 | 403 | 404; message: string };

/**
 * The page table's answer for a matched route and a user (null: nobody signed in). Deny by default:
 * no route, a route the table does not name (even an optional or rest parameter it cannot read), or
 * a role it leaves out is refused.
 */
export function pageVerdict(
  route: MatchedRoute,
  user: { role: Role; rep_id: string | null } | null,
  shown = 'this page'
): PageVerdict {
  if (route.id === null) return { allow: false, status: 404, message: 'There is no such page.' };
  const pattern = routePattern(route.id);
  const rule = pageAccess[pattern];
  if (!rule) return { allow: false, status: 404, message: 'There is no such page.' };
  if ('public' in rule) return { allow: true };
  if (!user) return { allow: false, status: 401, message: 'Sign in first.' };
  if (!allows(rule, user, route.params)) {
    return { allow: false, status: 403, message: `The ${user.role} role may not open ${shown}.` };
  }
  return { allow: true };
}

/** The parameters of a route pattern in a path ('/api/reps/:id/notes' + '/api/reps/pjsip-7009/notes'). */
export function patternParams(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const name = /^:(\w+)/.exec(want[i])?.[1];
    if (name) {
      try {
        params[name] = decodeURIComponent(have[i]);
      } catch {
        return null;
      }
    } else if (want[i] !== have[i]) {
      return null;
    }
  }
  return params;
}

/** The pages a role may open (for the navigation: show only what a role can do). */
export function pagesFor(role: Role): string[] {
  return Object.entries(pageAccess)
    .filter(([, rule]) => 'roles' in rule && rule.roles.includes(role))
    .map(([path]) => path);
}

/** Whether a principal may use a rule, given the route's parameters. */
export function allows(rule: Rule, who: { role: Role; rep_id: string | null }, params: Record<string, string> | null): boolean {
  if ('public' in rule) return true;
  if (!rule.roles.includes(who.role)) return false;
  if (rule.ownRep && who.role === 'rep') return !!who.rep_id && params?.[rule.ownRep] === who.rep_id;
  return true;
}
