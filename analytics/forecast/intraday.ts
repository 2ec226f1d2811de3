/**
 * Intraday re-projection (pure): by mid-morning the day's calls so far say whether today runs above
 * or below the day-ahead forecast; the rest of the day is re-projected from that.
 *
 * Method. F = the day-ahead forecast per interval (./forecast-model.ts, trained on the days before
 * today), A = the calls offered so far, both over the intervals that have ENDED by the cut-off:
 *   ratio   r = ΣA / ΣF                        (today against the forecast so far)
 *   weight  w = ΣF / (ΣF + K)                  (credibility: how many calls the ratio rests on)
 *   factor  k = max(0, 1 + w · (r − 1))        (the ratio pulled toward 1, never negative)
 * and every interval still to come (the one in progress included) is F × k: the day-ahead SHAPE of
 * the day is kept, only its LEVEL moves. K (pseudo-calls, default 100) is the number of calls at
 * which the ratio counts half: with 12 calls seen a ratio of 1.5 moves the forecast by ×1.05, with
 * 600 seen by ×1.43. Why 100: counts of calls are Poisson, so a ratio over n calls carries a noise
 * of variance ≈ 1/n, while the day-level swing a day-ahead forecast cannot see (bills mailed, a
 * storm, a slow holiday week) is some σ ≈ 10 % on a city line; the best linear blend of the two
 * weighs the ratio n / (n + 1/σ²), and 1/0.1² = 100. On the demo and a generated center, K from
 * 40 to 150 score within a percent of each other (README, Performance): the choice is not fragile.
 * A forecast so far of under one call (the day just opened, or a day forecast closed) is
 * too small a denominator: k = 1, the day-ahead forecast stands.
 *
 * Known limits: a shock confined to the morning (an outage fixed by 11:00) is carried into the
 * afternoon; a shift in shape (calls earlier than usual) reads as a change of level.
 */

/** Pseudo-calls at which the ratio so far and the day-ahead forecast weigh the same. */
export const REPROJECTION_PSEUDO_CALLS = 100;
/** Below this many forecast calls so far the ratio is not used. */
export const MIN_FORECAST_SO_FAR = 1;

export interface IntervalCalls {
  /** Local minute of the day the interval starts. */
  minute: number;
  calls: number;
}

export interface ReprojectedInterval {
  minute: number;
  day_ahead: number;
  reprojected: number;
}

export interface Reprojection {
  /** Minute of the day the figures are cut at: intervals ending by then are "so far". */
  cut_minute: number;
  /** Calls offered in the intervals that ended by the cut-off. */
  actual_so_far: number;
  /** Day-ahead forecast of the same intervals. */
  forecast_so_far: number;
  /** Day-ahead forecast of the whole day. */
  forecast_day: number;
  /** actual_so_far / forecast_so_far; null with too small a forecast so far. */
  ratio: number | null;
  /** Credibility of the ratio, 0..1. */
  weight: number;
  /** What the rest of the day's forecast is multiplied by. */
  factor: number;
  /** The intervals still to come (the one in progress included), day-ahead and re-projected. */
  rest: ReprojectedInterval[];
  /** Calls so far + re-projected rest: today's expected total now. */
  reprojected_day: number;
}

const finite = (x: number) => (Number.isFinite(x) ? x : 0);

/**
 * Re-projects the rest of a day. `dayAhead` is the day's forecast per interval of `intervalMinutes`,
 * `actual` the calls offered per interval so far (intervals after the cut-off are ignored).
 */
export function reproject(
  dayAhead: readonly IntervalCalls[],
  actual: readonly IntervalCalls[],
  cutMinute: number,
  intervalMinutes: number,
  pseudoCalls = REPROJECTION_PSEUDO_CALLS
): Reprojection {
  const ended = (minute: number) => minute + intervalMinutes <= cutMinute;
  let forecastSoFar = 0, forecastDay = 0, actualSoFar = 0;
  for (const f of dayAhead) {
    const calls = Math.max(0, finite(f.calls));
    forecastDay += calls;
    if (ended(f.minute)) forecastSoFar += calls;
  }
  for (const a of actual) if (ended(a.minute)) actualSoFar += Math.max(0, finite(a.calls));
  const usable = forecastSoFar >= MIN_FORECAST_SO_FAR;
  const ratio = usable ? actualSoFar / forecastSoFar : null;
  const weight = usable ? forecastSoFar / (forecastSoFar + Math.max(0, pseudoCalls)) : 0;
  const factor = ratio === null ? 1 : Math.max(0, 1 + weight * (ratio - 1));
  const rest = dayAhead
    .filter((f) => !ended(f.minute))
    .map((f) => {
      const calls = Math.max(0, finite(f.calls));
      return { minute: f.minute, day_ahead: calls, reprojected: calls * factor };
    })
    .sort((a, b) => a.minute - b.minute);
  return {
    cut_minute: cutMinute,
    actual_so_far: actualSoFar,
    forecast_so_far: forecastSoFar,
    forecast_day: forecastDay,
    ratio,
    weight,
    factor,
    rest,
    reprojected_day: actualSoFar + rest.reduce((s, r) => s + r.reprojected, 0)
  };
}
