// Erlang applied per interval, on the published example (100 calls per 30 min, AHT 180 s, 80 % in
// 20 s: 14 agents under Erlang C with SL 0.888; 13 under Erlang A with 5-minute patience and
// P(abandon) ≈ 0.025) and hand-computed variations of it.
import { describe, expect, it } from 'vitest';
import { projectInterval, requiredStaff, summarise } from './coverage-erlang.ts';
import { DEFAULT_TARGET, type StaffingTarget } from './coverage-targets.ts';
import { erlangA } from './erlang.ts';

const row = { period_start: '2026-06-08T10:00:00', date: '2026-06-08', minute: 600, calls: 100, aht_s: 180 };
const target = (t: Partial<StaffingTarget> = {}): StaffingTarget => ({ ...DEFAULT_TARGET, max_occupancy: 1, ...t });

describe('requiredStaff', () => {
  it.each([
    // model, patience, shrinkage, max occupancy → Erlang C, Erlang A, agents, reps to schedule
    { model: 'erlang-a', patience: 300, shrinkage: 0, occ: 1, c: 14, a: 13, agents: 13, required: 13 },
    { model: 'erlang-c', patience: 300, shrinkage: 0, occ: 1, c: 14, a: 13, agents: 14, required: 14 },
    { model: 'erlang-a', patience: null, shrinkage: 0, occ: 1, c: 14, a: null, agents: 14, required: 14 }, // no patience: Erlang C
    { model: 'erlang-a', patience: 300, shrinkage: 0.2, occ: 1, c: 14, a: 13, agents: 13, required: 17 }, // 13 / 0.8 = 16.25
    { model: 'erlang-c', patience: null, shrinkage: 0, occ: 0.7, c: 15, a: null, agents: 15, required: 15 } // 10 Erlangs / 0.7 = 14.3
  ] as const)('$model, patience $patience, shrinkage $shrinkage, occupancy ≤ $occ → $required', (t) => {
    const [r] = requiredStaff([row], target({ model: t.model, shrinkage: t.shrinkage, max_occupancy: t.occ }), t.patience, 30);
    expect(r).toMatchObject({ erlang_c: t.c, erlang_a: t.a, agents: t.agents, required: t.required });
  });

  it('needs nobody for no calls and says nothing without a handle time', () => {
    const [none, unknown] = requiredStaff([{ ...row, calls: 0 }, { ...row, aht_s: null }], target(), 300, 30);
    expect(none).toMatchObject({ agents: 0, required: 0 });
    expect(unknown).toMatchObject({ agents: null, required: null });
  });
});

describe('projectInterval', () => {
  it('gives the published Erlang C service level for 14 agents', () => {
    const p = projectInterval(row, 14, target({ model: 'erlang-c' }), null, 30);
    expect(Math.abs(p.service_level! - 0.888)).toBeLessThanOrEqual(0.002);
    expect(Math.abs(p.asa_s! - 7.8)).toBeLessThanOrEqual(0.2);
    expect(p.lost_calls).toBeNull();
  });

  it('projects about 2.5 lost calls of 100 with 13 agents and 5-minute patience', () => {
    const p = projectInterval(row, 13, target(), 300, 30);
    expect(Math.abs(p.lost_calls! - 2.5)).toBeLessThanOrEqual(0.5);
    expect(p.service_level).toBeCloseTo(erlangA({ callsPerPeriod: 100, periodS: 1800, ahtS: 180, slThresholdS: 20, agents: 13, patienceS: 300 }).serviceLevel!, 12);
  });

  it('interpolates between whole agents and takes shrinkage off the scheduled reps', () => {
    const at = (n: number) => projectInterval(row, n, target(), 300, 30);
    const half = at(13.5);
    expect(half.service_level).toBeCloseTo((at(13).service_level! + at(14).service_level!) / 2, 12);
    expect(half.lost_calls).toBeCloseTo((at(13).lost_calls! + at(14).lost_calls!) / 2, 12);
    expect(projectInterval(row, 15, target({ shrinkage: 0.1 }), 300, 30).service_level).toBeCloseTo(half.service_level!, 12);
    expect(at(0).service_level).toBe(0);
    expect(at(0).lost_calls).toBeCloseTo(100, 9); // nobody answers: everyone abandons
  });
});

describe('summarise', () => {
  it('weights service level by calls and adds lost calls', () => {
    const s = summarise([
      { calls: 100, service_level: 0.9, lost_calls: 2 },
      { calls: 300, service_level: 0.5, lost_calls: 30 },
      { calls: 0, service_level: null, lost_calls: 0 }
    ]);
    expect(s).toEqual({ calls: 400, service_level: (90 + 150) / 400, lost_calls: 32, asa_s: null });
  });
});
