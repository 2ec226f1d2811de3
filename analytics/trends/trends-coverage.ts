/**
 * How much of a period the center's data covers, and which days two periods can be compared on.
 * A day is covered when it lies in the span of some loaded file (first to last event, local dates:
 * sql/data-coverage.sql); a period with no covered day has no data (a gap, never a zero), one with
 * some is partial. Two periods compare like with like on the days both cover, matched by their
 * position in the period (the 22nd day of a quarter with the 22nd day of the other); when those days
 * are not one run, the longest run is used. Pure apart from `dataSpans`.
 */
import type { Database } from '../../sql/db.ts';
import { addDays, daysBetween } from '../roster/schedule-model.ts';

export interface DateSpan {
  from: string;
  to: string;
}

export interface PeriodCoverage {
  /** Days in the period. */
  days: number;
  /** Days of it the data covers. */
  covered_days: number;
}

/**
 * The loaded files' spans as local dates, merged where they touch or overlap. Shared while the data is
 * unchanged (db.lookups): the trends, their comparisons, staffing and reasons each ask, and at 10M calls
 * each asking read every event's time (0.4-0.7 s).
 */
export async function dataSpans(db: Database, timeZone: string): Promise<DateSpan[]> {
  const spans = await db.lookups.get(`data-spans|${timeZone}`, async () => {
    const rows = await db.query<{ first_date: string; last_date: string }>('data-coverage', { tz: timeZone });
    return mergeSpans(rows.map((r) => ({ from: r.first_date, to: r.last_date })));
  });
  return spans.map((s) => ({ ...s })); // (a copy: callers may not change the shared answer)
}

export function mergeSpans(spans: readonly DateSpan[]): DateSpan[] {
  const out: DateSpan[] = [];
  for (const s of [...spans].sort((a, b) => a.from.localeCompare(b.from))) {
    const last = out.at(-1);
    if (last && s.from <= addDays(last.to, 1)) {
      if (s.to > last.to) last.to = s.to;
    } else out.push({ ...s });
  }
  return out;
}

/** Is a local date inside one of the spans? */
export const isCovered = (spans: readonly DateSpan[], date: string) => spans.some((s) => s.from <= date && date <= s.to);

export function periodCoverage(spans: readonly DateSpan[], period: DateSpan): PeriodCoverage {
  let covered = 0;
  for (const s of spans) {
    const from = s.from > period.from ? s.from : period.from;
    const to = s.to < period.to ? s.to : period.to;
    if (from <= to) covered += daysBetween(from, to) + 1;
  }
  return { days: daysBetween(period.from, period.to) + 1, covered_days: covered };
}

export interface MatchedDays {
  /** Both periods are fully covered: compare them whole. */
  whole: boolean;
  days: number;
  now: DateSpan;
  then: DateSpan;
}

/**
 * The days `now` and `then` are compared on: the positions (0 = each period's first day) both cover,
 * as one run (the longest, earliest first); null when they share no covered position.
 */
export function matchedDays(spans: readonly DateSpan[], now: DateSpan, then: DateSpan): MatchedDays | null {
  const length = Math.min(daysBetween(now.from, now.to), daysBetween(then.from, then.to)) + 1;
  let best: { start: number; days: number } | null = null;
  let run: { start: number; days: number } | null = null;
  for (let i = 0; i < length; i++) {
    if (isCovered(spans, addDays(now.from, i)) && isCovered(spans, addDays(then.from, i))) {
      run = run ? { start: run.start, days: run.days + 1 } : { start: i, days: 1 };
      if (!best || run.days > best.days) best = run;
    } else run = null;
  }
  if (!best) return null;
  const whole = periodCoverage(spans, now).covered_days === daysBetween(now.from, now.to) + 1 && periodCoverage(spans, then).covered_days === daysBetween(then.from, then.to) + 1;
  if (whole) return { whole, days: daysBetween(now.from, now.to) + 1, now: { from: now.from, to: now.to }, then: { from: then.from, to: then.to } };
  const span = (p: DateSpan): DateSpan => ({ from: addDays(p.from, best!.start), to: addDays(p.from, best!.start + best!.days - 1) });
  return { whole, days: best.days, now: span(now), then: span(then) };
}

/** "partial: 21 of 91 days", "no data", or null for a fully covered period. */
export function coverageNote(c: PeriodCoverage): string | null {
  if (c.covered_days === 0) return 'no data';
  if (c.covered_days < c.days) return `partial: ${c.covered_days} of ${c.days} days`;
  return null;
}
