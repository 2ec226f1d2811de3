import { knownQueues } from '../../../analytics/center-settings.ts';
import { localDateOf } from '../../../analytics/reports/reports-period.ts';
import { computeTrends, quarterComparisons, staffingTrend } from '../../../analytics/trends/trends.ts';
import { reasonTrends } from '../../../analytics/trends/trends-reasons.ts';
import { allows, apiAccess } from '../../api/access.ts';
import { refusalText } from '../../server/refusal.ts';
import type { PageServerLoad } from './$types';


/**
 * The same answers as GET /api/trends (awaited), /api/trends/comparisons, /api/trends/staffing and
 * /api/trends/reasons (streamed: the page shows the series first and fills these in when they are ready).
 */
export const load: PageServerLoad = async ({ url, locals, setHeaders }) => {
  const started = performance.now();
  const { db, timeZone } = locals.ctx;
  const today = localDateOf(timeZone);
  const q = (k: string) => url.searchParams.get(k) || null;
  const opts = { by: q('by') ?? 'week', from: q('from'), to: q('to'), queue: q('queue'), quarter: q('quarter'), timeZone, today };
  const queues = await knownQueues(db);
  const canAnnotate = allows(apiAccess['POST /api/annotations'], locals.user!, null);
  try {
    const trends = await computeTrends(db, opts);
    setHeaders({ 'server-timing': `load;dur=${(performance.now() - started).toFixed(1)}` });
    return {
      trends,
      queues,
      today,
      canAnnotate,
      error: null,
      comparisons: quarterComparisons(db, opts).catch(refusalText),
      staffing: staffingTrend(db, opts).catch(refusalText),
      reasons: reasonTrends(db, opts).catch(refusalText)
    };
  } catch (e) {
    return { trends: null, queues, today, canAnnotate, error: refusalText(e), comparisons: null, staffing: null, reasons: null };
  }
};
