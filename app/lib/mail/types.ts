/** What the mail parts of the Settings and Reports pages show (see app/server/mail/). */
import type { SmtpView } from '../../server/mail/smtp-settings.ts';
import type { Subscription } from '../../server/mail/subscriptions.ts';
import type { OutboxEntry } from '../../server/mail/report-outbox.ts';

export type { SmtpView, Subscription, OutboxEntry };

export const TLS_LABEL: Record<string, string> = {
  none: 'None (a server inside the network)',
  starttls: 'STARTTLS (port 587)',
  tls: 'TLS (smtps, port 465)'
};

export const STATUS_LABEL: Record<OutboxEntry['status'], string> = {
  queued: 'Waiting to be tried again',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Given up'
};
