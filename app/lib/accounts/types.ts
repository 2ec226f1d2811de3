/** What GET /api/users and GET /api/audit?entity=user answer, as the accounts page reads them. */
import { ROLES, type Role } from '../../server/roles.ts';

/** Every role an account can have, the office TV's `wallboard` too (its select was blank without it). */
export const ROLE_CHOICES = ROLES;
export type AccountRole = Role;

export interface Account {
  id: number;
  username: string;
  role: AccountRole;
  rep_interface: string | null;
  rep_id: string | null;
  created_at: string;
  disabled: boolean;
}

export interface AccountChange {
  id: number;
  at: string;
  username: string;
  action: string;
  entity_id: string | null;
  before: Partial<Account> | null;
  after: (Partial<Account> & { password_changed?: boolean }) | null;
}

/** One audit record in words: "role lead → manager; password reset". */
export function changeSummary(c: AccountChange): string {
  const before = c.before ?? {};
  const after = c.after ?? {};
  if (c.action === 'create') return `added as ${after.role}${after.rep_interface ? ` (${after.rep_interface})` : ''}`;
  const parts: string[] = [];
  if (c.action === 'disable') parts.push('disabled');
  if (c.action === 'enable') parts.push('enabled again');
  if (before.role !== after.role) parts.push(`role ${before.role} → ${after.role}`);
  if (before.rep_interface !== after.rep_interface) parts.push(`interface ${before.rep_interface ?? 'none'} → ${after.rep_interface ?? 'none'}`);
  if (after.password_changed) parts.push('password reset');
  return parts.join('; ') || 'no visible change';
}
