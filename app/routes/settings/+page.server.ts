import { getJson } from '$lib/api-client.ts';
import type { SettingsAnswer } from '$lib/settings/types.ts';
import type { PageServerLoad } from './$types';

/** GET /api/settings, asked of the API itself (admins only, as the page). */
export const load: PageServerLoad = async ({ fetch }) => ({ settings: await getJson<SettingsAnswer>('/settings', {}, fetch) });
