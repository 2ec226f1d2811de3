/** Staffing targets per queue and for the center as one pool (sql/coverage-targets.sql). */
import type { Database } from '../../sql/db.ts';

export type StaffingModel = 'erlang-a' | 'erlang-c';

export interface StaffingTarget {
  /** A queue, or '*' for the center as one pool. */
  queue: string;
  sl_target: number;
  sl_threshold_s: number;
  asa_target_s: number | null;
  max_occupancy: number;
  shrinkage: number;
  model: StaffingModel;
  /** Where the values came from: the queue's own row, the center's ('*') row, or the defaults. */
  source: 'queue' | 'center' | 'default';
}

export const DEFAULT_TARGET: StaffingTarget = {
  queue: '*', sl_target: 0.8, sl_threshold_s: 20, asa_target_s: null, max_occupancy: 0.9, shrinkage: 0, model: 'erlang-a', source: 'default'
};

/**
 * Read once while nothing is written (db.lookups): the queues it lists are read from every call
 * (0.1-0.9 s at 10M calls), and one coverage or plan answer asks from four places. Nothing of it moves
 * with the clock, so it is kept until the next write (no refresh every few seconds).
 */
export async function readTargets(db: Database): Promise<Map<string, StaffingTarget>> {
  const rows = await db.lookups.get('staffing-targets', () => db.query<StaffingTarget>('coverage-targets'), Infinity);
  return new Map(rows.map((r) => [r.queue, r]));
}

/** A queue's target (the center's for '*' or an unknown queue). */
export function targetFor(targets: Map<string, StaffingTarget>, queue: string): StaffingTarget {
  return targets.get(queue) ?? { ...(targets.get('*') ?? DEFAULT_TARGET), queue };
}
