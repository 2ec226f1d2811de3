import { error } from '@sveltejs/kit';
import { NotFoundError } from '../../../../sql/errors.ts';
import { getReport, listReports } from '../../../../analytics/reports/reports-store.ts';
import type { PageServerLoad } from './$types';

/** One stored report as it was built (GET /api/reports/:id), and the other versions of its period. */
export const load: PageServerLoad = async ({ params, locals }) => {
  const id = /^[1-9]\d{0,9}$/.test(params.id) ? Number(params.id) : NaN;
  if (!Number.isSafeInteger(id)) error(404, `No report ${params.id}`);
  const { db } = locals.ctx;
  try {
    const report = await getReport(db, id);
    const versions = await listReports(db, { kind: report.kind, period: report.period });
    return { report, versions };
  } catch (e) {
    if (e instanceof NotFoundError) error(404, e.message);
    throw e;
  }
};
