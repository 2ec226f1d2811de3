/**
 * A short mail at once, for other features that want to tell someone something (a live alert that
 * fires may mail the lead): through the same mail server as the reports, never throwing. It is not
 * queued or retried: a notice that comes an hour late is no notice, so the caller gets the reason.
 */
import type { Database } from '../../../sql/db.ts';
import { errorMessage } from '../../../sql/errors.ts';
import { sendMail } from './send-mail.ts';
import { checkAddress, smtpConfig } from './smtp-settings.ts';

export interface Notice {
  to: string[];
  subject: string;
  text: string;
}

export async function mailNotice(db: Database, smtpUrl: string | null, notice: Notice, send = sendMail): Promise<{ sent: boolean; error: string | null }> {
  try {
    const to = notice.to.map((a) => checkAddress(a, 'to'));
    if (!to.length) return { sent: false, error: 'nobody to mail' };
    const config = await smtpConfig(db, smtpUrl);
    if (!config) return { sent: false, error: 'no mail server is set: an admin sets one in Settings, Mail' };
    const html = `<p style="font:14px/1.4 system-ui,sans-serif;white-space:pre-wrap">${notice.text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`;
    await send(config, { to, subject: `Callboard: ${notice.subject}`, text: notice.text, html });
    return { sent: true, error: null };
  } catch (e) {
    return { sent: false, error: errorMessage(e) };
  }
}
