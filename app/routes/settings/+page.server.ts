import { getJson } from '$lib/api-client.ts';
import type { SettingsAnswer } from '$lib/settings/types.ts';
import { mailSettings } from '$lib/mail/mail-settings.ts';
import type { PageServerLoad } from './$types';

/** GET /api/settings, asked of the API itself (admins only, as the page). */
export const load: PageServerLoad = async ({ fetch }) => ({
  settings: await getJson<SettingsAnswer>('/settings', {}, fetch),
  mail: await mailSettings(fetch)
});
