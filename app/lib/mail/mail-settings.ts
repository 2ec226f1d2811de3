/** Settings, Mail: the mail server (without its password) and every subscription, asked of the API (admins only, as the page). */
import { getJson } from '../api-client.ts';
import type { SmtpView, Subscription } from './types.ts';

export async function mailSettings(fetchFn: typeof fetch): Promise<{ server: SmtpView; subscriptions: Subscription[] }> {
  const [server, { subscriptions }] = await Promise.all([
    getJson<SmtpView>('/mail/server', {}, fetchFn),
    getJson<{ subscriptions: Subscription[] }>('/mail/subscriptions', {}, fetchFn)
  ]);
  return { server, subscriptions };
}
