/**
 * How a call is judged when its queue has no settings of its own (docs/definitions.md): the
 * service-level threshold, the short-abandon threshold and the service-level formula. The metrics
 * (analytics/metrics/metric-query.ts) and the call_slices summary the loads keep (call-slices.ts)
 * must agree on them, so they live here, below both.
 */
export const SL_FORMULAS = ['offered', 'icmi', 'answered'] as const;
export type SlFormula = (typeof SL_FORMULAS)[number];

export const DEFAULT_SL_THRESHOLD_S = 20;
export const DEFAULT_SHORT_ABANDON_S = 5;
export const DEFAULT_SL_FORMULA: SlFormula = 'offered';
