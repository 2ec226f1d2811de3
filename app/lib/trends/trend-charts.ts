/**
 * What the Trends page draws: one small chart per figure over the periods, each with the managers'
 * annotations at their dates, and how periods and values read (pure, shared by the page and its tests).
 */
import type { ReportUnit } from '../../../analytics/reports/reports-document.ts';
import { formatCell } from '../../../analytics/reports/reports-format.ts';
import { coverageNote } from '../../../analytics/trends/trends-coverage.ts';
import { thinTicks } from '../charts/axis-ticks.ts';

export type TrendBy = 'week' | 'month' | 'quarter';

export interface ChartLine {
  key: string;
  label: string;
  color: string;
}

export interface TrendChartSpec {
  key: string;
  title: string;
  unit: ReportUnit;
  lines: ChartLine[];
  /** What the chart says in words (screen readers, print). */
  description: string;
}

/** The figures of the series, in the order a manager reads them. */
export const TREND_CHARTS: TrendChartSpec[] = [
  { key: 'offered', title: 'Calls offered', unit: 'count', lines: [{ key: 'offered', label: 'Offered', color: 'var(--series-offered-line, #2563a8)' }], description: 'Inbound calls offered per period.' },
  { key: 'lost_rate', title: 'Lost rate', unit: 'rate', lines: [{ key: 'lost_rate', label: 'Lost rate', color: 'var(--series-lost)' }], description: 'Share of real calls lost (abandoned after the short-abandon threshold, or timed out).' },
  { key: 'service_level', title: 'Service level', unit: 'rate', lines: [{ key: 'service_level', label: 'Service level', color: 'var(--series-sl)' }], description: "Share answered within each queue's threshold." },
  { key: 'asa_s', title: 'Average speed of answer', unit: 'seconds', lines: [{ key: 'asa_s', label: 'ASA', color: '#0e7490' }], description: 'Mean wait of answered calls.' },
  { key: 'aht_s', title: 'Average handle time', unit: 'seconds', lines: [{ key: 'aht_s', label: 'AHT', color: '#7c4a03' }], description: 'Mean talk plus wrap-up of answered calls.' },
  { key: 'repeat_rate', title: 'Repeat rate', unit: 'rate', lines: [{ key: 'repeat_rate', label: 'Repeat rate', color: '#9d174d' }], description: 'Share of answered calls whose caller had called within the repeat window before.' },
  { key: 'recovered', title: 'Lost callers recovered', unit: 'count', lines: [{ key: 'lost_callers', label: 'Lost callers', color: 'var(--series-lost)' }, { key: 'recovered', label: 'Recovered', color: 'var(--series-answered)' }], description: 'Lost callers with a number, and those who got through or were called back within the follow-up window.' },
  { key: 'quality_score', title: 'Quality score', unit: 'score', lines: [{ key: 'quality_score', label: 'Team quality score', color: '#4338ca' }], description: "The reps' quality scores (0-100), weighted by the calls each handled." }
];

