/** How figures read on every page: counts, rates as percentages, seconds as m:ss, null as a dash. */
export const DASH = '–';

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? DASH : Math.round(n).toLocaleString('en-US');
}

/** 0.8234 → "82.3%" */
export function formatRate(r: number | null | undefined, digits = 1): string {
  return r === null || r === undefined ? DASH : `${(r * 100).toFixed(digits)}%`;
}

/** Seconds as "42 s", "3:05" or "1:02:09". */
export function formatSeconds(s: number | null | undefined): string {
  if (s === null || s === undefined) return DASH;
  const total = Math.round(s);
  if (total < 60) return `${total} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** A length of time in words: "24 h", "90 min", "45 s". */
export function formatDuration(s: number): string {
  if (s >= 3600 && s % 3600 === 0) return `${s / 3600} h`;
  if (s >= 60 && s % 60 === 0) return `${s / 60} min`;
  return formatSeconds(s);
}

export type FigureKind = 'count' | 'rate' | 'seconds';

export function formatFigure(value: number | null | undefined, kind: FigureKind): string {
  return kind === 'rate' ? formatRate(value) : kind === 'seconds' ? formatSeconds(value) : formatCount(value);
}

/** A difference with its sign: "+12", "−3.4 pts", "+0:25". */
export function formatDelta(delta: number | null, kind: FigureKind): string {
  if (delta === null) return DASH;
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const size = Math.abs(delta);
  if (kind === 'rate') return `${sign}${(size * 100).toFixed(1)} pts`;
  if (kind === 'seconds') return `${sign}${formatSeconds(size)}`;
  return `${sign}${formatCount(size)}`;
}

/** A long length of time with its unit: 45661 → "12 h 41 min", 754 → "12 min 34 s", 42 → "42 s". */
export function formatHours(s: number | null | undefined): string {
  if (s === null || s === undefined) return DASH;
  const total = Math.round(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  if (h) return `${h} h ${m} min`;
  return m ? `${m} min ${total % 60} s` : `${total} s`;
}

/**
 * An instant (ISO, UTC) as a date and time in the center's zone, never the browser's:
 * "Nov 24, 2026, 15:05". Every page passes the center's zone from its load.
 */
export function localDateTime(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString('en-US', { timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}
