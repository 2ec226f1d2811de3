/** What the chart wrappers take: a series is a key of the rows, a label for people, a CSS colour. */
export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

export type ChartRow = Record<string, string | number | null>;

/** The largest value of any of the keys over the rows (0 for none), for a shared value axis. */
export function maxOf(rows: readonly ChartRow[], keys: readonly string[]): number {
  let max = 0;
  for (const r of rows) for (const k of keys) if (typeof r[k] === 'number' && (r[k] as number) > max) max = r[k] as number;
  return max;
}

/** Band labels to show on a crowded axis: every `every`-th one, always the first. */
export function sparseTicks(labels: readonly string[], every: number): string[] {
  return labels.filter((_, i) => i % Math.max(1, every) === 0);
}

/**
 * How many bands apart the axis labels must be so each has `labelPx` of the plot's width (a clock
 * label such as "09:30" is about 32 px at the axis' font size; 44 px leaves a gap): at least `every`.
 * A phone's 330-px plot of a day's 24 half hours then labels every third band, not every second.
 */
export function labelSpacing(bands: number, plotPx: number, every = 1, labelPx = 44): number {
  if (!(plotPx > 0) || bands <= 0) return Math.max(1, every);
  const fit = Math.max(1, Math.floor(plotPx / labelPx));
  return Math.max(1, every, Math.ceil(bands / fit));
}
