import { describe, expect, it } from 'vitest';
import { changeSummary, type AccountChange } from './types.ts';

const change = (c: Partial<AccountChange>): AccountChange => ({ id: 1, at: '', username: 'admin', action: 'update', entity_id: '2', before: null, after: null, ...c });

describe('changeSummary', () => {
  it('says what an account change did, in words', () => {
    expect(changeSummary(change({ action: 'create', after: { role: 'rep', rep_interface: 'PJSIP/7009' } }))).toBe('added as rep (PJSIP/7009)');
    expect(changeSummary(change({ before: { role: 'lead' }, after: { role: 'manager' } }))).toBe('role lead → manager');
    expect(changeSummary(change({ action: 'disable', before: { role: 'lead' }, after: { role: 'lead' } }))).toBe('disabled');
    expect(changeSummary(change({ before: { role: 'rep' }, after: { role: 'rep', password_changed: true } }))).toBe('password reset');
  });
});
