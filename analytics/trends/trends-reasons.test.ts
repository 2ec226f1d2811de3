// Trends per reason group and repeat callers by reason on a hand-written queue_log of two weeks
// (fixtures/queue-logs/README.md, reason-groups.queue_log), through the real loader and DuckDB: every
// figure worked out by hand, the groups' rows adding up to the totals, the share without a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../sql/db.ts';
import { fixtureDb, TZ } from '../test-support/fixture-db.ts';
import { catchUpCallFacts } from '../callers/call-facts.ts';
import { repeatCallers } from '../callers/repeat-callers.ts';
import { computeMetrics, metricKeys } from '../metrics/metrics.ts';
import { orderGroups, reasonTrends, shareWithout } from './trends-reasons.ts';

const WEEKS = { by: 'week', from: '2026-03-09', to: '2026-03-29', timeZone: TZ, today: '2026-03-29' } as const;

async function withCatalogue(db: Database) {
  for (const [code, name, group] of [
    ['billing-dispute', 'Bill dispute', 'Billing'],
    ['missed-pickup', 'Missed pick-up', 'Missed pick-up'],
    ['bulky-item', 'Bulky-item pick-up', 'Bulky item']
  ]) {
    await db.run(`INSERT INTO reason_catalogue VALUES ($code, $name, $group, now(), 'test')`, { code, name, group });
  }
}

