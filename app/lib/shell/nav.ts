/**
 * The navigation a role sees and the page a role lands on: only pages the access table
 * (app/api/access.ts, the same answer GET /api/session gives as `pages`) lets the role open.
 */
export interface NavUser {
  username: string;
  role: 'admin' | 'manager' | 'lead' | 'scheduler' | 'rep' | 'wallboard';
  rep_id: string | null;
}

export interface NavItem {
  href: string;
  label: string;
}

const LABELS: Record<string, string> = {
  '/live': 'Live',
  '/day': 'Day',
  '/reps': 'Reps',
  '/calls': 'Calls',
  '/quality': 'Quality',
  '/coverage': 'Coverage',
  '/schedule': 'Schedule',
  '/trends': 'Trends',
  '/plan': 'Plan',
  '/reports': 'Reports',
  '/imports': 'Imports',
  '/settings': 'Settings',
  '/settings/accounts': 'Accounts'
};

/** Nav entries for the page patterns a user may open (`pages` from GET /api/session). */
export function navItems(user: NavUser, pages: readonly string[]): NavItem[] {
  const items: NavItem[] = [];
  for (const page of pages) {
    if (LABELS[page]) items.push({ href: page, label: LABELS[page] });
    // A rep may open only their own page; everyone else reaches rep pages from /reps.
    else if (page === '/reps/:id' && user.role === 'rep' && user.rep_id) {
      items.push({ href: `/reps/${encodeURIComponent(user.rep_id)}`, label: 'My figures' });
    }
  }
  return items;
}

/** Each role's home (`/` is the signed-in role's home). */
export function homeFor(user: NavUser): string {
  switch (user.role) {
    case 'lead':
      return '/day';
    case 'manager':
      return '/trends';
    case 'scheduler':
      return '/coverage';
    case 'admin':
      return '/settings';
    case 'wallboard':
      return '/live';
    case 'rep':
      return user.rep_id ? `/reps/${encodeURIComponent(user.rep_id)}` : '/login';
  }
}

/** Whether a nav entry is the page being shown (itself or a page under it). */
export function isCurrent(href: string, pathname: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The one nav entry for the page being shown: the closest of those it is under (Accounts, not also Settings). */
export function currentItem(items: readonly NavItem[], pathname: string): NavItem | undefined {
  return items.filter((item) => isCurrent(item.href, pathname)).sort((a, b) => b.href.length - a.href.length)[0];
}
