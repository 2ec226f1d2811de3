// The speed-up of Erlang A (plain loops, each uniformised step's factors worked out once, the service
// level only where the occupancy cap and the ASA target hold) gives the same answers as the code
// before it (test-support/erlang-before.ts), to the last bit: staff numbers and every figure, over a
// grid of loads from 1 to 1,000 calls per half hour with the 10M-call center's ~600 and its targets.
import { describe, expect, it } from 'vitest';
import { agentsNeeded, erlangA, erlangC, type StaffingInput } from './erlang.ts';
import * as before from '../test-support/erlang-before.ts';

const CALLS = [0.5, 1, 3, 7.25, 12, 30, 55.5, 100, 180, 320, 450, 581.84, 600.94, 604.37, 650, 715.82, 800, 1000];
const AHT = [45, 120, 233.4, 265, 281.7, 600];
const PATIENCE = [undefined, 30, 225.34541783198523, 900];
const TARGETS = [
  { slTarget: 0.8, slThresholdS: 20 },
  { slTarget: 0.9, slThresholdS: 30 },
  { slTarget: 0.95, slThresholdS: 0 }
];
const CAPS = [{ maxOccupancy: 0.85 }, { maxOccupancy: 0.9 }, {}, { maxOccupancy: 1, asaTargetS: 15 }];

function* grid(): Generator<StaffingInput> {
  for (const callsPerPeriod of CALLS)
    for (const ahtS of AHT)
      for (const patienceS of PATIENCE)
        for (const target of TARGETS)
          for (const cap of CAPS) yield { callsPerPeriod, periodS: 1800, ahtS, patienceS, ...target, ...cap, shrinkage: 0.1 };
}

/** The answer, or the error's message (a load no staffing meets fails the same way in both). */
const outcome = <T>(f: () => T): T | string => {
  try {
    return f();
  } catch (e) {
    return (e as Error).message;
  }
};

describe('Erlang A after its speed-up', () => {
  it('needs the same agents with the same figures as before, over the grid', () => {
    let solved = 0;
    const staff = new Set<number>();
    for (const input of grid()) {
      const now = outcome(() => agentsNeeded(input));
      expect(now, JSON.stringify(input)).toEqual(outcome(() => before.agentsNeeded(input)));
      if (typeof now !== 'string') {
        solved++;
        staff.add(now.agents);
      }
    }
    expect(solved).toBeGreaterThan(3000);
    expect(staff.size).toBeGreaterThan(50); // (the grid reaches from one agent to hundreds)
  });

  it('needs the same agents from any start of the search (searchFrom: a like interval\'s answer)', () => {
    let n = 0;
    for (const input of grid()) {
      if (n++ % 7 !== 0) continue; // (a seventh of the grid, each from eight starts)
      const want = outcome(() => before.agentsNeeded(input));
      const answer = typeof want === 'string' ? 50 : want.agents;
      for (const searchFrom of [0, 1, answer - 3, answer - 1, answer, answer + 1, answer + 40, 5000]) {
        expect(outcome(() => agentsNeeded({ ...input, searchFrom })), JSON.stringify({ input, searchFrom })).toEqual(want);
      }
    }
  });

  it('gives the same figures at every agent count around the answer, ~600 calls per half hour', () => {
    for (const callsPerPeriod of [581.84, 600.94, 715.82])
      for (const ahtS of [233.4, 265, 281.7])
        for (let agents = 0; agents <= 130; agents++) {
          const input = { callsPerPeriod, periodS: 1800, ahtS, slThresholdS: 20, agents, patienceS: 225.34541783198523 };
          expect(erlangA(input)).toEqual(before.erlangA(input));
          expect(Object.keys(erlangA(input))).toEqual(Object.keys(before.erlangA(input)));
          expect(erlangC(input)).toEqual(before.erlangC(input));
        }
  });
});
