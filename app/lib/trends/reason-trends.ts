/**
 * The Trends page's figures by reason group (pure, shared by ReasonTrends.svelte and its tests): one
 * chart line per group for the figure chosen, and how much of the calls the figures cover, in words.
 */
import type { ReportUnit } from '../../../analytics/reports/reports-document.ts';
import type { ReasonTrendPoint } from '../../../analytics/trends/trends-reasons.ts';
import { chartPoints, type ChartPoint, type TrendBy, type TrendChartSpec } from './trend-charts.ts';

export const REASON_FIGURES = [
  { key: 'offered', label: 'Calls offered', unit: 'count' },
  { key: 'lost_rate', label: 'Lost rate', unit: 'rate' },
  { key: 'aht_s', label: 'Average handle time', unit: 'seconds' },
  { key: 'repeat_rate', label: 'Repeat rate', unit: 'rate' }
] as const satisfies ReadonlyArray<{ key: string; label: string; unit: ReportUnit }>;
export type ReasonFigure = (typeof REASON_FIGURES)[number]['key'];

const COLORS: Record<string, string> = {
  Billing: '#2563a8',
  'Missed pick-up': '#b45309',
  'Bulky item': '#15803d',
  'Special needs / pack-out': '#7c3aed',
  Other: '#475569',
  'Not in catalogue': '#9d174d'
};

/** What a group is called on the page (null: the calls without a reason). */
export const groupLabel = (g: string | null) => g ?? 'No reason';

/** The chart's lines: one per group (keys g0, g1, … in the answer's group order). */
export function reasonChartSpec(groups: ReadonlyArray<string | null>, figure: ReasonFigure): TrendChartSpec {
  const f = REASON_FIGURES.find((x) => x.key === figure)!;
  return {
    key: `reason-${figure}`,
    title: `${f.label} per reason group`,
    unit: f.unit,
    lines: groups.map((g, i) => ({ key: `g${i}`, label: groupLabel(g), color: g === null ? '#94a3b8' : (COLORS[g] ?? '#0e7490') })),
    description: `${f.label} of each reason group per period; the calls without a reason are a line of their own.`
  };
}

/** The chart's rows: one per period, the chosen figure of group i under key g{i}. */
export function reasonChartPoints(by: TrendBy, series: readonly ReasonTrendPoint[], groups: ReadonlyArray<string | null>, figure: ReasonFigure): ChartPoint[] {
  const flat = series.map((p) => ({
    period: p.period, from: p.from, to: p.to, days: p.days, covered_days: p.covered_days,
    ...Object.fromEntries(groups.map((_, i) => [`g${i}`, p.groups[i]?.[figure] ?? null]))
  }));
  return chartPoints(by, flat, groups.map((_, i) => `g${i}`));
}

/**
 * "Covers 84% of calls (16% have no reason)": the share the figures by reason stand for. The repeat
 * rate counts answered calls only, so its coverage is of those.
 */
export function coverageWords(offered: number, withReason: number, of: 'calls' | 'answered calls' = 'calls'): string {
  if (offered <= 0) return `No ${of} in this range.`;
  const pct = (x: number) => `${Math.round((x / offered) * 100)}%`;
  if (withReason === offered) return `Covers all ${of}: every one has a reason.`;
  if (withReason === 0) return `No ${of} have a reason: nothing to break down.`;
  return `Covers ${pct(withReason)} of ${of} (${pct(offered - withReason)} have no reason).`;
}
