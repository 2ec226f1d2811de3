/**
 * The rest of today (the live floor's `outlook`, the day view of today): the day-ahead forecast of
 * the center as one pool re-projected from the calls so far (../forecast/intraday.ts), the reps each
 * remaining interval requires (Erlang, ./coverage-erlang.ts, with the center's target and patience,
 * as the coverage page) against the reps the PUBLISHED schedule has on the phones (shifts minus
 * breaks, ./coverage.ts), and the gaps in plain words (./intraday-shortfall.ts).
 *
 * Scope: the center as one pool ('*'), as the coverage page's default: every queue's calls, every
 * scheduled rep. Intervals of 30 minutes. A day with no published schedule still gets its
 * re-projection and required reps, with a note instead of the shortfall lines.
 */
import type { Database } from '../../sql/db.ts';
import { forecast } from '../forecast/forecast.ts';
import type { HistoryRow } from '../forecast/forecast-model.ts';
import { callHistory } from '../forecast/history.ts';
import { reproject } from '../forecast/intraday.ts';
import { readOpeningHours, readWeek } from '../roster/schedule.ts';
import { addDays, clock, isoWeekday, mondayOf } from '../roster/schedule-model.ts';
import { requiredStaff, type LoadInterval } from './coverage-erlang.ts';
import { estimatePatience, PATIENCE_WEEKS } from './coverage-patience.ts';
import { readTargets, targetFor } from './coverage-targets.ts';
import { scheduledByInterval } from './coverage.ts';
import { shortfallLines, type ShortfallLine } from './intraday-shortfall.ts';

export const OUTLOOK_INTERVAL_MINUTES = 30;

/** 'error': the computation failed (its message is the note); the floor's other figures still show. */
export type OutlookStatus = 'ok' | 'no_forecast' | 'no_schedule' | 'day_over' | 'closed' | 'error';

export interface OutlookInterval {
  /** 'HH:MM', local. */
  start: string;
  minute: number;
  day_ahead: number;
  reprojected: number;
  aht_s: number | null;
  /** Reps to schedule for the re-projected calls (null without a handle time). */
  required: number | null;
  /** Reps the published schedule has on the phones (average over the interval); null with none published. */
  scheduled: number | null;
}

export interface Outlook {
  date: string;
  status: OutlookStatus;
  /** Plain words for every status but 'ok' (what the lead sees instead of, or above, the lines). */
  note: string | null;
  interval_minutes: number;
  /** Local 'HH:MM' the figures are cut at: intervals ended by then are "so far". */
  cut_off: string;
  calls_so_far: number;
  forecast_so_far: number;
  /** Calls so far / forecast so far (null before enough is forecast). */
  ratio: number | null;
  /** What the rest of the day's forecast is multiplied by. */
  factor: number;
  forecast_day: number;
  reprojected_day: number;
  intervals: OutlookInterval[];
  lines: ShortfallLine[];
}

export interface OutlookOptions {
  /** Today, local. */
  date: string;
  /** Local minutes since midnight now. */
  nowMinute: number;
  timeZone: string;
}

const blank = (opts: OutlookOptions, status: OutlookStatus, note: string): Outlook => ({
  date: opts.date, status, note, interval_minutes: OUTLOOK_INTERVAL_MINUTES, cut_off: clock(opts.nowMinute),
  calls_so_far: 0, forecast_so_far: 0, ratio: null, factor: 1, forecast_day: 0, reprojected_day: 0, intervals: [], lines: []
});

export async function intradayOutlook(db: Database, opts: OutlookOptions): Promise<Outlook> {
  const im = OUTLOOK_INTERVAL_MINUTES;
  const { date, nowMinute, timeZone } = opts;
  const opening = await readOpeningHours(db);
  const span = opening.size === 0 ? null : (opening.get(isoWeekday(date)) ?? 'closed');
  if (span === 'closed') return blank(opts, 'closed', 'The center is closed today.');

  const f = await forecast(db, { from: date, weeks: 1, queue: null, intervalMinutes: im, timeZone, backtestWeeks: 0 });
  const special = f.special_days.find((s) => s.date === date && s.queue === '*' && s.kind === 'closed');
  if (special) return blank(opts, 'closed', `The center is closed today (${special.name}).`);
  if (f.models.every((m) => m.training_days === 0)) {
    return blank(opts, 'no_forecast', 'No forecast yet: the outlook needs a few weeks of calls before today to know what a normal day brings.');
  }
  const isOpen = (minute: number) => span === null || (minute + im > span.open && minute < span.close);
  const today = f.intervals.filter((r) => r.queue === '*' && r.date === date && isOpen(r.minute));
  if (today.reduce((s, r) => s + r.calls, 0) <= 0) return blank(opts, 'closed', 'No calls are forecast today: the center has not taken calls on this weekday.');
  const close = span?.close ?? Math.max(...today.map((r) => r.minute + im));
  if (nowMinute >= close) return blank(opts, 'day_over', `The day is over (closed at ${clock(close)}): the outlook starts again with tomorrow's first calls.`);

  const [actual, patience, targets, week] = await Promise.all([
    callHistory(db, { from: date, to: date, tz: timeZone, interval_minutes: im }),
    estimatePatience(db, { from: addDays(f.settings.trained_before, -7 * PATIENCE_WEEKS), to: addDays(f.settings.trained_before, -1), timeZone }),
    readTargets(db),
    readWeek(db, mondayOf(date))
  ]);
  const soFar = new Map<number, number>();
  for (const r of actual) soFar.set(r.minute, (soFar.get(r.minute) ?? 0) + r.offered);
  const re = reproject(today, [...soFar].map(([minute, calls]) => ({ minute, calls })), nowMinute, im);

  const aht = new Map(today.map((r) => [r.minute, r.aht_s]));
  const load: LoadInterval[] = re.rest.map((r) => ({ period_start: `${date}T${clock(r.minute)}:00`, date, minute: r.minute, calls: r.reprojected, aht_s: aht.get(r.minute) ?? null }));
  const required = requiredStaff(load, targetFor(targets, '*'), patience.find((p) => p.queue === '*')?.patience_s ?? null, im);
  const published = week.status === 'published';
  const scheduled = published ? scheduledByInterval(week.shifts.filter((s) => s.date === date), [date], im) : null;
  const intervals: OutlookInterval[] = required.map((r, i) => ({
    start: clock(r.minute), minute: r.minute, day_ahead: re.rest[i].day_ahead, reprojected: re.rest[i].reprojected, aht_s: r.aht_s,
    required: r.required, scheduled: scheduled ? (scheduled.get(r.period_start) ?? 0) : null
  }));
  const lines = scheduled ? shortfallLines(intervals.map((i) => ({ minute: i.minute, required: i.required, scheduled: i.scheduled! })), im) : [];
  return {
    date, status: published ? 'ok' : 'no_schedule',
    note: published
      ? null
      : week.published_at
        ? `The schedule of the week of ${mondayOf(date)} has been changed since it was published (a draft now): publish it again on the Schedule page to see who is short.`
        : `No published schedule for the week of ${mondayOf(date)}: publish it on the Schedule page to see who is short.`,
    interval_minutes: im, cut_off: clock(nowMinute), calls_so_far: re.actual_so_far, forecast_so_far: re.forecast_so_far,
    ratio: re.ratio, factor: re.factor, forecast_day: re.forecast_day, reprojected_day: re.reprojected_day, intervals, lines
  };
}
