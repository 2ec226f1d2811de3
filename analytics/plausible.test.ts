/**
 * Derived figures survive one absurd call (issue 12, High 2): a wait, talk or patience nobody could
 * have, reaching the calls some other way than a checked load, makes no figure throw or run away.
 */
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../ingest/load.ts';
import { freshDb, TZ } from '../ingest/test-db.ts';
import { golden } from '../fixtures/paths.ts';
import { catchUpCallFacts } from './callers/call-facts.ts';
import { projectInterval, requiredStaff } from './staffing/coverage-erlang.ts';
import { estimatePatience } from './staffing/coverage-patience.ts';
import type { StaffingTarget } from './staffing/coverage-targets.ts';
import { agentsNeeded } from './staffing/erlang.ts';

const target: StaffingTarget = {
  queue: '*', sl_target: 0.8, sl_threshold_s: 20, asa_target_s: null, max_occupancy: 0.9, shrinkage: 0.3, model: 'erlang-a', source: 'default'
};
const row = { period_start: '2026-11-30T08:00', date: '2026-11-30', minute: 480 };

describe('Erlang inputs past any sense', () => {
  it('give null figures for the interval, never an exception', () => {
    const out = requiredStaff([
      { ...row, calls: 20, aht_s: 240 },
      { ...row, calls: 20, aht_s: 9_999_999_999_999 },
      { ...row, calls: Infinity, aht_s: 240 },
      { ...row, calls: 20, aht_s: Number.NaN }
    ], target, 606_906_727, 30);
    expect(out.map((r) => [r.model, r.agents, r.required])).toEqual([
      ['erlang-c', out[0].agents, out[0].required], ['erlang-c', null, null], ['erlang-c', null, null], ['erlang-c', null, null]
    ]);
    expect(out[0].agents).toBeGreaterThan(0); // the absurd patience is no estimate: Erlang C
    expect(projectInterval({ calls: 20, aht_s: 1e13 }, 5, target, 606_906_727, 30)).toEqual({ service_level: null, lost_calls: null, asa_s: null });
    expect(projectInterval({ calls: 20, aht_s: 240 }, Infinity, target, 600, 30)).toEqual({ service_level: null, lost_calls: null, asa_s: null });
    expect(projectInterval({ calls: 20, aht_s: 240 }, 5, target, 606_906_727, 30).service_level).toBeGreaterThan(0);
  });

  it('a load beyond any staffing is refused at once, not searched for', () => {
    expect(() => agentsNeeded({ callsPerPeriod: 1e9, periodS: 1800, ahtS: 86_400, slTarget: 0.8, slThresholdS: 20 })).toThrow(RangeError);
  });
});

describe('an absurd wait already in the calls', () => {
  it('leaves the patience estimate plausible and the facts able to catch up', async () => {
    const db = await freshDb();
    try {
      await ingestFile(db, golden('basic.queue_log'), { timeZone: TZ });
      await db.run(`UPDATE calls SET wait_s = 9999999999999 WHERE outcome = 'abandoned'`);
      const patience = await estimatePatience(db, { from: '2026-03-10', to: '2026-03-10', timeZone: TZ });
      const billing = patience.find((p) => p.queue === 'billing')!;
      expect(billing.waited_s).toBeLessThan(86_400);
      expect(billing.patience_s === null || billing.patience_s <= 86_400).toBe(true);
      await expect(catchUpCallFacts(db)).resolves.toBe('full');
    } finally {
      db.close();
    }
  });
});
