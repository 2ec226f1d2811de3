/**
 * The /reps table: one row per rep for a day or a week, joining what three answers know about them
 * (rep-activity: handled, AHT, ring-no-answers, transfers, occupancy; the quality score; the metric
 * rows grouped by rep, for a daily trend of calls handled), and its sorting. Pure, for the page and tests.
 */

export interface ActivityLike {
  rep_id: string;
  rep: string;
  handled: number;
  aht_s: number | null;
  ring_no_answer: number;
  transferred: number;
  occupancy: number | null;
}

export interface QualityLike {
  rep_id: string;
  rep: string;
  quality_score: number | null;
  evaluations: number;
}

export interface TrendMetricLike {
  period_start: string;
  rep_interface?: string | null;
  answered: number;
}

export interface RepLike {
  id: string;
  name: string;
  interfaces: string[];
  team: string | null;
}

export interface TrendPoint {
  date: string;
  handled: number;
}

export interface RepTableRow {
  rep_id: string;
  rep: string;
  team: string | null;
  handled: number;
  aht_s: number | null;
  ring_no_answer: number;
  transferred: number;
  occupancy: number | null;
  quality_score: number | null;
  evaluations: number;
  trend: TrendPoint[];
}

export const SORT_KEYS = ['rep', 'handled', 'aht_s', 'ring_no_answer', 'transferred', 'occupancy', 'quality_score'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

export function buildRepTable(input: {
  activity: ActivityLike[];
  quality: QualityLike[];
  trend: TrendMetricLike[];
  trendDates: string[];
  reps: RepLike[];
}): RepTableRow[] {
  const repOf = new Map<string, RepLike>();
  const idOfInterface = new Map<string, string>();
  for (const r of input.reps) {
    repOf.set(r.id, r);
    for (const i of r.interfaces) idOfInterface.set(i, r.id);
  }
  const handledByDay = new Map<string, Map<string, number>>();
  for (const m of input.trend) {
    const id = m.rep_interface ? idOfInterface.get(m.rep_interface) : undefined;
    if (!id) continue;
    const days = handledByDay.get(id) ?? new Map<string, number>();
    const day = m.period_start.slice(0, 10);
    days.set(day, (days.get(day) ?? 0) + m.answered);
    handledByDay.set(id, days);
  }
  const quality = new Map(input.quality.map((q) => [q.rep_id, q]));
  const ids = new Set([...input.activity.map((a) => a.rep_id), ...input.quality.map((q) => q.rep_id)]);
  const activity = new Map(input.activity.map((a) => [a.rep_id, a]));
  return [...ids].map((id) => {
    const a = activity.get(id);
    const q = quality.get(id);
    const days = handledByDay.get(id);
    return {
      rep_id: id,
      rep: repOf.get(id)?.name ?? a?.rep ?? q?.rep ?? id,
      team: repOf.get(id)?.team ?? null,
      handled: a?.handled ?? 0,
      aht_s: a?.aht_s ?? null,
      ring_no_answer: a?.ring_no_answer ?? 0,
      transferred: a?.transferred ?? 0,
      occupancy: a?.occupancy ?? null,
      quality_score: q?.quality_score ?? null,
      evaluations: q?.evaluations ?? 0,
      trend: input.trendDates.map((date) => ({ date, handled: days?.get(date) ?? 0 }))
    };
  });
}

export function parseSort(key: string | null, dir: string | null): { key: SortKey; dir: SortDir } {
  const k = (SORT_KEYS as readonly string[]).includes(key ?? '') ? (key as SortKey) : 'rep';
  const d: SortDir = dir === 'desc' || dir === 'asc' ? dir : k === 'rep' ? 'asc' : 'desc';
  return { key: k, dir: d };
}

/** Sorted by one column; rows without a value (null) always last; ties by name. */
export function sortRows(rows: readonly RepTableRow[], key: SortKey, dir: SortDir): RepTableRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null && y !== null) return 1;
    if (y === null && x !== null) return -1;
    const c = x === null || y === null ? 0 : typeof x === 'string' ? x.localeCompare(y as string) : (x as number) - (y as number);
    return c !== 0 ? sign * c : a.rep.localeCompare(b.rep);
  });
}
