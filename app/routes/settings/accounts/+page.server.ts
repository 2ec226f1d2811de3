import { getJson } from '$lib/api-client.ts';
import type { Account, AccountChange } from '$lib/accounts/types.ts';
import type { PageServerLoad } from './$types';
import { getDatabase } from '../../../../sql/db.ts';
import { serverTimeZone } from '../../../server/config.ts';

/** The accounts and their audit trail, asked of the API itself (admins only, as the page). */
export const load: PageServerLoad = async ({ fetch }) => {
  const [{ users }, { records }, timeZone] = await Promise.all([
    getJson<{ users: Account[] }>('/users', {}, fetch),
    getJson<{ records: AccountChange[] }>('/audit', { entity: 'user', limit: 50 }, fetch),
    getDatabase().then(serverTimeZone)
  ]);
  return { users, changes: records, timeZone };
};
