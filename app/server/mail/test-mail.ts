/** "Send a test mail" on the Settings page: one short mail through the server mail would go through now. */
import type { Database } from '../../../sql/db.ts';
import { InputError, UpstreamError } from '../../../sql/errors.ts';
import { sendMail } from './send-mail.ts';
import { checkAddress, smtpConfig, type SmtpConfig } from './smtp-settings.ts';

export interface TestMailResult {
  to: string;
  server: string;
  message_id: string;
}

/** Sends a test mail, or throws one sentence on what failed (status 502: the mail server, not the request). */
export async function sendTestMail(db: Database, smtpUrl: string | null, to: string, send = sendMail): Promise<TestMailResult> {
  const address = checkAddress(to, 'to');
  const config: SmtpConfig | null = await smtpConfig(db, smtpUrl);
  if (!config) throw new InputError('no mail server is set: save one first');
  try {
    const { messageId } = await send(config, {
      to: [address],
      subject: 'Callboard: test mail',
      text: `This is a test mail from Callboard, sent through ${config.host}:${config.port}.\nThe weekly, monthly and quarterly reports will be mailed the same way.\n`,
      html: `<p>This is a test mail from Callboard, sent through <strong>${config.host}:${config.port}</strong>.</p><p>The weekly, monthly and quarterly reports will be mailed the same way.</p>`
    });
    return { to: address, server: `${config.host}:${config.port}`, message_id: messageId };
  } catch (e) {
    throw new UpstreamError(e instanceof Error ? e.message : String(e));
  }
}
