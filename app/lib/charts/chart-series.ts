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
