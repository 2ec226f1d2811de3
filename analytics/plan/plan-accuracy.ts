/**
 * The plan forecast's accuracy on the center's own history (./forecast-accuracy.ts): the 8 complete
 * weeks before the data's last day held out, each forecast from the data before it, scored over the
 * opening hours' 30-minute intervals. Shown beside the plan so the manager knows how far to trust it.
 */
import type { Database } from '../../sql/db.ts';
import { readSpecialDays } from '../forecast/forecast.ts';
import type { HistoryRow } from '../forecast/forecast-model.ts';
import { readOpeningHours } from '../roster/schedule.ts';
import { addDays, mondayOf } from '../roster/schedule-model.ts';
import { openIntervals } from '../staffing/coverage.ts';
import { forecastAccuracy, type ForecastAccuracy } from './forecast-accuracy.ts';
import { callHistory, dataSpan } from '../forecast/history.ts';

export const HELD_OUT_WEEKS = 8;

/**
 * Null when the history has no complete week to hold out after a first week to learn from. It moves
 * with the data alone (not the clock), and the Coverage and Plan pages both show it: readers share one
 * answer until the next write (db.answers; CALLBOARD_ANSWER_CACHE=0 computes it every time).
 */
export function planForecastAccuracy(db: Database, timeZone: string, dayNoiseSigma?: number): Promise<ForecastAccuracy | null> {
  if (dayNoiseSigma !== undefined) return computeAccuracy(db, timeZone, dayNoiseSigma);
  return db.answers.get(`plan-forecast-accuracy|${timeZone}`, () => computeAccuracy(db, timeZone), Infinity);
}

async function computeAccuracy(db: Database, timeZone: string, dayNoiseSigma?: number): Promise<ForecastAccuracy | null> {
  const spans = await dataSpan(db, timeZone);
  if (spans.length === 0) return null;
  const from = spans.map((s) => s.first_date).sort()[0];
  const last = spans.map((s) => s.last_date).sort().at(-1)!;
  // The last complete week ends before the data's last (possibly partial) day; each held-out week keeps
  // at least two weeks of history before it.
  const lastMonday = addDays(mondayOf(last), -7);
  const weeks = Array.from({ length: HELD_OUT_WEEKS }, (_, i) => addDays(lastMonday, -7 * (HELD_OUT_WEEKS - 1 - i))).filter((m) => m >= addDays(mondayOf(from), 14));
  if (weeks.length === 0) return null;
  const history = await callHistory(db, { from, to: addDays(lastMonday, 6), tz: timeZone, interval_minutes: 30 });
  const isOpen = openIntervals(await readOpeningHours(db), 30);
  return forecastAccuracy(history, { weeks, specials: await readSpecialDays(db, from, last), isOpen: (date, minute) => isOpen({ date, minute }), dayNoiseSigma });
}
