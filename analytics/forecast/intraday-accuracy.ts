/**
 * How much the intraday re-projection (./intraday.ts) helps, measured (pure): for each day scored,
 * the day-ahead forecast is fitted on the days before it (as it would have been that morning), the
 * day is cut at `cutMinute`, and the rest of the day is scored interval by interval against what
 * came, for the day-ahead forecast and for the re-projection:
 *   WAPE = Σ |forecast − actual| / Σ actual   over every interval of the rest of every day scored.
 * The center is one pool: each queue's forecast summed (as the coverage page's '*'), against all
 * queues' calls. Days on the special-day list and days without a call are not scored.
 */
import { fitQueueModel, forecastQueue, type HistoryRow, type SpecialDay } from './forecast-model.ts';
import { reproject, REPROJECTION_PSEUDO_CALLS, type IntervalCalls } from './intraday.ts';

export interface IntradayAccuracyOptions {
  /** Days to score (each forecast from the days before it). */
  dates: readonly string[];
  cutMinute: number;
  intervalMinutes: number;
  trainingWeeks: number;
  halfLifeWeeks: number;
  specials?: readonly SpecialDay[];
  pseudoCalls?: number;
}

export interface IntradayDayScore {
  date: string;
  actual_rest: number;
  day_ahead_rest: number;
  reprojected_rest: number;
  factor: number;
}

export interface IntradayAccuracy {
  days_scored: number;
  /** Σ actual calls over the rest of the days scored. */
  actual_rest: number;
  wape_day_ahead: number | null;
  wape_reprojected: number | null;
  /** wape_reprojected / wape_day_ahead: under 1 is better. */
  ratio: number | null;
  days: IntradayDayScore[];
}

const sumByMinute = (rows: Iterable<IntervalCalls>): Map<number, number> => {
  const out = new Map<number, number>();
  for (const r of rows) out.set(r.minute, (out.get(r.minute) ?? 0) + r.calls);
  return out;
};

export function intradayAccuracy(rows: readonly HistoryRow[], opts: IntradayAccuracyOptions): IntradayAccuracy {
  const queues = [...new Set(rows.map((r) => r.queue))].sort();
  const byDate = new Map<string, HistoryRow[]>();
  for (const r of rows) {
    const list = byDate.get(r.date);
    if (list) list.push(r);
    else byDate.set(r.date, [r]);
  }
  const specials = opts.specials ?? [];
  let absDayAhead = 0, absRe = 0, actualRest = 0;
  const days: IntradayDayScore[] = [];
  for (const date of opts.dates) {
    const today = byDate.get(date) ?? [];
    if (today.length === 0 || specials.some((s) => s.date === date)) continue;
    const forecast = queues.flatMap((queue) => {
      const excluded = new Set(specials.filter((s) => s.queue === '*' || s.queue === queue).map((s) => s.date));
      const model = fitQueueModel(queue, rows, { trainEnd: date, trainingWeeks: opts.trainingWeeks, halfLifeWeeks: opts.halfLifeWeeks, excluded });
      return forecastQueue(model, [date]);
    });
    const dayAhead = [...sumByMinute(forecast)].map(([minute, calls]) => ({ minute, calls }));
    const actual = sumByMinute(today.map((r) => ({ minute: r.minute, calls: r.offered })));
    const re = reproject(dayAhead, [...actual].map(([minute, calls]) => ({ minute, calls })), opts.cutMinute, opts.intervalMinutes, opts.pseudoCalls ?? REPROJECTION_PSEUDO_CALLS);
    const fore = new Map(re.rest.map((r) => [r.minute, r]));
    const minutes = new Set([...fore.keys(), ...[...actual.keys()].filter((m) => m + opts.intervalMinutes > opts.cutMinute)]);
    const score: IntradayDayScore = { date, actual_rest: 0, day_ahead_rest: 0, reprojected_rest: 0, factor: re.factor };
    for (const m of minutes) {
      const a = actual.get(m) ?? 0;
      const f = fore.get(m);
      absDayAhead += Math.abs((f?.day_ahead ?? 0) - a);
      absRe += Math.abs((f?.reprojected ?? 0) - a);
      actualRest += a;
      score.actual_rest += a;
      score.day_ahead_rest += f?.day_ahead ?? 0;
      score.reprojected_rest += f?.reprojected ?? 0;
    }
    days.push(score);
  }
  const wapeDayAhead = actualRest > 0 ? absDayAhead / actualRest : null;
  const wapeRe = actualRest > 0 ? absRe / actualRest : null;
  return {
    days_scored: days.length,
    actual_rest: actualRest,
    wape_day_ahead: wapeDayAhead,
    wape_reprojected: wapeRe,
    ratio: wapeDayAhead && wapeRe !== null ? wapeRe / wapeDayAhead : null,
    days
  };
}
