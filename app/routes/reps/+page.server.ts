import { CallboardError } from '../../../sql/errors.ts';
import { qualityScores } from '../../../analytics/quality/quality-score.ts';
import { repFigures } from '../../../analytics/reps/rep-activity.ts';
import { repHandledDays } from '../../../analytics/reps/rep-handled-days.ts';
import { listReps } from '../../server/rep-directory.ts';
import { addDays, isDate, periodLabel, periodRange, todayIn, type PeriodKind } from '$lib/reps/period.ts';
import { buildRepTable } from '$lib/reps/rep-table.ts';
import type { PageServerLoad } from './$types';

/** Days in the small trend next to each rep. */
const TREND_DAYS = 28;

/** The reps of a day or an ISO week: the same analytics GET /api/metrics/rep-activity and /api/quality/scores answer. */
export const load: PageServerLoad = async ({ url, setHeaders, locals }) => {
  const started = performance.now();
  const { db, timeZone } = locals.ctx;
  const period: PeriodKind = url.searchParams.get('period') === 'day' ? 'day' : 'week';
  const asked = url.searchParams.get('date');
  const date = isDate(asked) ? asked : todayIn(timeZone);
  const { from, to } = periodRange(period, date);
  const trendDates = Array.from({ length: TREND_DAYS }, (_, i) => addDays(to, i - TREND_DAYS + 1));
  const base = { period, date, from, to, label: periodLabel(period, date), today: todayIn(timeZone), trendFrom: trendDates[0] };
  try {
    const [activity, quality, trend, reps] = await Promise.all([
      repFigures(db, { from, to, timeZone }), // (the per-rep half: the page draws no intervals)
      qualityScores(db, { from, to, timeZone }),
      repHandledDays(db, { from: trendDates[0], to, timeZone }), // (calls answered per interface and day: the trend draws those alone)
      listReps(db)
    ]);
    const rows = buildRepTable({ activity, quality: quality.rows, trend: trend.map((d) => ({ period_start: d.date, rep_interface: d.rep_interface, answered: d.answered })), trendDates, reps });
    setHeaders({ 'server-timing': `load;dur=${(performance.now() - started).toFixed(1)}` });
    return { ...base, rows, error: null };
  } catch (e) {
    if (!(e instanceof CallboardError) || e.status >= 500) throw e;
    return { ...base, rows: [], error: e.message };
  }
};
