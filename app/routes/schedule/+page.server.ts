import { CallboardError } from '../../../sql/errors.ts';
import { weekCoverage } from '../../../analytics/staffing/coverage.ts';
import { addDays, mondayOf } from '../../../analytics/roster/schedule-model.ts';
import { allows, apiAccess } from '../../api/access.ts';
import { isIsoDate, localNow } from '$lib/shell/dates.ts';
import { weekView } from '../../server/schedule/week-view.ts';
import type { PageServerLoad } from './$types';

/** The week's schedule for the editor and the coverage it gives (as GET /api/schedules/weeks/:week and /api/coverage/gaps). */
export const load: PageServerLoad = async ({ url, locals }) => {
  const user = locals.user!;
  const { db, timeZone } = locals.ctx;
  const thisWeek = mondayOf(localNow(timeZone).date);
  const asked = url.searchParams.get('week');
  const week = asked && isIsoDate(asked) ? mondayOf(asked) : addDays(thisWeek, 7);
  const canEdit = allows(apiAccess['PUT /api/schedules/weeks/:week/shifts/:repId/:date'], user, null);
  const canEditPlans = allows(apiAccess['PUT /api/schedules/reps/:id'], user, null);
  const canEditTemplates = allows(apiAccess['POST /api/schedules/templates'], user, null) && allows(apiAccess['PATCH /api/schedules/templates/:id'], user, null);
  const view = await weekView(db, week);
  let coverage = null;
  let error: string | null = null;
  try {
    coverage = await weekCoverage(db, { week, timeZone });
  } catch (e) {
    if (!(e instanceof CallboardError) || e.status >= 500) throw e;
    error = e.message;
  }
  return { week, thisWeek, timeZone, view, coverage, canEdit, canEditPlans, canEditTemplates, error };
};
