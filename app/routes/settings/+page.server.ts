import { getJson } from '$lib/api-client.ts';
import type { SettingsAnswer } from '$lib/settings/types.ts';
import type { AlertRulesView } from '../../server/live/alerts.ts';
import { mailSettings } from '$lib/mail/mail-settings.ts';
import { localNow } from '$lib/shell/dates.ts';
import type { RedactionCount } from '../../server/privacy/card-redactions.ts';
import type { PageServerLoad } from './$types';

/** GET /api/settings, /api/settings/alerts, /api/settings/privacy and the mail settings, asked of the API itself (admins only, as the page). */
export const load: PageServerLoad = async ({ fetch, locals }) => {
  const [settings, alerts, mail, privacy] = await Promise.all([
    getJson<SettingsAnswer>('/settings', {}, fetch),
    getJson<AlertRulesView>('/settings/alerts', {}, fetch),
    mailSettings(fetch),
    getJson<{ number_readers: string[]; card_number_redactions: RedactionCount[] }>('/settings/privacy', {}, fetch)
  ]);
  return { settings, alerts, mail, privacy, today: localNow(locals.ctx.timeZone).date };
};
