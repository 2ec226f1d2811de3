import { CallboardError } from '../../../sql/errors.ts';
import { plannedLoad, weekCoverage } from '../../../analytics/staffing/coverage.ts';
import { pastCoverage } from '../../../analytics/staffing/coverage-past.ts';
import { readTargets, targetFor } from '../../../analytics/staffing/coverage-targets.ts';
import { forecast } from '../../../analytics/forecast/forecast.ts';
import { dataSpan } from '../../../analytics/forecast/history.ts';
import { reasonForecast } from '../../../analytics/forecast/forecast-by-reason.ts';
import { planForecastAccuracy } from '../../../analytics/plan/plan-accuracy.ts';
import { addDays, mondayOf } from '../../../analytics/roster/schedule-model.ts';
import { allows, apiAccess } from '../../api/access.ts';
import { isIsoDate, localNow } from '$lib/shell/dates.ts';
import { refusalText } from '../../server/refusal.ts';
import { shownReasonForecast } from '$lib/coverage/reason-forecast.ts';
import type { PageServerLoad } from './$types';

/**
 * The scheduler's home: the forecast of a week with its backtest, the staff it requires and the gaps
 * the week's schedule leaves, a past day against its schedule, and the planning inputs (the same
 * answers as GET /api/coverage/forecast, /gaps and /past; the forecast per reason group, GET
 * /api/coverage/reasons, streamed: the page shows the rest first).
 */
export const load: PageServerLoad = async ({ url, locals }) => {
  const user = locals.user!;
  const { db, timeZone } = locals.ctx;
  const today = localNow(timeZone).date;
  const thisWeek = mondayOf(today);
  const param = (k: string) => url.searchParams.get(k);
  const week = isIsoDate(param('week')) ? mondayOf(param('week')!) : addDays(thisWeek, 7);
  const queue = param('queue') || '*';
  const interval = ['15', '30', '60'].includes(param('interval') ?? '') ? Number(param('interval')) : 30;
  // The past day shown: the one asked, else the newest day with calls before today.
  const span = await dataSpan(db, timeZone);
  const newest = span.reduce((m, s) => (s.last_date > m ? s.last_date : m), '');
  const pastDay = isIsoDate(param('day')) && param('day')! < today ? param('day')! : newest && newest < today ? newest : addDays(today, -1);
  const canEdit = allows(apiAccess['PUT /api/coverage/special-days'], user, null);
  // The week's forecast, shown with its backtest and planned from (plannedLoad reads its intervals);
  // the planned load asked once for the coverage and the reason groups' forecast (the same options).
  const weekForecast = forecast(db, { from: week, weeks: 1, queue, intervalMinutes: interval, timeZone });
  const load = plannedLoad(db, { week, queue, intervalMinutes: interval, timeZone, forecast: weekForecast });
  weekForecast.catch(() => undefined);
  load.catch(() => undefined); // (their failure is answered by those that await them)
  try {
    const [f, coverage, past, targets] = await Promise.all([
      weekForecast,
      weekCoverage(db, { week, queue, intervalMinutes: interval, timeZone, load }),
      pastCoverage(db, { from: pastDay, to: pastDay, queue, intervalMinutes: interval, timeZone }),
      readTargets(db)
    ]);
    // Every queue with calls (what the center's forecast lists: one per data span).
    const queues = span.map((s) => s.queue);
    // (sent as the page draws it: the groups and their one table of reps per interval)
    const reasons = reasonForecast(db, { week, queue, intervalMinutes: interval, timeZone, load }).then(shownReasonForecast).catch(refusalText);
    // How far to trust the year-ahead forecast (the staffing plan's), streamed like the reasons.
    const planAccuracy = planForecastAccuracy(db, timeZone).catch(refusalText);
    // The forecast's intervals and days of the queue shown only (the panel draws those): at 10M calls
    // the week's intervals of every queue were 313 KB of the page's 480.
    // Of the other queues' backtests the panel draws their errors alone (its table per queue), not their days and times of day.
    const shown = {
      ...f,
      intervals: f.intervals.filter((r) => r.queue === queue),
      days: f.days.filter((d) => d.queue === queue),
      backtest: f.backtest.map((b) => (b.queue === queue ? b : { ...b, by_day: [], by_interval: [] }))
    };
    return { week, thisWeek, queue, interval, pastDay, today, forecast: shown, coverage, past, target: targetFor(targets, queue), queues, canEdit, reasons, planAccuracy, error: null };
  } catch (e) {
    if (!(e instanceof CallboardError) || e.status >= 500) throw e;
    return { week, thisWeek, queue, interval, pastDay, today, forecast: null, coverage: null, past: null, target: null, queues: [], canEdit, reasons: null, planAccuracy: null, error: e.message };
  }
};
