import { getJson } from '$lib/api-client.ts';
import type { SettingsAnswer } from '$lib/settings/types.ts';
import type { AlertRulesView } from '../../server/live/alerts.ts';
import type { PageServerLoad } from './$types';

/** GET /api/settings and /api/settings/alerts, asked of the API itself (admins only, as the page). */
export const load: PageServerLoad = async ({ fetch }) => {
  const [settings, alerts] = await Promise.all([getJson<SettingsAnswer>('/settings', {}, fetch), getJson<AlertRulesView>('/settings/alerts', {}, fetch)]);
  return { settings, alerts };
};
