// The retention arithmetic, worked by hand: dates kept from, open report periods, the refusal and the
// clamp that keeps a report input inside an open period even when its setting was saved while it fitted.
import { describe, expect, it } from 'vitest';
import { checkRetention, keptFrom, openReportPeriods, purgeDates, refusalReason } from './retention-rules.ts';

describe('keptFrom', () => {
  it('counts days back from today, and calendar months keeping the day where the month has it', () => {
    expect(keptFrom({ amount: 30, unit: 'days' }, '2026-12-06')).toBe('2026-11-06');
    expect(keptFrom({ amount: 3, unit: 'months' }, '2026-06-15')).toBe('2026-03-15');
    expect(keptFrom({ amount: 1, unit: 'months' }, '2026-03-31')).toBe('2026-02-28');
    expect(keptFrom({ amount: 1, unit: 'months' }, '2028-03-31')).toBe('2028-02-29');
    expect(keptFrom({ amount: 14, unit: 'months' }, '2026-01-10')).toBe('2024-11-10');
  });

  it('reads a setting or refuses it with the kind named', () => {
    expect(checkRetention('calls', 'forever', undefined)).toBeNull();
    expect(checkRetention('calls', '90', 'days')).toEqual({ amount: 90, unit: 'days' });
    expect(() => checkRetention('notes', 1.5, 'days')).toThrow(/^Feedback notes: keep for a whole number/);
    expect(() => checkRetention('notes', 1300, 'months')).toThrow(/at most 100 years/);
  });
});

describe('open report periods', () => {
  it('are the periods running today and the ones before while not built', () => {
    const none = openReportPeriods('2026-06-15', new Set());
    expect(none.map((p) => p.period)).toEqual(['2026-Q1', '2026-Q2', '2026-05', '2026-06', '2026-W24', '2026-W25']);
    const built = openReportPeriods('2026-06-15', new Set(['quarterly|2026-Q1', 'monthly|2026-05', 'weekly|2026-W24']));
    expect(built[0]).toMatchObject({ period: '2026-Q2', from: '2026-04-01' });
  });

  it('refuse a report input purged inside one, never the audit log or reports', () => {
    const open = openReportPeriods('2026-06-15', new Set(['quarterly|2026-Q1', 'monthly|2026-05', 'weekly|2026-W24']));
    expect(refusalReason('calls', { amount: 75, unit: 'days' }, '2026-06-15', open)).toBeNull();
    expect(refusalReason('calls', { amount: 74, unit: 'days' }, '2026-06-15', open)).toMatch(/keep them at least 75 days$/);
    expect(refusalReason('audit_log', { amount: 1, unit: 'days' }, '2026-06-15', open)).toBeNull();
    expect(refusalReason('reports', { amount: 1, unit: 'days' }, '2026-06-15', open)).toBeNull();
  });
});

describe('purgeDates', () => {
  it('clamps report inputs to the earliest open period and takes raw lines as far as calls', () => {
    // Saved on 2026-06-15 (Q2 open from 04-01); on 2026-07-03 the Q2 report is not built yet.
    const open = openReportPeriods('2026-07-03', new Set(['monthly|2026-06', 'weekly|2026-W26']));
    const d = purgeDates({ calls: { amount: 75, unit: 'days' }, audit_log: { amount: 10, unit: 'days' } }, '2026-07-03', open);
    expect(d).toEqual({ raw_events: '2026-04-01', calls: '2026-04-01', caller_numbers: null, notes: null, evaluations: null, audit_log: '2026-06-23', reports: null });
  });
});
