import { CallboardError } from '../../../sql/errors.ts';
import { allows, apiAccess } from '../../api/access.ts';
import { localNow } from '$lib/shell/dates.ts';
import { dayReview } from '../../server/day/day-review.ts';
import { lostCallers } from '../../server/day/lost-callers.ts';
import { lostCallersPage } from '../../server/day/lost-callers-page.ts';
import { dayAlerts } from '../../server/live/alerts.ts';
import { readAlertRules } from '../../../analytics/live/alert-log.ts';
import { MAX_LIVE_WAIT_S } from '../../server/live/live-snapshot.ts';
import { outlookNow } from '../../server/live/live-outlook.ts';
import { dayAdherence } from '../../server/day/day-adherence.ts';
import { dayReasons } from '../../server/day/day-reasons.ts';
import { callerNumbersOut } from '../../server/privacy/caller-numbers.ts';
import type { PageServerLoad } from './$types';

/** The same answers as GET /api/day, GET /api/day/adherence and GET /api/lost-calls, computed in the page's own request. */
export const load: PageServerLoad = async ({ url, locals, setHeaders }) => {
  const started = performance.now();
  const user = locals.user!; // the page gate let only signed-in planners through
  const may = (route: string) => allows(apiAccess[route], user, null);
  const { db, timeZone } = locals.ctx;
  const show: 'open' | 'all' = url.searchParams.get('show') === 'open' ? 'open' : 'all';
  try {
    const date = url.searchParams.get('date') || localNow(timeZone).date;
    const [day, found, alerts, rules, outlook, adherence, reasons] = await Promise.all([
      dayReview(db, { date, timeZone }),
      may('GET /api/lost-calls') ? lostCallers(db, { date, timeZone }) : null,
      dayAlerts(db, { date, timeZone, maxWaitS: MAX_LIVE_WAIT_S }),
      readAlertRules(db),
      date === localNow(timeZone).date ? outlookNow(db, { timeZone }) : null, // today: the rest of the day (as /live)
      may('GET /api/day/adherence') ? dayAdherence(db, { date, timeZone }) : null,
      dayReasons(db, { date, timeZone })
    ]);
    // The page of lost callers shown (a busy day of a large center loses thousands); their numbers
    // masked for roles that may not see them, audited for those that may: only the ones sent.
    const shown = found && lostCallersPage(found, { show, page: Number(url.searchParams.get('lost_page') ?? '1') });
    const lost = shown && (await callerNumbersOut(db, user, { what: `page ${url.pathname}${url.search}` }, shown));
    setHeaders({ 'server-timing': `load;dur=${(performance.now() - started).toFixed(1)}` });
    return {
      day,
      lost,
      outlook,
      adherence,
      reasons,
      show,
      canHandle: may('PUT /api/lost-calls/handling'),
      canOpenCalls: may('GET /api/calls'),
      alerts: { entries: alerts, rulesSet: rules.length > 0, canEdit: may('PUT /api/settings/alerts') },
      error: null
    };
  } catch (e) {
    if (!(e instanceof CallboardError) || e.status >= 500) throw e;
    return { day: null, lost: null, outlook: null, adherence: null, reasons: null, show, canHandle: false, canOpenCalls: false, alerts: null, error: e.message };
  }
};
