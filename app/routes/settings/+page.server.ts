import { getJson } from '$lib/api-client.ts';
import type { SettingsAnswer } from '$lib/settings/types.ts';
import { localNow } from '$lib/shell/dates.ts';
import type { RedactionCount } from '../../server/privacy/card-redactions.ts';
import type { PageServerLoad } from './$types';

/** GET /api/settings, asked of the API itself (admins only, as the page). */
export const load: PageServerLoad = async ({ fetch, locals }) => ({
  settings: await getJson<SettingsAnswer>('/settings', {}, fetch),
  privacy: await getJson<{ number_readers: string[]; card_number_redactions: RedactionCount[] }>('/settings/privacy', {}, fetch),
  today: localNow(locals.ctx.timeZone).date
});
