/**
 * Sending one mail through the configured SMTP server with nodemailer, and saying in one sentence what
 * went wrong when it fails (a wrong password, a server that cannot be reached, a mailbox the server
 * refuses), in words an admin can act on. Whether a failure is worth another try is the outbox's call.
 */
import type { SmtpConfig } from './smtp-settings.ts';

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId?: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
}

/** Connection and greeting timeouts: a server that does not answer fails the attempt instead of hanging the job. */
const TIMEOUT_MS = 20_000;

export async function sendMail(config: SmtpConfig, mail: OutgoingMail): Promise<{ messageId: string; accepted: string[] }> {
  // Loaded when a mail is sent, not when the server or the CLI starts.
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.tls === 'tls',
    ignoreTLS: config.tls === 'none',
    requireTLS: config.tls === 'starttls',
    auth: config.username ? { user: config.username, pass: config.password ?? '' } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS * 3
  });
  try {
    const info = await transport.sendMail({
      from: config.from_address,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      attachments: mail.attachments
    });
    return { messageId: info.messageId, accepted: info.accepted.map(String) };
  } catch (e) {
    throw new Error(mailErrorText(e, config));
  } finally {
    transport.close();
  }
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
  rejected?: unknown[];
}

/** One sentence for a failed send: what happened and what to check. */
export function mailErrorText(e: unknown, config: Pick<SmtpConfig, 'host' | 'port'>): string {
  const err = (e ?? {}) as SmtpError & { cause?: SmtpError };
  const where = `${config.host}:${config.port}`;
  const reply = err.response ? `: ${err.response.trim()}` : '';
  const message = err.message ?? String(e);
  if (err.code === 'EAUTH') return `the mail server ${where} refused the user name or password${reply}; check them in Settings, Mail`;
  if (err.code === 'EENVELOPE' || (err.responseCode && err.responseCode >= 500 && /recipient|mailbox|RCPT/i.test(message + reply))) {
    const who = err.rejected?.length ? ` ${err.rejected.join(', ')}` : '';
    return `the mail server ${where} refused the mailbox${who}${reply || `: ${message}`}`;
  }
  if (/ECONNREFUSED/.test(message) || err.code === 'ECONNREFUSED') return `could not reach the mail server ${where} (connection refused); check the host and port`;
  if (err.code === 'EDNS' || /ENOTFOUND|EAI_AGAIN/.test(message)) return `could not find the mail server ${config.host} (no such host); check the host name`;
  if (err.code === 'ETIMEDOUT' || /timeout/i.test(message)) return `the mail server ${where} did not answer in time; check the host, port and TLS setting`;
  if (err.code === 'ETLS' || /TLS|SSL|certificate/i.test(message)) return `TLS with the mail server ${where} failed (${message}); check the TLS setting`;
  return `the mail server ${where} failed: ${message}`;
}
