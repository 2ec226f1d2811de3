import { error } from '@sveltejs/kit';
import { openDataDir, openDataEnabled, publishedFile } from '../../../server/open-data.ts';
import type { RequestHandler } from './$types';

const TYPES: Record<string, string> = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' };

/**
 * One published open-data file (daily.csv, monthly.json, schema.json, ...), for anyone, only while
 * open data is on. Only the names open data publishes are read (publishedFile); anything else is 404.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
  const { db } = locals.ctx;
  if (!(await openDataEnabled(db))) error(404, 'There is no such page.');
  const bytes = publishedFile(openDataDir(db), params.file);
  if (!bytes) error(404, 'There is no such file.');
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': TYPES[params.file.split('.').pop()!],
      // Published for anyone: other sites' pages may read it too.
      'access-control-allow-origin': '*'
    }
  });
};
