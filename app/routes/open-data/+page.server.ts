import { error } from '@sveltejs/kit';
import { openDataSchema } from '../../../analytics/open-data/open-data-table.ts';
import { openDataDir, openDataEnabled, publishedFiles } from '../../server/open-data.ts';
import type { PageServerLoad } from './$types';

/**
 * The open-data index: the published files and their schema, for anyone (no sign-in), only while an
 * admin has turned open data on; else there is no such page. Nothing here is about a caller or a rep.
 */
export const load: PageServerLoad = async ({ locals }) => {
  const { db, timeZone } = locals.ctx;
  if (!(await openDataEnabled(db))) error(404, 'There is no such page.');
  return { files: publishedFiles(openDataDir(db)).filter((f) => f.bytes !== null), schema: openDataSchema(timeZone) };
};
