/**
 * Quarter-over-quarter and year-over-year tables: each trend figure now and then, with its change
 * (percentage points for rates, the difference and the relative change for counts and times).
 */
import { figureChange, relativeChange, type ReportUnit } from '../reports/reports-document.ts';
import { reportDefinition } from '../reports/reports-definitions.ts';

export interface ComparisonRow {
  key: string;
  label: string;
  unit: ReportUnit;
  value: number | null;
  previous: number | null;
  /** value − previous (for rates: a difference of fractions, i.e. percentage points / 100). */
  change: number | null;
  /** change / previous for counts, seconds and hours; null for rates and scores, or from zero. */
  relative_change: number | null;
}

/**
 * Which way is better, for saying "better" or "worse" beside a change (null: neither). Rates and times
 * only: counts move with the volume of calls (and with how much of a quarter has passed).
 */
export const BETTER: Record<string, 'up' | 'down' | null> = {
  offered: null,
  answered: null,
  lost: null,
  lost_rate: 'down',
  service_level: 'up',
  asa_s: 'down',
  aht_s: null,
  repeat_rate: 'down',
  lost_callers: null,
  recovered: null,
  recovery_rate: 'up',
  quality_score: 'up',
  evaluations: null,
  required_h: null,
  scheduled_h: null,
  on_phones_h: null,
  short_h: 'down'
};

export function compareFigures(now: Record<string, number | null>, then: Record<string, number | null>): ComparisonRow[] {
  return Object.keys(now).map((key) => {
    const d = reportDefinition(key);
    const f = { value: now[key] ?? null, previous: then[key] ?? null, unit: d.unit };
    return { key, label: d.label, unit: d.unit, value: f.value, previous: f.previous, change: figureChange(f), relative_change: relativeChange(f) };
  });
}

/** "better", "worse" or null for a change of a figure. */
export function judgeChange(key: string, change: number | null): 'better' | 'worse' | null {
  const way = BETTER[key];
  if (!way || change === null || change === 0) return null;
  return (change > 0) === (way === 'up') ? 'better' : 'worse';
}
