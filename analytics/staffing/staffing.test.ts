import { describe, expect, it } from 'vitest';
import { staffingReport } from './staffing.js';

/** Published example: 100 calls / 30 min, AHT 180 s, default 80/20 target. */
const example = { callsPerPeriod: 100, periodS: 1800, ahtS: 180 };
const STAFFING_KEYS = ['agents', 'asa_s', 'occupancy', 'p_abandon', 'p_wait', 'scheduled_agents', 'service_level'];

describe('staffingReport', () => {
  it('Erlang C by default: 14 agents, SL ≈ 0.888, ASA ≈ 7.8 s, p_abandon null', () => {
    const r = staffingReport(example);
    expect(Object.keys(r).sort()).toEqual(STAFFING_KEYS);
    expect(r.agents).toBe(14);
    expect(r.scheduled_agents).toBe(14);
    expect(r.p_abandon).toBeNull();
    expect(r.service_level ?? NaN).toBeCloseTo(0.888, 2);
    expect(Math.abs((r.asa_s ?? NaN) - 7.8)).toBeLessThanOrEqual(0.2);
    expect(r.occupancy ?? NaN).toBeCloseTo(10 / 14, 12);
  });

  it('Erlang A with 5-minute patience: 13 agents, p_abandon ≈ 0.025', () => {
    const r = staffingReport({ ...example, patienceS: 300 });
    expect(r.agents).toBe(13);
    expect(Math.abs((r.p_abandon ?? NaN) - 0.025)).toBeLessThanOrEqual(0.005);
  });

  it('applies shrinkage and explicit targets', () => {
    expect(staffingReport({ ...example, shrinkage: 0.3 }).scheduled_agents).toBe(20); // ceil(14 / 0.7)
    // a looser target (80% in 60 s) cannot need more agents than 80/20
    expect(staffingReport({ ...example, slThresholdS: 60 }).agents).toBeLessThanOrEqual(14);
  });

  it('serialises to JSON without loss', () => {
    const r = staffingReport(example);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('zero calls → 0 agents, null ratios', () => {
    expect(staffingReport({ ...example, callsPerPeriod: 0 })).toEqual({
      agents: 0, service_level: null, asa_s: null, p_wait: null, occupancy: null, p_abandon: null, scheduled_agents: 0,
    });
  });
});
