import { getDatabase } from '../../../sql/db.ts';
import { serverTimeZone } from '../../server/config.ts';
import { liveSnapshot } from '../../server/live/live-snapshot.ts';
import type { PageServerLoad } from './$types';

/** The floor as GET /api/live answers it, so the first paint has figures; the page then follows the stream. */
export const load: PageServerLoad = async () => {
  const db = await getDatabase();
  const timeZone = await serverTimeZone(db);
  return { snapshot: await liveSnapshot(db, { timeZone }), timeZone };
};
