/**
 * Alert rules (issue 14, the live floor): what the admin wants flagged, per queue or for every queue
 * ('*'). A queue's own rule of a kind wins over the '*' rule of that kind, as staffing targets do.
 * The meaning of each kind's threshold, and the limits the admin's form and the API check:
 *   longest_wait      seconds a caller has waited, over it fires (1 s .. 1 h)
 *   waiting           callers waiting, over it fires (0 .. 1,000)
 *   nobody_available  seconds that callers have waited with no rep of the queue available, over it
 *                     fires (0 .. 1 h; 0: at once; the default 30 s keeps the gap between one call
 *                     and the next from flooding the log)
 *   service_level     today's service level so far, under it fires (a fraction 0.01 .. 0.99); null:
 *                     the queue's staffing target (Coverage). It is judged only once MIN_SL_CALLS
 *                     calls count today, so one early abandon does not fire it at opening time.
 */
import type { StaffingTarget } from '../staffing/coverage-targets.ts';

export const ALERT_KINDS = ['longest_wait', 'waiting', 'nobody_available', 'service_level'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertRule {
  /** A queue, or '*' for every queue. */
  queue: string;
  kind: AlertKind;
  /** See the module comment; null only for service_level (the queue's staffing target). */
  threshold: number | null;
}

/** A rule as it applies to one queue: the threshold resolved. */
export interface QueueRule {
  queue: string;
  kind: AlertKind;
  threshold: number;
}

/** Today's service level is judged once this many calls count in it. */
export const MIN_SL_CALLS = 10;

/** What the admin's form offers before any rule is saved. */
export const DEFAULT_RULES: readonly AlertRule[] = [
  { queue: '*', kind: 'longest_wait', threshold: 120 },
  { queue: '*', kind: 'waiting', threshold: 5 },
  { queue: '*', kind: 'nobody_available', threshold: 30 },
  { queue: '*', kind: 'service_level', threshold: null }
];

export const THRESHOLD_LIMITS: Record<AlertKind, { min: number; max: number; integer: boolean; unit: string }> = {
  longest_wait: { min: 1, max: 3600, integer: true, unit: 'seconds' },
  waiting: { min: 0, max: 1000, integer: true, unit: 'callers' },
  nobody_available: { min: 0, max: 3600, integer: true, unit: 'seconds' },
  service_level: { min: 0.01, max: 0.99, integer: false, unit: 'a fraction' }
};

/** Why a rule cannot be saved, in words for the admin's form; null when it can. */
export function ruleProblem(rule: AlertRule): string | null {
  const l = THRESHOLD_LIMITS[rule.kind];
  const t = rule.threshold;
  const which = `${rule.queue === '*' ? 'every queue' : rule.queue}, ${KIND_WORDS[rule.kind]}`;
  if (t === null) return rule.kind === 'service_level' ? null : `${which}: give a threshold`;
  if (!Number.isFinite(t) || t < l.min || t > l.max || (l.integer && !Number.isInteger(t))) {
    const range = rule.kind === 'service_level' ? '1 % to 99 %' : `${l.integer ? 'a whole number ' : ''}from ${l.min} to ${l.max} ${l.unit}`;
    return `${which}: give ${range} (got ${t})`;
  }
  return null;
}

/** Two rules of one kind for one queue cannot both hold. */
export function duplicateRule(rules: readonly AlertRule[]): AlertRule | null {
  const seen = new Set<string>();
  for (const r of rules) {
    const key = `${r.queue}\u0000${r.kind}`;
    if (seen.has(key)) return r;
    seen.add(key);
  }
  return null;
}

export const KIND_WORDS: Record<AlertKind, string> = {
  longest_wait: 'longest wait over',
  waiting: 'callers waiting over',
  nobody_available: 'nobody available with callers waiting, for over',
  service_level: 'service level today under'
};

/**
 * The rules that apply to each of `queues`, thresholds resolved (service level: the rule's, else the
 * queue's staffing target). `targetOf` gives a queue's staffing target (coverage-targets.ts targetFor).
 */
export function rulesFor(rules: readonly AlertRule[], queues: readonly string[], targetOf: (queue: string) => StaffingTarget): QueueRule[] {
  const out: QueueRule[] = [];
  for (const queue of queues) {
    for (const kind of ALERT_KINDS) {
      const rule = rules.find((r) => r.queue === queue && r.kind === kind) ?? rules.find((r) => r.queue === '*' && r.kind === kind);
      if (!rule) continue;
      out.push({ queue, kind, threshold: rule.threshold ?? targetOf(queue).sl_target });
    }
  }
  return out;
}
