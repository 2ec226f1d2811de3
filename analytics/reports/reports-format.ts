/**
 * How a report's values read in text (the page, print, .html, the CLI summary): one formatter per
 * unit, so every output shows a figure the same way. The .csv and .xlsx keep the raw numbers.
 */
import { figureChange, relativeChange, type Cell, type ReportFigure, type ReportUnit } from './reports-document.ts';

export const DASH = '–';

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Seconds as "42 s", "3:05" or "1:02:09". */
export function formatSeconds(s: number): string {
  const total = Math.round(s);
  if (Math.abs(total) < 60) return `${total} s`;
  const sign = total < 0 ? '-' : '';
  const a = Math.abs(total);
  const h = Math.floor(a / 3600);
  const m = Math.floor((a % 3600) / 60);
  const sec = String(a % 60).padStart(2, '0');
  return sign + (h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`);
}

export function formatCell(value: Cell | undefined, unit: ReportUnit): string {
  if (value === null || value === undefined || value === '') return DASH;
  if (typeof value === 'string') return value;
  switch (unit) {
    case 'count':
      return int.format(value);
    case 'rate':
      return `${one.format(value * 100)}%`;
    case 'seconds':
      return formatSeconds(value);
    case 'hours':
      return `${one.format(value)} h`;
    case 'score':
      return one.format(value);
    default:
      return String(value);
  }
}

/** A figure's change against the previous period: "+12 (+3.4%)", "−1.2 pts", "+0:25". */
export function formatChange(f: ReportFigure): string {
  const d = figureChange(f);
  if (d === null) return DASH;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const size = Math.abs(d);
  if (f.unit === 'rate') return `${sign}${one.format(size * 100)} pts`;
  if (f.unit === 'score') return `${sign}${one.format(size)}`;
  const rel = relativeChange(f);
  const base = `${sign}${formatCell(size, f.unit)}`;
  return rel === null ? base : `${base} (${rel > 0 ? '+' : rel < 0 ? '−' : '±'}${one.format(Math.abs(rel) * 100)}%)`;
}

/** "2026-11-02T12:00:00.000Z" → "2 November 2026, 06:00 CST" in the center's zone. */
export function formatInstant(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso)) +
    ` ${new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date(iso)).find((p) => p.type === 'timeZoneName')?.value ?? ''}`.trimEnd();
}

/** Who built it, in words. */
export function builtByText(builtBy: string): string {
  if (builtBy === 'schedule') return 'the schedule';
  if (builtBy === 'cli') return 'the command line';
  return builtBy;
}
