import { liveSnapshot } from '../../server/live/live-snapshot.ts';
import { forViewer } from '../../server/live/live-adherence.ts';
import type { PageServerLoad } from './$types';

/** The floor as GET /api/live answers it, so the first paint has figures; the page then follows the stream. */
export const load: PageServerLoad = async ({ locals }) => {
  const { db, timeZone } = locals.ctx;
  return { snapshot: forViewer(await liveSnapshot(db, { timeZone }), locals.user?.role), timeZone };
};
