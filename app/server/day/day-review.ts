/**
 * One day for the lead: the day's figures against the same weekday of the previous four weeks
 * (tiles.ts), and per half hour the calls, the service level and the reps on the phones. Every figure
 * comes from analytics/ (computeMetrics, repActivity) exactly as GET /api/metrics answers it, so a
 * tile always equals the API's row for that day. Used by GET /api/day and the /day page's load.
 */
import { purgeCutoff, purgedBefore } from '../../../analytics/retention/purged.ts';
import type { Database } from '../../../sql/db.ts';
import { computeMetrics, type MetricRow } from '../../../analytics/metrics/metrics.ts';
import { repRingNoAnswers, repsOnPhones } from '../../../analytics/reps/rep-activity.ts';
import { checkDate } from '../../../analytics/metrics/metric-query.ts';
import { turnedAway, type TurnedAway } from '../../../analytics/metrics/data-quality.ts';
import { localNow } from '../../lib/shell/dates.ts';
import { baselineDates, buildTiles, TILE_KEYS, type BaselineDay, type Figures, type Tile } from '../../lib/day/tiles.ts';

export const INTERVAL_MINUTES = 30;
/** For today's "so far" comparison: the baseline counts up to the current quarter hour. */
const SO_FAR_MINUTES = 15;

export interface IntervalPoint {
  /** Local start, HH:MM. */
  time: string;
  offered: number;
  answered: number;
  lost: number;
  service_level: number | null;
  reps_on_phones: number;
}

export interface DayReview {
  date: string;
  time_zone: string;
  /** The center's date now, and whether this day is today (figures so far) or still to come. */
  today: string;
  is_today: boolean;
  is_future: boolean;
  /** Local time of day the "so far" comparison stops at (today only). */
  cutoff: string | null;
  has_calls: boolean;
  tiles: Tile[];
  baseline: { dates: string[]; used: string[]; closed: string[] };
  intervals: IntervalPoint[];
  /**
   * The intervals callers were turned away in (never entered a queue: nobody available, or the queue
   * full), with the reps on the phones then (local start HH:MM).
   */
  turned_away: Array<Omit<TurnedAway, 'period_start'> & { time: string; reps_on_phones: number }>;
  /** Service-level thresholds in force (seconds), one per distinct value among the day's queues. */
  sl_thresholds_s: number[];
  /** Reps whose phone rang without an answer on the day, most first (repActivity's count, as the rep page's). */
  ring_no_answers: RepRings[];
  /**
   * Records retention: when this day's calls were purged, the date they are kept from. The day's
   * figures still come from the summary; its calls, rings per rep and lost callers are gone.
   */
  purged_before: string | null;
}

export interface RepRings {
  rep_id: string;
  rep: string;
  ring_no_answer: number;
}

const figuresOf = (row: MetricRow): Figures => Object.fromEntries(TILE_KEYS.map((k) => [k, row[k]])) as Figures;

const dateOf = (periodStart: string) => periodStart.slice(0, 10);
const timeOf = (periodStart: string) => periodStart.slice(11, 16);

/** The calls and the reps of a day per interval, trimmed to the span where anything happened. */
export function intervalPoints(rows: MetricRow[], reps: { period_start: string; reps_on_phones: number }[]): IntervalPoint[] {
  const byTime = new Map<string, IntervalPoint>();
  const point = (time: string) => {
    let p = byTime.get(time);
    if (!p) byTime.set(time, (p = { time, offered: 0, answered: 0, lost: 0, service_level: null, reps_on_phones: 0 }));
    return p;
  };
  for (const r of rows) Object.assign(point(timeOf(r.period_start)), { offered: r.offered, answered: r.answered, lost: r.lost, service_level: r.service_level });
  for (const r of reps) point(timeOf(r.period_start)).reps_on_phones = r.reps_on_phones;
  const all = [...byTime.values()].sort((a, b) => a.time.localeCompare(b.time));
  const active = all.map((p, i) => (p.offered > 0 || p.reps_on_phones > 0 ? i : -1)).filter((i) => i >= 0);
  return active.length ? all.slice(active[0], active[active.length - 1] + 1) : [];
}

/**
 * Another day than today moves with the data only (its key holds today's date, for `today` and
 * `is_future`): kept until a write, not recomputed every few seconds for the clock's sake.
 */
const OTHER_DAY_TTL_MS = 10 * 60_000;

/**
 * The day's review. Readers of the same day share one computation while the data is unchanged
 * (sql/answer-cache.ts; today's answer is keyed by the minute too, as its "so far" figures move with
 * the clock). A caller that pins the clock (`now`) gets its own computation.
 */