export const STAFFING_CHART: TrendChartSpec = {
  key: 'staffing',
  title: 'Staffing: rep-hours required, scheduled and on the phones',
  unit: 'hours',
  lines: [
    { key: 'required_h', label: 'Required', color: 'var(--series-lost)' },
    { key: 'scheduled_h', label: 'Scheduled', color: 'var(--series-sl)' },
    { key: 'on_phones_h', label: 'On the phones', color: 'var(--series-answered)' }
  ],
  description: 'Rep-hours the calls required (Erlang, the scheduler’s target), the schedule put on the phones, and reps were actually on the phones.'
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A period's short label on an axis: "Mar 2" (a week by its Monday), "Mar 2026", "Q1 2026". */
export function periodLabel(by: TrendBy, from: string): string {
  const y = from.slice(0, 4);
  const m = Number(from.slice(5, 7));
  if (by === 'week') return `${MONTHS[m - 1]} ${Number(from.slice(8, 10))}`;
  if (by === 'month') return `${MONTHS[m - 1]} ${y}`;
  return `Q${Math.ceil(m / 3)} ${y}`;
}

/** A local date as a chart position (UTC midnight: the same instant whatever the browser's zone). */
export const dateX = (date: string) => new Date(`${date}T00:00:00Z`);

export interface ChartPoint {
  x: Date;
  label: string;
  period: string;
  /** "partial: 21 of 91 days", "no data", or null when the data covers the whole period. */
  coverage: string | null;
  /** The data covers only part of the period: drawn as a hollow point. */
  partial: boolean;
  [key: string]: Date | string | number | boolean | null;
}

const DAY_MS = 86_400_000;

/** The middle of a period (from and to inclusive), where its point sits. */
export const periodMiddle = (from: string, to: string) => new Date((dateX(from).getTime() + dateX(to).getTime() + DAY_MS) / 2);

/** The time axis: from the first period's first day to the end of the last period's last day. */
export function timeDomain(series: ReadonlyArray<{ from: string; to: string }>): [Date, Date] {
  if (!series.length) return [dateX('2000-01-01'), dateX('2000-01-02')];
  return [dateX(series[0].from), new Date(dateX(series[series.length - 1].to).getTime() + DAY_MS)];
}

/** The rows of a chart: one per period, its point in the middle of the period. */
export function chartPoints<T extends { period: string; from: string; to: string; days?: number; covered_days?: number }>(by: TrendBy, series: readonly T[], keys: readonly string[]): ChartPoint[] {
  return series.map((p) => {
    const coverage = p.days === undefined || p.covered_days === undefined ? null : coverageNote({ days: p.days, covered_days: p.covered_days });
    const partial = !!p.covered_days && p.covered_days < p.days!;
    const point: ChartPoint = { x: periodMiddle(p.from, p.to), label: periodLabel(by, p.from), period: p.period, coverage, partial };
    for (const k of keys) {
      const v = (p as unknown as Record<string, unknown>)[k];
      point[k] = typeof v === 'number' ? v : null;
    }
    return point;
  });
}

/**
 * The ticks of the time axis whose labels fit side by side in a plot plotWidthPx wide (../charts/axis-ticks.ts);
 * before the chart is measured, every period's.
 */
export function timeTicks(points: readonly ChartPoint[], domain: [Date, Date], plotWidthPx: number): Date[] {
  if (!(plotWidthPx > 0)) return points.map((p) => p.x);
  const [a, b] = [domain[0].getTime(), domain[1].getTime()];
  const ticks = points.map((p) => ({ x: ((p.x.getTime() - a) / (b - a)) * plotWidthPx, label: p.label, at: p.x }));
  return thinTicks(ticks).map((t) => t.at);
}

export interface AnnotationMark {
  id: number;
  /** 1, 2, ... as shown on the charts and in the list. */
  n: number;
  date: string;
  x: Date;
  text: string;
  author: string;
}

/** Annotations numbered in date order, each placed at its own date (noon), so it falls inside its period's span. */
export function annotationMarks(annotations: ReadonlyArray<{ id: number; date: string; text: string; author: string }>): AnnotationMark[] {
  return [...annotations]
    .sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id)
    .map((a, i) => ({ id: a.id, n: i + 1, date: a.date, x: new Date(dateX(a.date).getTime() + DAY_MS / 2), text: a.text, author: a.author }));
}

/** The value axis: 0 up to a little above the largest value (rates never above 100%, scores never above 100). */
export function valueDomain(points: readonly ChartPoint[], keys: readonly string[], unit: ReportUnit): [number, number] {
  let max = 0;
  for (const p of points) for (const k of keys) if (typeof p[k] === 'number' && (p[k] as number) > max) max = p[k] as number;
  const top = max > 0 ? max * 1.15 : 1;
  if (unit === 'rate') return [0, Math.min(1, top)];
  if (unit === 'score') return [0, Math.min(100, Math.max(top, 10))];
  return [0, top];
}

/** A value as the axis and the tables show it. */
export const formatValue = (v: number | null | undefined, unit: ReportUnit) => formatCell(v ?? null, unit);

/** The axis format: rates as whole percents, seconds as m:ss or "42 s", counts and hours rounded. */
export function axisFormat(unit: ReportUnit): (v: number) => string {
  if (unit === 'rate') return (v) => `${Math.round(v * 100)}%`;
  if (unit === 'seconds') return (v) => formatCell(v, 'seconds');
  if (unit === 'hours') return (v) => `${Math.round(v).toLocaleString('en-US')} h`;
  return (v) => Math.round(v).toLocaleString('en-US');
}
