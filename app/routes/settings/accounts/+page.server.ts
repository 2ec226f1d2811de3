import { getJson } from '$lib/api-client.ts';
import type { Account, AccountChange } from '$lib/accounts/types.ts';
import type { PageServerLoad } from './$types';

/** The accounts and their audit trail, asked of the API itself (admins only, as the page). */
export const load: PageServerLoad = async ({ fetch, locals }) => {
  const [{ users }, { records }] = await Promise.all([
    getJson<{ users: Account[] }>('/users', {}, fetch),
    getJson<{ records: AccountChange[] }>('/audit', { entity: 'user', limit: 50 }, fetch)
  ]);
  return { users, changes: records, timeZone: locals.ctx.timeZone };
};
