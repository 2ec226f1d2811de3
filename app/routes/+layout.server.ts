import { error } from '@sveltejs/kit';
import { pagesFor } from '../api/access.ts';
import { queueLabels } from '../../analytics/center-settings.ts';
import { navItems } from '$lib/shell/nav.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url, route }) => {
  // Reading the path makes every client-side navigation ask the server, so the page gate
  // (app/lib/shell/page-gate.server.ts) sees each one, and an ended session goes to /login.
  void url.pathname;
  // A second look: the gate must have passed this very route. Were the hook ever bypassed or changed,
  // the page's data is still not sent (SvelteKit drops the nodes below a layout that fails).
  if (!locals.gate || (route.id !== null && locals.gate.route !== route.id)) error(403, 'This page was not checked by the page gate.');
  const user = locals.user;
  if (!user) return { user: null, nav: [], queueLabels: {} };
  const shown = { username: user.username, role: user.role, rep_id: user.rep_id };
  // Every page names queues by their display name (lib/shell/queue-label.ts): looked up once while the
  // data is unchanged (db.lookups), not on every navigation.
  const { db } = locals.ctx;
  const labels = await queueLabels(db);
  return { user: shown, nav: navItems(shown, pagesFor(user.role)), queueLabels: Object.fromEntries(labels.map((l) => [l.queue, l.label])) };
};
