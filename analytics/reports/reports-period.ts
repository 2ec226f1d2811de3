/**
 * Report periods: `2026-W10` (ISO week, Monday first), `2026-03`, `2026-Q1` (`callboard report`),
 * each a range of local dates. Pure arithmetic on calendar dates (no clock times), so clock changes never
 * move a period's first or last day.
 */
import { InputError } from '../../sql/errors.ts';

export const REPORT_KINDS = ['weekly', 'monthly', 'quarterly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** The bucket of `computeMetrics` a kind's period is. */
export const KIND_BUCKET = { weekly: 'week', monthly: 'month', quarterly: 'quarter' } as const satisfies Record<ReportKind, string>;
export type TrendBucket = (typeof KIND_BUCKET)[ReportKind];
export const BUCKET_KIND: Record<TrendBucket, ReportKind> = { week: 'weekly', month: 'monthly', quarter: 'quarterly' };

export interface ReportPeriod {
  kind: ReportKind;
  /** `2026-W10`, `2026-03` or `2026-Q1`. */
  period: string;
  /** First local date, YYYY-MM-DD. */
  from: string;
  /** Last local date, inclusive. */
  to: string;
}

const DAY_MS = 86_400_000;
const toDays = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDays = (days: number) => new Date(days * DAY_MS).toISOString().slice(0, 10);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function addDays(date: string, n: number): string {
  return fromDays(toDays(date) + n);
}

/** ISO weekday: 1 = Monday .. 7 = Sunday. */
export function isoWeekday(date: string): number {
  return ((((toDays(date) + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday
}

/** Monday of ISO week 1 of an ISO year: the week holding 4 January. */
function isoYearStart(year: number): string {
  const jan4 = `${year}-01-04`;
  return addDays(jan4, 1 - isoWeekday(jan4));
}

export function isoWeeksInYear(year: number): number {
  return (toDays(isoYearStart(year + 1)) - toDays(isoYearStart(year))) / 7;
}

/** The ISO week holding a date, e.g. 2027-01-01 → 2026-W53. */
export function isoWeekOf(date: string): { year: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  return { year, week: (toDays(thursday) - toDays(isoYearStart(year)) - 3) / 7 + 1 };
}

const lastDayOfMonth = (y: number, m: number) => fromDays(Date.UTC(y, m, 0) / DAY_MS);

function checkYear(y: number, text: string): void {
  if (y < 1900 || y > 2200) throw new InputError(`period "${text}": the year must be between 1900 and 2200`);
}

const FORMATS: Record<ReportKind, { re: RegExp; example: string }> = {
  weekly: { re: /^(\d{4})-W(\d{2})$/, example: '2026-W10 (an ISO week)' },
  monthly: { re: /^(\d{4})-(\d{2})$/, example: '2026-03' },
  quarterly: { re: /^(\d{4})-Q(\d)$/, example: '2026-Q1' }
};

export function checkKind(value: unknown): ReportKind {
  const found = REPORT_KINDS.find((k) => k === value);
  if (!found) throw new InputError(`report kind "${String(value)}" is not one of ${REPORT_KINDS.join(', ')}`);
  return found;
}

/** A period from its name; a malformed or impossible one (2026-W54, 2026-13, 2026-Q5) is an InputError. */
export function parsePeriod(kindValue: unknown, text: unknown): ReportPeriod {
  const kind = checkKind(kindValue);
  const s = typeof text === 'string' ? text.trim() : '';
  const m = FORMATS[kind].re.exec(s);
  if (!m) throw new InputError(`period "${String(text ?? '')}" is not a ${kind} period (expected e.g. ${FORMATS[kind].example})`);
  const year = Number(m[1]);
  const n = Number(m[2]);
  checkYear(year, s);
  if (kind === 'weekly') {
    const weeks = isoWeeksInYear(year);
    if (n < 1 || n > weeks) throw new InputError(`period "${s}": ${year} has ISO weeks 01 to ${weeks}`);
    const from = addDays(isoYearStart(year), (n - 1) * 7);
    return { kind, period: s, from, to: addDays(from, 6) };
  }
  if (kind === 'monthly') {
    if (n < 1 || n > 12) throw new InputError(`period "${s}": the month must be 01 to 12`);
    return { kind, period: s, from: `${year}-${pad(n)}-01`, to: lastDayOfMonth(year, n) };
  }
  if (n < 1 || n > 4) throw new InputError(`period "${s}": the quarter must be Q1 to Q4`);
  return { kind, period: s, from: `${year}-${pad(3 * n - 2)}-01`, to: lastDayOfMonth(year, 3 * n) };
}

/** The period of a kind holding a local date. */
export function periodOf(kind: ReportKind, date: string): ReportPeriod {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  if (kind === 'weekly') {
    const w = isoWeekOf(date);
    return parsePeriod(kind, `${w.year}-W${pad(w.week)}`);
  }
  if (kind === 'monthly') return parsePeriod(kind, `${y}-${pad(m)}`);
  return parsePeriod(kind, `${y}-Q${Math.ceil(m / 3)}`);
}

/** The period just before. */
export const previousPeriod = (p: ReportPeriod): ReportPeriod => periodOf(p.kind, addDays(p.from, -1));

/** The period just after. */
export const nextPeriod = (p: ReportPeriod): ReportPeriod => periodOf(p.kind, addDays(p.to, 1));

/** The same period a year earlier (the same ISO week number, month or quarter; week 53 → week 52). */
export function samePeriodLastYear(p: ReportPeriod): ReportPeriod {
  const year = Number(p.period.slice(0, 4)) - 1;
  if (p.kind === 'weekly') {
    const week = Math.min(Number(p.period.slice(6)), isoWeeksInYear(year));
    return parsePeriod('weekly', `${year}-W${pad(week)}`);
  }
  return parsePeriod(p.kind, `${year}${p.period.slice(4)}`);
}

/** Every period of a kind that overlaps from..to, in order. */
export function periodsBetween(kind: ReportKind, from: string, to: string): ReportPeriod[] {
  const out: ReportPeriod[] = [];
  for (let p = periodOf(kind, from); p.from <= to; p = nextPeriod(p)) out.push(p);
  return out;
}

/** A human title: "Week 10, 2026 (2 – 8 March 2026)", "March 2026", "Q1 2026 (January – March)". */
export function periodTitle(p: ReportPeriod): string {
  const day = (d: string, opts: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...opts }).format(new Date(`${d}T12:00:00Z`));
  const year = p.period.slice(0, 4);
  if (p.kind === 'weekly') {
    return `Week ${Number(p.period.slice(6))}, ${year} (${day(p.from, { day: 'numeric', month: 'short' })} – ${day(p.to, { day: 'numeric', month: 'short', year: 'numeric' })})`;
  }
  if (p.kind === 'monthly') return day(p.from, { month: 'long', year: 'numeric' });
  return `Q${p.period.slice(6)} ${year} (${day(p.from, { month: 'long' })} – ${day(p.to, { month: 'long' })})`;
}

/** The local date of an instant in a zone (today's, by default). */
export function localDateOf(timeZone: string, instant: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (t: string) => parts.find((x) => x.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}
