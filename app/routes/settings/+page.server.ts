import { getJson } from '$lib/api-client.ts';
import type { SettingsAnswer } from '$lib/settings/types.ts';
import type { AlertRulesView } from '../../server/live/alerts.ts';
import { mailSettings } from '$lib/mail/mail-settings.ts';
import type { PageServerLoad } from './$types';

/** GET /api/settings, /api/settings/alerts and the mail settings, asked of the API itself (admins only, as the page). */
export const load: PageServerLoad = async ({ fetch }) => {
  const [settings, alerts, mail] = await Promise.all([
    getJson<SettingsAnswer>('/settings', {}, fetch),
    getJson<AlertRulesView>('/settings/alerts', {}, fetch),
    mailSettings(fetch)
  ]);
  return { settings, alerts, mail };
};
