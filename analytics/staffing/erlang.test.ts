import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { agentsNeeded, erlangA, erlangB, erlangC } from './erlang.js';

/**
 * Published worked example (the common Erlang C walk-through, e.g. Call Centre
 * Helper's): 100 calls per 30 minutes, AHT 180 s (A = 10 Erlangs), target 80%
 * answered in 20 s: 14 agents, SL ≈ 88.8%, ASA ≈ 7.8 s; 13 agents SL ≈ 79.6%.
 * Erlang A with 5-minute mean patience: 13 agents, P(abandon) ≈ 2.5%.
 * Expected values are those published figures with the tolerances given in the
 * staffing brief; they are not copied from this implementation's output.
 */
const example = { callsPerPeriod: 100, periodS: 1800, ahtS: 180, slThresholdS: 20 };
/** ~1,000-agent load: 10,000 calls per 30 minutes at AHT 180 s = 1,000 Erlangs. */
const large = { callsPerPeriod: 10_000, periodS: 1800, ahtS: 180, slThresholdS: 20 };

const num = (x: number | null): number => {
  if (x === null) throw new Error('expected a number, got null');
  return x;
};

describe('erlangB', () => {
  it.each([
    // Erlang B tables: 1 Erlang on 1 trunk = 0.5; 2 Erlangs on 2 trunks = 0.4.
    [1, 1, 0.5],
    [2, 2, 0.4],
  ])('A=%d, n=%d → %d', (a, n, b) => {
    expect(erlangB(a, n)).toBeCloseTo(b, 12);
  });

  it('stays finite and in (0,1) for thousands of servers', () => {
    const b = erlangB(1000, 1100);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(1);
  });
});

describe('erlangC — published example (A = 10 Erlangs, 80/20)', () => {
  it.each([
    // agents, service level ± 0.002, ASA (s) ± 0.2 (null = not published)
    { agents: 14, sl: 0.888, asa: 7.8 },
    { agents: 13, sl: 0.796, asa: null },
  ])('$agents agents → SL ≈ $sl', ({ agents, sl, asa }) => {
    const r = erlangC({ ...example, agents });
    expect(r.trafficErlangs).toBe(10);
    expect(Math.abs(num(r.serviceLevel) - sl)).toBeLessThanOrEqual(0.002);
    if (asa !== null) expect(Math.abs(num(r.asaS) - asa)).toBeLessThanOrEqual(0.2);
    expect(r.occupancy).toBeCloseTo(10 / agents, 12);
  });

  it('needs 14 agents', () => {
    const r = agentsNeeded({ ...example, slTarget: 0.8 });
    expect(r.model).toBe('erlang-c');
    expect(r.agents).toBe(14);
    expect(r.pAbandon).toBeNull();
    expect(r.scheduledAgents).toBe(14);
  });

  it('is explicit about overload (agents <= traffic)', () => {
    expect(erlangC({ ...example, agents: 10 })).toEqual({
      agents: 10, trafficErlangs: 10, pWait: 1, serviceLevel: 0, asaS: Infinity, occupancy: 1,
    });
    expect(erlangC({ ...example, agents: 0 }).occupancy).toBeNull();
  });
});

describe('erlangA — published example with 5-minute mean patience', () => {
  const withPatience = { ...example, patienceS: 300 };

  it('needs 13 agents with P(abandon) ≈ 0.025', () => {
    const r = agentsNeeded({ ...withPatience, slTarget: 0.8 });
    expect(r.model).toBe('erlang-a');
    expect(r.agents).toBe(13);
    expect(Math.abs(num(r.pAbandon) - 0.025)).toBeLessThanOrEqual(0.005);
  });

  it('abandonment helps: Erlang A SL beats Erlang C SL at the same staffing', () => {
    for (const agents of [11, 12, 13, 14]) {
      expect(num(erlangA({ ...withPatience, agents }).serviceLevel)).toBeGreaterThan(
        num(erlangC({ ...example, agents }).serviceLevel),
      );
    }
  });

  it('with threshold 0, SL = P(no wait)', () => {
    const r = erlangA({ ...withPatience, slThresholdS: 0, agents: 12 });
    expect(num(r.serviceLevel)).toBeCloseTo(1 - num(r.pWait), 12);
  });

  it('with no agents everyone abandons', () => {
    const r = erlangA({ ...withPatience, agents: 0 });
    expect(r).toMatchObject({ pWait: 1, serviceLevel: 0, asaS: null, occupancy: null });
    expect(num(r.pAbandon)).toBeCloseTo(1, 9);
  });
});

