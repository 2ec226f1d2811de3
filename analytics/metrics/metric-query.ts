/**
 * The options every analytics question takes (a local date range, buckets, groups, per-query
 * settings), checked once here so the CLI, the API and the pages reject the same mistakes with the
 * same one-line message. Values are case-sensitive allow-lists: they select SQL behaviour.
 */
import { InputError } from '../../sql/errors.ts';
import { DEFAULT_SHORT_ABANDON_S, DEFAULT_SL_FORMULA, DEFAULT_SL_THRESHOLD_S, SL_FORMULAS, type SlFormula } from '../../sql/upkeep/metric-defaults.ts';

export { DEFAULT_SHORT_ABANDON_S, DEFAULT_SL_FORMULA, DEFAULT_SL_THRESHOLD_S, SL_FORMULAS, type SlFormula };

export const PERIODS = ['interval', 'day', 'week', 'month', 'quarter', 'total'] as const;
export const GROUPS = ['none', 'queue', 'rep', 'reason', 'reason_group'] as const;
export const INTERVAL_MINUTES = [15, 30, 60] as const;

export type Period = (typeof PERIODS)[number];
export type Group = (typeof GROUPS)[number];
export type IntervalMinutes = (typeof INTERVAL_MINUTES)[number];

/** The defaults (sql/upkeep/metric-defaults.ts) apply unless a queue's row in queue_settings or the query overrides them. */
/** Half hours: the usual planning interval (Erlang staffing is computed per half hour). */
export const DEFAULT_INTERVAL_MINUTES: IntervalMinutes = 30;

export interface DateRange {
  /** Local date YYYY-MM-DD, inclusive. */
  from: string;
  /** Local date YYYY-MM-DD, inclusive. */
  to: string;
  /** IANA zone in which the dates are cut. */
  timeZone: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function checkDate(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InputError(`${name} is required (a local date, YYYY-MM-DD)`);
  const m = ISO_DATE.exec(value.trim());
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [NaN, NaN, NaN];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (!m || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1900 || y > 2200) {
    throw new InputError(`${name} "${value}" is not a date (expected YYYY-MM-DD, e.g. 2026-03-08)`);
  }
  return value.trim();
}

/** Zones already found good: making an Intl.DateTimeFormat costs about 0.2 ms, and every request checks its zone. */
const knownZones = new Set<string>();

export function checkTimeZone(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new InputError('timezone is required (an IANA name such as America/Chicago)');
  if (knownZones.has(value)) return value;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch {
    throw new InputError(`Unknown time zone "${value}" (use an IANA name such as America/Chicago)`);
  }
  if (knownZones.size < 1000) knownZones.add(value);
  return value;
}

/** Ten years: every question walks the range in quarter hours, so an unbounded range is a denial of service. */
export const MAX_RANGE_DAYS = 3660;
/** A year of intervals (35,000 quarter hours per queue) is the most a table or chart can use. */
export const MAX_INTERVAL_RANGE_DAYS = 366;

/** Days from `from` to `to`, both counted. */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export function checkRange(range: { from?: unknown; to?: unknown; timeZone?: unknown }, maxDays = MAX_RANGE_DAYS): DateRange {
  const from = checkDate('from', range.from);
  const to = checkDate('to', range.to);
  if (from > to) throw new InputError(`from ${from} is after to ${to}`);
  const days = daysInRange(from, to);
  if (days > maxDays) throw new InputError(`from ${from} to ${to} covers ${days} days; at most ${maxDays} can be asked at once`);
  return { from, to, timeZone: checkTimeZone(range.timeZone) };
}

export function checkChoice<T extends string | number>(name: string, allowed: readonly T[], value: unknown, fallback: T): T {
  if (value === undefined || value === null || value === '') return fallback;
  const found = allowed.find((a) => String(a) === String(value).trim());
  if (found === undefined) throw new InputError(`${name} "${value}" is not one of ${allowed.join(', ')}`);
  return found;
}

/** A non-negative number of seconds up to `max` (a day unless told), or null when not given. */
export function checkSeconds(name: string, value: unknown, max = 86_400): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(n) || n < 0 || n > max) {
    throw new InputError(`${name} "${value}" is not a number of seconds between 0 and ${max}`);
  }
  return n;
}

/** A reason code as the sources write it (a word, no SQL): any code, known to the catalogue or not. */
export function checkReason(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > 100) throw new InputError('reason must be a reason code');
  return value.trim();
}

export function checkQueue(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > 200) throw new InputError('queue must be a queue name');
  return value;
}
