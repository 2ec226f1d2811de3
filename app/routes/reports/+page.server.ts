import { getDatabase } from '../../../sql/db.ts';
import { localDateOf } from '../../../analytics/reports/reports-period.ts';
import { reportTimesOrDefault, upcomingBuilds } from '../../../analytics/reports/reports-schedule.ts';
import { listReports } from '../../../analytics/reports/reports-store.ts';
import { allows, apiAccess } from '../../api/access.ts';
import { serverTimeZone } from '../../server/config.ts';
import type { PageServerLoad } from './$types';

/** The same answer as GET /api/reports: every stored version, and when each kind builds next. */
export const load: PageServerLoad = async ({ locals }) => {
  const db = await getDatabase();
  const timeZone = await serverTimeZone(db);
  return {
    reports: await listReports(db),
    schedule: upcomingBuilds(new Date(), timeZone, reportTimesOrDefault()),
    timeZone,
    today: localDateOf(timeZone),
    canBuild: allows(apiAccess['POST /api/reports'], locals.user!, null)
  };
};