describe('1,000-agent scale (1,000 Erlangs)', () => {
  const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('Erlang C is finite and monotone in agents', () => {
    const rows = range(1001, 1060).map((agents) => erlangC({ ...large, agents }));
    for (const r of rows) {
      for (const v of [r.pWait, r.serviceLevel, r.asaS, r.occupancy]) expect(Number.isFinite(num(v))).toBe(true);
    }
    for (let i = 1; i < rows.length; i++) {
      expect(num(rows[i].serviceLevel)).toBeGreaterThan(num(rows[i - 1].serviceLevel));
      expect(num(rows[i].asaS)).toBeLessThan(num(rows[i - 1].asaS));
    }
  });

  it('Erlang A is finite and monotone in agents, including under-staffing', () => {
    const rows = range(940, 1040).map((agents) => erlangA({ ...large, agents, patienceS: 300 }));
    for (const r of rows) {
      for (const v of [r.pWait, r.serviceLevel, r.asaS, r.occupancy, r.pAbandon]) expect(Number.isFinite(num(v))).toBe(true);
    }
    for (let i = 1; i < rows.length; i++) {
      expect(num(rows[i].serviceLevel)).toBeGreaterThan(num(rows[i - 1].serviceLevel));
      expect(num(rows[i].asaS)).toBeLessThan(num(rows[i - 1].asaS));
      expect(num(rows[i].pAbandon)).toBeLessThan(num(rows[i - 1].pAbandon));
    }
  });

  it('agentsNeeded is fast and lands between traffic and traffic + 10%', () => {
    const t0 = performance.now();
    const c = agentsNeeded({ ...large, slTarget: 0.8 });
    const a = agentsNeeded({ ...large, slTarget: 0.8, patienceS: 300 });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(c.agents).toBeGreaterThan(1000);
    expect(c.agents).toBeLessThan(1100);
    expect(a.agents).toBeLessThanOrEqual(c.agents);
    // minimality: one agent fewer misses the target
    expect(num(erlangC({ ...large, agents: c.agents - 1 }).serviceLevel)).toBeLessThan(0.8);
    expect(num(erlangA({ ...large, agents: a.agents - 1, patienceS: 300 }).serviceLevel)).toBeLessThan(0.8);
  });
});

describe('agentsNeeded options', () => {
  it('ASA target: published ASA at 14 agents is 7.8 s, so ASA ≤ 5 s needs more', () => {
    const r = agentsNeeded({ ...example, slTarget: 0.8, asaTargetS: 5 });
    expect(r.agents).toBe(15);
    expect(num(r.asaS)).toBeLessThanOrEqual(5);
  });

  it('occupancy cap: 10 Erlangs at ≤ 70% occupancy needs ceil(10/0.7) = 15', () => {
    expect(agentsNeeded({ ...example, slTarget: 0.5, maxOccupancy: 0.7 }).agents).toBe(15);
  });

  it('shrinkage: 14 agents at 30% shrinkage schedules ceil(14/0.7) = 20', () => {
    expect(agentsNeeded({ ...example, slTarget: 0.8, shrinkage: 0.3 }).scheduledAgents).toBe(20);
  });

  it.each([undefined, 300])('zero calls → 0 agents and null ratios (patience %s)', (patienceS) => {
    const r = agentsNeeded({ ...example, callsPerPeriod: 0, slTarget: 0.8, patienceS });
    expect(r).toMatchObject({
      agents: 0, scheduledAgents: 0, trafficErlangs: 0,
      pWait: null, serviceLevel: null, asaS: null, occupancy: null, pAbandon: null,
    });
  });

  it('rejects invalid inputs', () => {
    expect(() => agentsNeeded({ ...example, slTarget: 1 })).toThrow(RangeError);
    expect(() => agentsNeeded({ ...example, slTarget: 0.8, shrinkage: 1 })).toThrow(RangeError);
    expect(() => erlangC({ ...example, agents: 1.5 })).toThrow(RangeError);
    expect(() => erlangA({ ...example, agents: 12, patienceS: 0 })).toThrow(RangeError);
    expect(() => erlangC({ ...example, periodS: 0, agents: 12 })).toThrow(RangeError);
  });
});

describe('properties', () => {
  const load = fc.record({
    callsPerPeriod: fc.integer({ min: 1, max: 3000 }),
    periodS: fc.constant(1800),
    ahtS: fc.integer({ min: 30, max: 600 }),
    slThresholdS: fc.integer({ min: 0, max: 60 }),
  });

  it('Erlang A with very long patience converges to Erlang C', () => {
    fc.assert(
      fc.property(load, fc.integer({ min: 1, max: 30 }), (input, extra) => {
        const traffic = (input.callsPerPeriod * input.ahtS) / input.periodS;
        const agents = Math.floor(traffic) + extra;
        fc.pre(agents - traffic >= 0.05); // keep the Erlang A chain (ρ^k decay) to < 1e6 states
        const c = erlangC({ ...input, agents });
        // The gap shrinks like (Erlang C wait) / patience, so "very long" is relative:
        // near-critical loads (n - A << 1) wait for days under Erlang C.
        const patienceS = 1e6 * Math.max(input.ahtS, num(c.asaS));
        const a = erlangA({ ...input, agents, patienceS });
        expect(Math.abs(num(a.serviceLevel) - num(c.serviceLevel))).toBeLessThan(1e-3);
        expect(Math.abs(num(a.pWait) - num(c.pWait))).toBeLessThan(1e-3);
      }),
      { numRuns: 40 },
    );
  });

  it('SL, pWait, pAbandon and occupancy stay in [0, 1]', () => {
    fc.assert(
      fc.property(load, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 10, max: 1200 }), (input, agents, patienceS) => {
        const a = erlangA({ ...input, agents, patienceS });
        const c = erlangC({ ...input, agents });
        for (const v of [a.serviceLevel, a.pWait, a.pAbandon, c.serviceLevel, c.pWait, c.occupancy, a.occupancy]) {
          if (v === null) continue; // occupancy with 0 agents
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('more agents → lower P(abandon), higher SL', () => {
    fc.assert(
      fc.property(load, fc.integer({ min: 1, max: 200 }), fc.integer({ min: 10, max: 1200 }), (input, agents, patienceS) => {
        const fewer = erlangA({ ...input, agents, patienceS });
        const more = erlangA({ ...input, agents: agents + 1, patienceS });
        expect(num(more.pAbandon)).toBeLessThanOrEqual(num(fewer.pAbandon));
        expect(num(more.serviceLevel)).toBeGreaterThanOrEqual(num(fewer.serviceLevel) - 1e-12);
      }),
      { numRuns: 60 },
    );
  });
});