describe('figures by reason group', () => {
  let db: Database;
  beforeAll(async () => {
    db = await fixtureDb('reason-groups.queue_log');
    await withCatalogue(db);
  });
  afterAll(() => db.close());

  it('groups metric rows by the catalogue group; a code it lacks is its own group; rows add up to the totals', async () => {
    const q = { from: '2026-03-09', to: '2026-03-22', by: 'week', timeZone: TZ } as const;
    const grouped = await computeMetrics(db, { ...q, group: 'reason_group' });
    expect(Object.keys(grouped.rows[0])).toEqual(metricKeys('reason_group'));
    expect(grouped.rows.map((r) => [r.period_start, r.reason_group, r.offered, r.answered, r.lost, r.aht_s])).toEqual([
      // W11: g1 billing-dispute 200 s; g2, g4 bulky-item 100 + 140 s; g3 missed-pickup abandoned; g5 no code 300 s
      ['2026-03-09', 'Billing', 1, 1, 0, 200],
      ['2026-03-09', 'Bulky item', 2, 2, 0, 120],
      ['2026-03-09', 'Missed pick-up', 1, 0, 1, null],
      ['2026-03-09', null, 1, 1, 0, 300],
      // W12: g6 payment-plan (not in the catalogue) 100 s; g7, g8 missed-pickup 180 + 120 s; g9 timed out, no code
      ['2026-03-16', 'Missed pick-up', 2, 2, 0, 150],
      ['2026-03-16', 'Not in catalogue', 1, 1, 0, 100],
      ['2026-03-16', null, 1, 0, 1, null]
    ]);
    const totals = (await computeMetrics(db, q)).rows;
    for (const t of totals) {
      const rows = grouped.rows.filter((r) => r.period_start === t.period_start);
      for (const key of ['offered', 'answered', 'abandoned', 'timed_out', 'lost', 'answered_within_sl'] as const) {
        expect(rows.reduce((n, r) => n + r[key], 0), `${t.period_start} ${key}`).toBe(t[key]);
      }
      const handle = rows.reduce((n, r) => n + (r.aht_s ?? 0) * r.answered, 0);
      expect(handle / t.answered).toBeCloseTo(t.aht_s!, 9);
    }
    expect(grouped.reason_coverage).toEqual({ offered: 9, with_reason: 7, share_without_reason: 2 / 9 });
  });

  it('gives each week its figures per reason group, the share without a reason beside them, and a gap where no data is', async () => {
    const t = await reasonTrends(db, WEEKS);
    expect(t.groups).toEqual(['Billing', 'Missed pick-up', 'Bulky item', 'Not in catalogue', null]);
    expect(t.series.map((p) => [p.period, p.covered_days, p.offered, p.with_reason, p.share_without_reason, p.answered_share_without_reason])).toEqual([
      ['2026-W11', 6, 5, 4, 1 / 5, 1 / 4],
      ['2026-W12', 3, 4, 3, 1 / 4, 0],
      ['2026-W13', 0, null, null, null, null]
    ]);
    const figures = (i: number) => t.series[i].groups.map((g) => [g.reason_group, g.offered, g.lost, g.lost_rate, g.aht_s, g.repeat_rate]);
    expect(figures(0)).toEqual([
      ['Billing', 1, 0, 0, 200, 0],
      ['Missed pick-up', 1, 1, 1, null, null], // abandoned: nothing answered to repeat
      ['Bulky item', 2, 0, 0, 120, 1 / 2], // g4 called 23.5 h after g2 from the same number
      ['Not in catalogue', 0, 0, null, null, null],
      [null, 1, 0, 0, 300, 0]
    ]);
    expect(figures(1)).toEqual([
      ['Billing', 0, 0, null, null, null],
      ['Missed pick-up', 2, 0, 0, 150, 1 / 2], // g8 a day after g7 (g7 itself: g3 was 7 days before, past 72 h)
      ['Bulky item', 0, 0, null, null, null],
      ['Not in catalogue', 1, 0, 0, 100, 0], // g6: g1 was 7 days before
      [null, 1, 1, 1, null, null]
    ]);
    expect(figures(2).every(([, ...f]) => f.every((x) => x === null))).toBe(true);
    // Every week's groups add up to the week's calls.
    for (const p of t.series.slice(0, 2)) expect(p.groups.reduce((n, g) => n + g.offered!, 0)).toBe(p.offered);
    expect(t.definitions.map((d) => d.key)).toContain('share_without_reason');
    expect(t.coverage).toEqual({
      offered: 9, with_reason: 7, share_without_reason: 2 / 9, answered: 7, answered_with_reason: 6, answered_share_without_reason: 1 / 7
    });
  });

  it('counts repeat callers per reason group, from the calls and from call_facts alike', async () => {
    const range = { from: '2026-03-09', to: '2026-03-22', timeZone: TZ };
    const expected = [
      { reason_group: 'Missed pick-up', answered: 2, repeat_calls: 1, repeat_rate: 1 / 2 },
      { reason_group: 'Bulky item', answered: 2, repeat_calls: 1, repeat_rate: 1 / 2 },
      { reason_group: 'Billing', answered: 1, repeat_calls: 0, repeat_rate: 0 },
      { reason_group: 'Not in catalogue', answered: 1, repeat_calls: 0, repeat_rate: 0 },
      { reason_group: null, answered: 1, repeat_calls: 0, repeat_rate: 0 }
    ];
    const fromCalls = await repeatCallers(db, range);
    expect(fromCalls.total).toEqual({ answered: 7, repeat_calls: 2, repeat_rate: 2 / 7 });
    expect(sortGroups(fromCalls.by_reason_group)).toEqual(sortGroups(expected));
    expect(fromCalls.by_reason_group.at(-1)?.reason_group).toBeNull();
    expect(fromCalls.reason_coverage).toEqual({ answered: 7, with_reason: 6, share_without_reason: 1 / 7 });
    await catchUpCallFacts(db);
    const fromFacts = await repeatCallers(db, range);
    expect(sortGroups(fromFacts.by_reason_group)).toEqual(sortGroups(expected));
    expect(fromFacts.reason_coverage).toEqual(fromCalls.reason_coverage);
  });
});

const sortGroups = <T extends { reason_group: string | null }>(rows: T[]) => [...rows].sort((a, b) => String(a.reason_group).localeCompare(String(b.reason_group)));

describe('reason group order and shares (pure)', () => {
  it('puts the catalogue groups in their order, codes it lacks next, the calls without a reason last', () => {
    expect(orderGroups([null, 'Other', 'Not in catalogue', 'Billing', 'Bulky item'])).toEqual(['Billing', 'Bulky item', 'Other', 'Not in catalogue', null]);
  });
  it('works out the share without a reason by hand: 16 of 100 without is 0.16; none offered is no share', () => {
    expect(shareWithout(100, 84)).toBe(0.16);
    expect(shareWithout(0, 0)).toBeNull();
  });
});
