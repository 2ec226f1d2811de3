import { localDateOf } from '../../../analytics/reports/reports-period.ts';
import { reportTimesOrDefault, upcomingBuilds } from '../../../analytics/reports/reports-schedule.ts';
import { listReports } from '../../../analytics/reports/reports-store.ts';
import { allows, apiAccess } from '../../api/access.ts';
import { reportsPageMail } from '../../server/mail/mail-pages.ts';
import type { PageServerLoad } from './$types';

/** The same answer as GET /api/reports: every stored version, and when each kind builds next. */
export const load: PageServerLoad = async ({ locals }) => {
  const { db, timeZone } = locals.ctx;
  return {
    reports: await listReports(db),
    schedule: upcomingBuilds(new Date(), timeZone, reportTimesOrDefault()),
    timeZone,
    today: localDateOf(timeZone),
    canBuild: allows(apiAccess['POST /api/reports'], locals.user!, null),
    mail: await reportsPageMail(db, locals.user!)
  };
};
