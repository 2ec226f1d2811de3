/**
 * Staffing for a week of a large center: 7 days × 96 quarter-hours × 5 queues = 3,360 intervals,
 * each solved for the smallest staffing that meets 80/20 (analytics/staffing/staffing.ts), under Erlang C and
 * under Erlang A (mean patience 120 s). Volumes follow an intraday curve peaking near 300 calls a
 * quarter-hour in the biggest queue, so the search runs up to ~90 agents.
 */
import { staffingReport } from '../analytics/staffing/staffing.ts';

export interface StaffingBench {
  intervals: number;
  erlang_c_ms: number;
  erlang_a_ms: number;
  max_agents: number;
}

export function staffingWeek(): StaffingBench {
  const queues = [1, 0.6, 0.35, 0.2, 0.1];
  const inputs: Array<{ calls: number; aht: number }> = [];
  for (let day = 0; day < 7; day++) {
    const weekday = day < 5 ? 1 : 0.35;
    for (let q = 0; q < 96; q++) {
      const hour = q / 4;
      const open = hour >= 7 && hour < 19 ? Math.sin(((hour - 7) / 12) * Math.PI) : 0.02;
      for (const share of queues) inputs.push({ calls: Math.round(300 * weekday * open * share), aht: 240 + 60 * share });
    }
  }
  const run = (patienceS?: number) => {
    const t0 = performance.now();
    let maxAgents = 0;
    for (const i of inputs) {
      const r = staffingReport({ callsPerPeriod: i.calls, periodS: 900, ahtS: i.aht, patienceS });
      maxAgents = Math.max(maxAgents, r.agents);
    }
    return { ms: performance.now() - t0, maxAgents };
  };
  run(); // warm the JIT
  const c = run();
  const a = run(120);
  return { intervals: inputs.length, erlang_c_ms: Math.round(c.ms), erlang_a_ms: Math.round(a.ms), max_agents: Math.max(c.maxAgents, a.maxAgents) };
}
