import { pagesFor } from '../api/access.ts';
import { navItems } from '$lib/shell/nav.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
  // Reading the path makes every client-side navigation ask the server, so the page gate
  // (app/lib/shell/page-gate.server.ts) sees each one, and an ended session goes to /login.
  void url.pathname;
  const user = locals.user;
  if (!user) return { user: null, nav: [] };
  const shown = { username: user.username, role: user.role, rep_id: user.rep_id };
  return { user: shown, nav: navItems(shown, pagesFor(user.role)) };
};
