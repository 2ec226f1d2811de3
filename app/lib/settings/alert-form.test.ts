// The alert rules form: what the admin types, what is sent, and the mistakes named before sending.
import { describe, expect, it } from 'vitest';
import { rowProblems, rowWords, toRow, toRule } from './alert-form.ts';

describe('alert rules form rows', () => {
  it('service level is typed as a percentage, blank for the staffing target', () => {
    expect(toRow({ queue: '*', kind: 'service_level', threshold: 0.85 })).toEqual({ queue: '*', kind: 'service_level', value: '85' });
    expect(toRule({ queue: '*', kind: 'service_level', value: '72.5' })).toEqual({ queue: '*', kind: 'service_level', threshold: 0.725 });
    expect(toRule({ queue: '*', kind: 'service_level', value: ' ' }).threshold).toBeNull();
    expect(rowWords({ queue: '*', kind: 'service_level', value: '' })).toBe("service level today under the queue's staffing target");
    expect(rowWords({ queue: '*', kind: 'longest_wait', value: '150' })).toBe('longest wait over 2 min 30 s');
  });

  it('names each mistake by rule number, in the units typed', () => {
    expect(
      rowProblems([
        { queue: '*', kind: 'longest_wait', value: 'two minutes' },
        { queue: '*', kind: 'waiting', value: '' },
        { queue: 'billing', kind: 'service_level', value: '120' },
        { queue: '*', kind: 'nobody_available', value: '2.5' },
        { queue: '*', kind: 'nobody_available', value: '30' }
      ]).map((p) => p.message)
    ).toEqual([
      'Rule 1: "two minutes" is not a number',
      'Rule 2: every queue, callers waiting over: give a threshold',
      'Rule 3: billing, service level today under: give 1 % to 99 % (got 120 %)',
      'Rule 4: every queue, nobody available with callers waiting, for over: give a whole number from 0 to 3600 seconds (got 2.5)',
      'Rule 5: every queue already has a "nobody available with callers waiting, for over" rule; keep one'
    ]);
  });
});
