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
 * All four start at once: the series' queries are asked first and answered first by the read pool,
 * and the others' queries and Erlang (JS) fill the gaps between them, so the last answer comes sooner
 * (in-process on the demo, 0.90 s -> 0.81 s for the four; bench/trends-parts.ts).
 */
export const load: PageServerLoad = async ({ url, locals, setHeaders }) => {
  const started = performance.now();
  const { db, timeZone } = locals.ctx;
  const today = localDateOf(timeZone);
  const q = (k: string) => url.searchParams.get(k) || null;
  const opts = { by: q('by') ?? 'week', from: q('from'), to: q('to'), queue: q('queue'), quarter: q('quarter'), timeZone, today };
  const queues = await knownQueues(db);
  const canAnnotate = allows(apiAccess['POST /api/annotations'], locals.user!, null);
  const series = computeTrends(db, opts);
  const comparisons = quarterComparisons(db, opts).catch(refusalText);
  const staffing = staffingTrend(db, opts).catch(refusalText);
  const reasons = reasonTrends(db, opts).catch(refusalText);
  try {
    const trends = await series;
    setHeaders({ 'server-timing': `load;dur=${(performance.now() - started).toFixed(1)}` });
    return { trends, queues, today, canAnnotate, error: null, comparisons, staffing, reasons };
  } catch (e) {
    // (the others are not sent: their failures, if any, are this one's and go unheard)
    for (const part of [comparisons, staffing, reasons]) part.catch(() => {});
    return { trends: null, queues, today, canAnnotate, error: refusalText(e), comparisons: null, staffing: null, reasons: null };
  }
};
