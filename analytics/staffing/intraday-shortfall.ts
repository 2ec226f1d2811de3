/**
 * The rest of today's staffing in plain words (pure): per interval the reps required against the
 * reps the published schedule has on the phones, whole-rep gaps merged into runs —
 * "Short 2 reps 14:00–15:30", "Over by 1 rep 16:00–17:00", or "Enough reps for the rest of the day".
 *
 * An interval's gap is scheduled − required rounded to the nearest whole rep (the schedule's figure
 * is an average over the interval, so a rep on a break for half of it counts half; half a rep short
 * reads as one short). Neighbouring intervals short (or over) merge into one run whatever their
 * size; a run whose size varies says so ("Short 1–3 reps"). An interval with no required figure (no
 * handle time known) ends a run and is not called enough or short.
 */
import { clock } from '../roster/schedule-model.ts';

export interface StaffedInterval {
  /** Local minute of the day the interval starts. */
  minute: number;
  required: number | null;
  scheduled: number;
}

export interface ShortfallLine {
  kind: 'short' | 'over' | 'enough';
  /** Local minutes of the day: the run's start and end (null for 'enough'). */
  from_minute: number | null;
  to_minute: number | null;
  /** Whole reps short or over: the least and the most in the run. */
  reps_min: number;
  reps_max: number;
  text: string;
}

export const ENOUGH_TEXT = 'Enough reps for the rest of the day';

/** Whole reps over (positive) or short (negative) in one interval; null when unknown. */
export function wholeGap(i: StaffedInterval): number | null {
  if (i.required === null || !Number.isFinite(i.required) || !Number.isFinite(i.scheduled)) return null;
  const d = i.scheduled - i.required;
  return Math.sign(d) * Math.round(Math.abs(d) + 1e-9) || 0;
}

const reps = (lo: number, hi: number) => `${lo === hi ? lo : `${lo}–${hi}`} rep${hi === 1 ? '' : 's'}`;

function lineText(kind: 'short' | 'over', lo: number, hi: number, from: number, to: number): string {
  const span = `${clock(from)}–${clock(to)}`;
  return kind === 'short' ? `Short ${reps(lo, hi)} ${span}` : `Over by ${reps(lo, hi)} ${span}`;
}

/** Runs of shortfall and surplus over the intervals still to come, in time order. */
export function shortfallLines(intervals: readonly StaffedInterval[], intervalMinutes: number): ShortfallLine[] {
  const sorted = [...intervals].sort((a, b) => a.minute - b.minute);
  const lines: ShortfallLine[] = [];
  let run: { kind: 'short' | 'over'; from: number; to: number; lo: number; hi: number } | null = null;
  const close = () => {
    if (run) lines.push({ kind: run.kind, from_minute: run.from, to_minute: run.to, reps_min: run.lo, reps_max: run.hi, text: lineText(run.kind, run.lo, run.hi, run.from, run.to) });
    run = null;
  };
  for (const i of sorted) {
    const gap = wholeGap(i);
    const kind = gap === null || gap === 0 ? null : gap < 0 ? 'short' : 'over';
    if (run && (kind !== run.kind || i.minute !== run.to)) close();
    if (kind === null) continue;
    const n = Math.abs(gap!);
    if (run) {
      run.to = i.minute + intervalMinutes;
      run.lo = Math.min(run.lo, n);
      run.hi = Math.max(run.hi, n);
    } else run = { kind, from: i.minute, to: i.minute + intervalMinutes, lo: n, hi: n };
  }
  close();
  const known = sorted.some((i) => wholeGap(i) !== null);
  if (lines.length === 0 && known) return [{ kind: 'enough', from_minute: null, to_minute: null, reps_min: 0, reps_max: 0, text: ENOUGH_TEXT }];
  return lines;
}
