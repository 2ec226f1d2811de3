import { describe, expect, it } from 'vitest';
import { pagesFor } from '../../api/access.ts';
import { currentItem, homeFor, isCurrent, navItems, type NavUser } from './nav.ts';

const user = (role: NavUser['role'], rep_id: string | null = null): NavUser => ({ username: role, role, rep_id });

describe('navigation by role', () => {
  it('shows a lead the lead pages and never settings', () => {
    const labels = navItems(user('lead'), pagesFor('lead')).map((i) => i.label);
    expect(labels).toContain('Day');
    expect(labels).toContain('Imports');
    expect(labels).not.toContain('Settings');
  });

  it('shows a rep only their own page', () => {
    expect(navItems(user('rep', 'ana-ruiz'), pagesFor('rep'))).toEqual([{ href: '/reps/ana-ruiz', label: 'My figures' }]);
  });

  it('shows an admin settings', () => {
    expect(navItems(user('admin'), pagesFor('admin')).map((i) => i.href)).toContain('/settings');
  });

  it('sends each role home to a page it may open', () => {
    for (const role of ['admin', 'manager', 'lead', 'scheduler'] as const) {
      expect(pagesFor(role)).toContain(homeFor(user(role)));
    }
    expect(homeFor(user('rep', 'ana'))).toBe('/reps/ana');
  });

  it('marks the current page and pages under it', () => {
    expect(isCurrent('/reps', '/reps/ana')).toBe(true);
    expect(isCurrent('/day', '/days')).toBe(false);
    const items = [{ href: '/settings', label: 'Settings' }, { href: '/settings/accounts', label: 'Accounts' }];
    expect(currentItem(items, '/settings/accounts')?.label).toBe('Accounts');
    expect(currentItem(items, '/settings')?.label).toBe('Settings');
    expect(currentItem(items, '/day')).toBeUndefined();
  });
});