export function dayReview(db: Database, opts: { date?: string | null; timeZone: string; now?: Date }): Promise<DayReview> {
  if (opts.now) return computeDayReview(db, opts);
  const now = localNow(opts.timeZone);
  const date = opts.date ? checkDate('date', opts.date) : now.date;
  const key = `day-review|${opts.timeZone}|${date}|${now.date}${date === now.date ? `|${now.time}` : ''}`;
  return db.answers.get(key, () => computeDayReview(db, { ...opts, date }), date === now.date ? undefined : OTHER_DAY_TTL_MS);
}

export interface SoFar {
  offered: number;
  answered: number;
  lost: number;
}

/**
 * Each of `dates` up to the local time `time` (HH:MM; the quarter hours that began before it): its
 * calls offered, answered and lost, counts summed. One question by quarter hour from the first date
 * to the last (the days between are read and left: on the call_slices summary that costs less than
 * a question per date, each planned on its own).
 */
export async function baselineSoFar(db: Database, opts: { dates: readonly string[]; time: string; timeZone: string }): Promise<Map<string, SoFar>> {
  const sorted = [...opts.dates].sort();
  const out = new Map(opts.dates.map((d): [string, SoFar] => [d, { offered: 0, answered: 0, lost: 0 }]));
  if (!sorted.length) return out;
  const { rows } = await computeMetrics(db, { timeZone: opts.timeZone, from: sorted[0], to: sorted[sorted.length - 1], by: 'interval', intervalMinutes: SO_FAR_MINUTES });
  for (const r of rows) {
    const sum = out.get(dateOf(r.period_start));
    if (!sum || timeOf(r.period_start) >= opts.time) continue;
    sum.offered += r.offered;
    sum.answered += r.answered;
    sum.lost += r.lost;
  }
  return out;
}

async function computeDayReview(db: Database, opts: { date?: string | null; timeZone: string; now?: Date }): Promise<DayReview> {
  const now = localNow(opts.timeZone, opts.now);
  const date = opts.date ? checkDate('date', opts.date) : now.date;
  const isToday = date === now.date;
  const dates = baselineDates(date);
  const first = dates[dates.length - 1];
  const common = { timeZone: opts.timeZone };

  const [days, intervals, onPhones, rings, refused, soFar, purged] = await Promise.all([
    computeMetrics(db, { ...common, from: first, to: date, by: 'day' }),
    computeMetrics(db, { ...common, from: date, to: date, by: 'interval', intervalMinutes: INTERVAL_MINUTES }),
    repsOnPhones(db, { ...common, from: date, to: date, intervalMinutes: INTERVAL_MINUTES }),
    // (repActivity's rings per rep alone: not the time logged in and paused, which the day does not show)
    repRingNoAnswers(db, { ...common, from: date, to: date }),
    turnedAway(db, { ...common, from: date, to: date, intervalMinutes: INTERVAL_MINUTES }),
    // Today: the four baseline days up to the same time of day.
    isToday ? baselineSoFar(db, { dates, time: now.time, timeZone: opts.timeZone }) : null,
    purgedBefore(db)
  ]);

  const dayRow = days.rows.find((r) => dateOf(r.period_start) === date) ?? null;
  const baselineDays: BaselineDay[] = dates.map((d) => {
    const row = days.rows.find((r) => dateOf(r.period_start) === d);
    const day = row ? figuresOf(row) : ({ offered: 0 } as Figures);
    return soFar ? { date: d, day, soFar: soFar.get(d)! } : { date: d, day };
  });

  return {
    date,
    time_zone: opts.timeZone,
    today: now.date,
    is_today: isToday,
    is_future: date > now.date,
    cutoff: isToday ? now.time : null,
    has_calls: (dayRow?.offered ?? 0) > 0,
    tiles: buildTiles(dayRow && figuresOf(dayRow), baselineDays, isToday),
    baseline: {
      dates,
      used: baselineDays.filter((d) => d.day.offered > 0).map((d) => d.date),
      closed: baselineDays.filter((d) => d.day.offered === 0).map((d) => d.date)
    },
    intervals: intervalPoints(intervals.rows, onPhones),
    turned_away: refused.map(({ period_start, ...r }) => ({
      ...r,
      time: timeOf(period_start),
      reps_on_phones: onPhones.find((i) => i.period_start === period_start)?.reps_on_phones ?? 0
    })),
    sl_thresholds_s: [...new Set(intervals.settings.queues.map((q) => q.sl_threshold_s))].sort((a, b) => a - b),
    ring_no_answers: rings.sort((a, b) => b.ring_no_answer - a.ring_no_answer || a.rep.localeCompare(b.rep)),
    purged_before: purgeCutoff(date, purged.calls)
  };
}
