/**
 * Which tick labels an axis can show without two of them overlapping (pure). Labels are measured
 * by an estimate (a character is at most 0.62 of the font size in the app's sans-serif; digits and
 * capitals are narrower), the ticks' positions in pixels come from the chart's own scale. The axis
 * keeps every k-th tick, counted back from the last (the latest period is the one a manager reads
 * first), for the smallest k at which every kept label clears its neighbours by `gapPx`.
 */

/** The tick labels' font size in px: theme.css sets `.lc-axis-tick-label` to 0.72rem of a 16 px root. */
export const TICK_FONT_PX = 0.72 * 16;
/** The widest a character of the app's sans-serif gets, as a share of the font size. */
const CHAR_EM = 0.62;

export const labelWidthPx = (label: string, fontPx = TICK_FONT_PX) => label.length * fontPx * CHAR_EM;

export interface AxisTick {
  /** Centre of the label, px from the plot's left edge. */
  x: number;
  label: string;
}

/** Do two centred labels overlap (with at least gapPx between them)? */
export function overlaps(a: AxisTick, b: AxisTick, fontPx = TICK_FONT_PX, gapPx = 6): boolean {
  return Math.abs(b.x - a.x) < (labelWidthPx(a.label, fontPx) + labelWidthPx(b.label, fontPx)) / 2 + gapPx;
}

/** The ticks to draw: every k-th, ending at the last, for the smallest k where no two overlap. */
export function thinTicks<T extends AxisTick>(ticks: readonly T[], fontPx = TICK_FONT_PX, gapPx = 6): T[] {
  for (let k = 1; k <= ticks.length; k++) {
    const kept = ticks.filter((_, i) => (ticks.length - 1 - i) % k === 0);
    if (kept.every((t, i) => i === 0 || !overlaps(kept[i - 1], t, fontPx, gapPx))) return kept;
  }
  return ticks.slice(-1);
}
