/**
 * Staffing report in the `callboard staffing --json` shape, a thin wrapper over agentsNeeded
 * (Erlang A when patienceS is given, else Erlang C; see ./erlang.ts for the math
 * and its references).
 */
import { agentsNeeded, type StaffingInput } from './erlang.js';

/** agentsNeeded inputs with defaults: slTarget 0.8, slThresholdS 20, shrinkage 0, maxOccupancy 1 (no cap). */
export type StaffingOptions = Omit<StaffingInput, 'slTarget' | 'slThresholdS'> &
  Partial<Pick<StaffingInput, 'slTarget' | 'slThresholdS'>>;

/** The `staffing --json` shape. Nulls: p_abandon under Erlang C; per-call figures when no calls are offered. */
export interface StaffingReport {
  agents: number;
  service_level: number | null;
  asa_s: number | null;
  p_wait: number | null;
  occupancy: number | null;
  p_abandon: number | null;
  scheduled_agents: number;
}

/** Smallest staffing meeting the targets, as snake_case JSON (`callboard staffing --json`). */
export function staffingReport(options: StaffingOptions): StaffingReport {
  const r = agentsNeeded({ ...options, slTarget: options.slTarget ?? 0.8, slThresholdS: options.slThresholdS ?? 20 });
  return {
    agents: r.agents,
    service_level: r.serviceLevel,
    asa_s: r.asaS,
    p_wait: r.pWait,
    occupancy: r.occupancy,
    p_abandon: r.pAbandon,
    scheduled_agents: r.scheduledAgents,
  };
}
