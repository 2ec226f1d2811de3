// requiredStaff keys its memo by numbers (the grid's hundredths of a call and tenths of a second; a
// weekday and minute) and the plan sums reps with requiredTotal, which makes no interval row. Held to
// the code before, kept below without any memo (each interval's Erlang asked afresh, on the same grid):
// the same figures for plan-like weeks of intervals, edge rows among them, under several targets.
import { describe, expect, it } from 'vitest';
import { modelFor, requiredStaff, requiredTotal, type LoadInterval } from './coverage-erlang.ts';
import { DEFAULT_TARGET, type StaffingTarget } from './coverage-targets.ts';
import { agentsNeeded } from './erlang.ts';
import { MAX_CALL_DURATION_S, plausible } from '../plausible.ts';
import { addDays } from '../roster/schedule-model.ts';

function orNull<T>(f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}

/** requiredStaff as it answered before: its string keys, remembered within the call only. */
function requiredBefore(rows: readonly LoadInterval[], target: StaffingTarget, patienceIn: number | null, intervalMinutes: number) {
  const patienceS = plausible(patienceIn, Number.MIN_VALUE, MAX_CALL_DURATION_S);
  const model = modelFor(target, patienceS);
  const memo = new Map<string, { c: number | null; a: number | null }>();
  return rows.map((row) => {
    if (!Number.isFinite(row.calls)) return { ...row, model, erlang_c: null, erlang_a: null, agents: null, required: null };
    if (row.calls <= 0) return { ...row, model, erlang_c: 0, erlang_a: patienceS === null ? null : 0, agents: 0, required: 0 };
    const ahtIn = plausible(row.aht_s, Number.MIN_VALUE, MAX_CALL_DURATION_S);
    if (ahtIn === null) return { ...row, model, erlang_c: null, erlang_a: null, agents: null, required: null };
    const calls = Math.round(row.calls * 100) / 100;
    const aht = Math.max(Math.round(ahtIn * 10) / 10, 0.1);
    const base = {
      callsPerPeriod: calls, periodS: intervalMinutes * 60, ahtS: aht, slTarget: target.sl_target, slThresholdS: target.sl_threshold_s,
      maxOccupancy: target.max_occupancy, asaTargetS: target.asa_target_s ?? undefined
    };
    const key = `${calls}|${aht}`;
    const hit = memo.get(key) ?? { c: orNull(() => agentsNeeded(base).agents), a: patienceS === null ? null : orNull(() => agentsNeeded({ ...base, patienceS }).agents) };
    memo.set(key, hit);
    const { c, a } = hit;
    const agents = model === 'erlang-a' ? a : c;
    const required = agents === null ? null : Math.ceil(agents / (1 - target.shrinkage) - 1e-9);
    return { ...row, model, erlang_c: c, erlang_a: a, agents, required };
  });
}

/** A week's pattern scaled over many weeks (as a plan asks), with rows Erlang cannot or need not staff. */
function plannedRows(intervalMinutes: number): LoadInterval[] {
  const rows: LoadInterval[] = [];
  for (let w = 0; w < 12; w++)
    for (let d = 0; d < 7; d++) {
      const date = addDays('2026-06-08', 7 * w + d);
      for (let minute = 7 * 60; minute < 19 * 60; minute += intervalMinutes) {
        const shape = Math.sin(((minute - 420) / 720) * Math.PI);
        const calls = (d < 5 ? 40 : 12) * (intervalMinutes / 30) * shape * (1 + 0.05 * w) + (minute % 7) / 3;
        rows.push({ period_start: `${date}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`, date, minute, calls, aht_s: 240 + 30 * Math.cos(minute / 97) + w });
      }
    }
  const at = rows[0];
  rows.push(
    { ...at, calls: 0 }, { ...at, calls: -1 }, { ...at, calls: Number.NaN }, { ...at, calls: Infinity }, { ...at, aht_s: null }, { ...at, aht_s: 0.01 },
    { ...at, aht_s: 86_400 }, { ...at, aht_s: 90_000 }, { ...at, calls: 0.004 }, { ...at, calls: 0.006 }, { ...at, calls: 12.345, aht_s: 180.04 }
  );
  return rows;
}

describe('Erlang per interval, remembered by number', () => {
  const targets: Array<[string, StaffingTarget, number | null]> = [
    ['Erlang A, 5-minute patience', { ...DEFAULT_TARGET, model: 'erlang-a', shrinkage: 0.3 }, 300],
    ['Erlang A without patience', { ...DEFAULT_TARGET, model: 'erlang-a' }, null],
    ['Erlang C, an ASA target and an occupancy cap', { ...DEFAULT_TARGET, model: 'erlang-c', asa_target_s: 30, max_occupancy: 0.8, shrinkage: 0.25 }, 180]
  ];
  it.each(targets)('%s: the figures of the code before, and their sum', (_, target, patience) => {
    for (const intervalMinutes of [15, 30, 60]) {
      const rows = plannedRows(intervalMinutes);
      const before = requiredBefore(rows, target, patience, intervalMinutes);
      // twice: the first fills the memo, the second answers from it
      expect(requiredStaff(rows, target, patience, intervalMinutes)).toEqual(before);
      expect(requiredStaff(rows, target, patience, intervalMinutes)).toEqual(before);
      const reps = before.reduce((s, r) => s + (r.required ?? 0), 0);
      const unstaffed = before.filter((r) => r.required === null).length;
      expect(reps).toBeGreaterThan(500);
      expect(unstaffed).toBeGreaterThanOrEqual(2);
      expect(requiredTotal(rows, target, patience, intervalMinutes)).toEqual({ reps, unstaffed });
    }
  });
});
