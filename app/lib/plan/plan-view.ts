/** What the plan page shows, worked out apart from the markup (pure). */
import type { PlanRow } from '../../../analytics/plan/plan-scenarios.ts';

export const fte = (x: number) => x.toFixed(1);
export const signedFte = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(1)}`;
export const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

export interface PlanPoint {
  x: Date;
  label: string;
  required: number;
  available: number;
}

/** One point per week at its Monday (UTC midnight: the axis only labels months). */
export function planPoints(rows: readonly PlanRow[]): PlanPoint[] {
  return rows.map((r) => ({ x: new Date(`${r.monday}T00:00:00Z`), label: r.week, required: r.required_fte, available: r.available_fte }));
}

/** The first Monday of each month in the plan (axis ticks), every other month when more than 7. */
export function monthTicks(points: readonly PlanPoint[]): Date[] {
  const firsts: Date[] = [];
  let month = '';
  for (const p of points) {
    const m = p.x.toISOString().slice(0, 7);
    if (m !== month) {
      firsts.push(p.x);
      month = m;
    }
  }
  return firsts.length > 7 ? firsts.filter((_, i) => i % 2 === 0) : firsts;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const monthLabel = (d: Date) => `${MONTHS[d.getUTCMonth()]}${d.getUTCMonth() === 0 ? ` ${d.getUTCFullYear()}` : ''}`;

/** The y range: 0 to a little above the larger of the two lines. */
export function fteDomain(points: readonly PlanPoint[]): [number, number] {
  const top = Math.max(1, ...points.map((p) => Math.max(p.required, p.available)));
  return [0, Math.ceil(top * 1.1)];
}

/** The new-service what-if as chosen in the query string (null: the plan's default). */
export interface NewServiceChoice {
  new_calls: string | null;
  new_aht_s: string | null;
  new_from: string | null;
}

/** Query parameters with the unset ones left out. */
export function setParams(params: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => e[1] !== null && e[1] !== ''));
}
