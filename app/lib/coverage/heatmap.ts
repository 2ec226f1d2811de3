/**
 * The weekday-by-interval gap heatmap as rows and cells: for each day of the week and each interval
 * of the opening span, reps scheduled minus reps required, a tone for its colour, and the number
 * itself as text (colour is never the only signal).
 */
export interface GapInterval {
  date: string;
  minute: number;
  required: number | null;
  scheduled: number;
  gap: number | null;
  calls: number;
}

export type Tone = 'short-3' | 'short-2' | 'short-1' | 'even' | 'over-1' | 'over-2' | 'over-3' | 'none';

export interface HeatCell {
  minute: number;
  gap: number | null;
  tone: Tone;
  text: string;
  title: string;
}

export interface HeatRow {
  date: string;
  cells: HeatCell[];
}

export function toneOf(gap: number | null): Tone {
  if (gap === null) return 'none';
  if (gap < -2.5) return 'short-3';
  if (gap < -1) return 'short-2';
  if (gap < -0.25) return 'short-1';
  if (gap <= 0.25) return 'even';
  if (gap <= 1.5) return 'over-1';
  if (gap <= 3) return 'over-2';
  return 'over-3';
}

/** "−2", "+1.5", "0" (a real minus sign). */
export function gapText(gap: number | null): string {
  if (gap === null) return '';
  const r = Math.round(gap * 2) / 2;
  if (r === 0) return '0';
  return `${r > 0 ? '+' : '−'}${Math.abs(r)}`;
}

export const clockOf = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

export function heatmap(intervals: readonly GapInterval[], dates: readonly string[], intervalMinutes: number): { minutes: number[]; rows: HeatRow[] } {
  const used = intervals.filter((i) => (i.required ?? 0) > 0 || i.scheduled > 0);
  if (used.length === 0) return { minutes: [], rows: [] };
  const first = Math.min(...used.map((i) => i.minute));
  const last = Math.max(...used.map((i) => i.minute));
  const minutes: number[] = [];
  for (let m = first; m <= last; m += intervalMinutes) minutes.push(m);
  const byKey = new Map(intervals.map((i) => [`${i.date}|${i.minute}`, i]));
  const rows = dates
    .filter((d) => used.some((i) => i.date === d))
    .map((date) => ({
      date,
      cells: minutes.map((minute) => {
        const i = byKey.get(`${date}|${minute}`);
        const gap = i && ((i.required ?? 0) > 0 || i.scheduled > 0) ? (i.gap ?? null) : null;
        const title = i
          ? `${clockOf(minute)}: ${i.required ?? '–'} required, ${i.scheduled.toFixed(1)} scheduled (${gapText(gap) || '0'}), ${i.calls.toFixed(0)} calls forecast`
          : `${clockOf(minute)}: nothing required or scheduled`;
        return { minute, gap, tone: toneOf(gap), text: gapText(gap), title };
      })
    }));
  return { minutes, rows };
}
