/**
 * The report outbox (`mail_outbox`, migration 030): a report's mails are queued in the transaction that
 * stores the report, one row per (report version, recipient), so a build is never left without its mails
 * and a mail is never queued twice. A sender claims a row before sending and marks it sent after; a
 * failure is written down with its reason (and in the audit log) and tried again on a back-off
 * (analytics/reports/reports-mail.ts) until a day has passed, then given up.
 *
 * Known limit: a process stopped between the server accepting a mail and the row being marked sent
 * leaves the row claimed; after 10 minutes it is sent again with the same Message-ID, which receiving
 * servers and mail programs use to drop the copy. Sending nothing in that case would risk losing a report.
 */
import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../../sql/db.ts';
import { errorMessage } from '../../../sql/errors.ts';
import type { StoredReport } from '../../../analytics/reports/reports-document.ts';
import { nextAttempt, reportMail } from '../../../analytics/reports/reports-mail.ts';
import { CONTENT_TYPES } from '../../../analytics/reports/reports-output.ts';
import { reportXlsx } from '../../../analytics/reports/reports-xlsx.ts';
import { getReport } from '../../../analytics/reports/reports-store.ts';
import { audit, type Actor } from '../audit.ts';
import { jobContext, type ServerSetup } from '../context.ts';
import { sendMail, type OutgoingMail } from './send-mail.ts';
import { smtpConfig, type SmtpConfig } from './smtp-settings.ts';

export const MAIL_ACTOR: Actor = { id: null, username: 'mail' };

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface OutboxEntry {
  id: number;
  report_id: number;
  kind: string | null;
  period: string | null;
  version: number | null;
  recipient: string;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  queued_by: string;
  queued_at: string;
  sent_at: string | null;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
}

const messageId = (reportId: number, recipient: string) =>
  `<report-${reportId}-${createHash('sha256').update(recipient).digest('hex').slice(0, 16)}@callboard>`;

/** Queues a report for each recipient not queued for it yet (inside the caller's transaction); returns how many were new. */
export async function queueReportMail(db: Database, conn: DuckDBConnection, reportId: number, recipients: string[], queuedBy: string, now: Date): Promise<number> {
  let added = 0;
  for (const recipient of new Set(recipients)) {
    const rows = await db.all<{ id: number }>(
      `INSERT INTO mail_outbox (report_id, recipient, status, queued_at, next_attempt_at, message_id, queued_by)
       VALUES ($report, $recipient, 'queued', $now::TIMESTAMPTZ, $now::TIMESTAMPTZ, $message_id, $by)
       ON CONFLICT (report_id, recipient) DO NOTHING RETURNING id`,
      { report: reportId, recipient, now: now.toISOString(), message_id: messageId(reportId, recipient), by: queuedBy },
      conn
    );
    added += rows.length;
  }
  return added;
}

export interface DeliverDeps {
  db: Database;
  /** CALLBOARD_SMTP_URL, which wins over the stored server. */
  smtpUrl: string | null;
  clock: () => Date;
  log: (line: string) => void;
  /** Send this report's queued mails now, whatever their time (a mail sent by hand). */
  reportId?: number;
  /** Stand-in for the SMTP send (tests of the bookkeeping); default nodemailer. */
  send?: (config: SmtpConfig, mail: OutgoingMail) => Promise<unknown>;
}

export interface DeliveryResult {
  id: number;
  report_id: number;
  recipient: string;
  status: 'sent' | 'queued' | 'failed';
  error: string | null;
  next_attempt_at: string | null;
}

interface DueRow {
  id: number;
  report_id: number;
  recipient: string;
  attempts: number;
  message_id: string;
  queued_at: string;
}

/** Claims a row for this sender; false when another sender (or an earlier run) has it already. */
async function claim(db: Database, row: DueRow, now: Date): Promise<boolean> {
  const claimed = await db.all(
    `UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1, last_attempt_at = $now::TIMESTAMPTZ
     WHERE id = $id AND attempts = $attempts AND status IN ('queued', 'sending') RETURNING id`,
    { id: row.id, attempts: row.attempts, now: now.toISOString() }
  );
  return claimed.length === 1;
}

async function recordOutcome(db: Database, row: DueRow, now: Date, error: string | null): Promise<DeliveryResult> {
  const attempts = row.attempts + 1;
  const next = error === null ? null : nextAttempt(attempts, now, new Date(row.queued_at));
  const status = error === null ? 'sent' : next ? 'queued' : 'failed';
  await db.transaction(async (conn) => {
    await db.run(
      `UPDATE mail_outbox SET status = $status, last_error = $error, next_attempt_at = $next::TIMESTAMPTZ,
         sent_at = CASE WHEN $status = 'sent' THEN $now::TIMESTAMPTZ END
       WHERE id = $id`,
      { id: row.id, status, error, next: next?.toISOString() ?? null, now: now.toISOString() },
      conn
    );
    await audit(db, conn, {
      user: MAIL_ACTOR,
      action: status === 'sent' ? 'mail_sent' : status === 'failed' ? 'mail_given_up' : 'mail_failed',
      entity: 'report',
      entityId: row.report_id,
      after: { outbox_id: row.id, recipient: row.recipient, attempt: attempts, error, next_attempt_at: next?.toISOString() ?? null }
    });
  });
  return { id: row.id, report_id: row.report_id, recipient: row.recipient, status, error, next_attempt_at: next?.toISOString() ?? null };
}

/**
 * Sends every outbox mail that is due, one recipient per mail (recipients do not see each other). Never
 * throws for a failed mail: each failure is recorded on its row, logged once per attempt, and retried.
 */
export async function deliverDueMail(deps: DeliverDeps): Promise<DeliveryResult[]> {
  const { db, log } = deps;
  const send = deps.send ?? sendMail;
  const due = await db.query<DueRow>('mail-outbox-due', { now: deps.clock().toISOString(), report: deps.reportId ?? null, limit: 200 });
  if (!due.length) return [];
  let config: SmtpConfig | null = null;
  let configError: string | null = null;
  try {
    config = await smtpConfig(db, deps.smtpUrl);
    if (!config) configError = 'no mail server is set: an admin sets one in Settings, Mail (or the operator sets CALLBOARD_SMTP_URL)';
  } catch (e) {
    configError = errorMessage(e);
  }
  const reports = new Map<number, Promise<{ report: StoredReport; xlsx: Buffer }>>();
  const rendered = (id: number) => {
    let r = reports.get(id);
    if (!r) {
      r = getReport(db, id).then(async (report) => ({ report, xlsx: Buffer.from(await reportXlsx(report)) }));
      reports.set(id, r);
    }
    return r;
  };
  const results: DeliveryResult[] = [];
  for (const row of due) {
    const now = deps.clock();
    if (!(await claim(db, row, now))) continue;
    let error: string | null = configError;
    if (config && !error) {
      try {
        const { report, xlsx } = await rendered(row.report_id);
        const mail = reportMail(report);
        await send(config, {
          to: [row.recipient],
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: row.message_id,
          attachments: [{ filename: mail.attachmentName, content: xlsx, contentType: CONTENT_TYPES.xlsx }]
        });
      } catch (e) {
        error = errorMessage(e);
      }
    }
    const result = await recordOutcome(db, row, deps.clock(), error);
    results.push(result);
    if (result.status === 'sent') log(`mail: sent report ${row.report_id} to ${row.recipient}`);
    else log(`mail: report ${row.report_id} to ${row.recipient} failed (attempt ${row.attempts + 1}): ${error}; ${result.next_attempt_at ? `trying again at ${result.next_attempt_at}` : 'given up'}`);
  }
  return results;
}

export function outboxEntries(db: Database, limit = 100): Promise<OutboxEntry[]> {
  return db.query<OutboxEntry>('mail-outbox-list', { limit });
}

/** The server's minute tick for the outbox (app/server/jobs.ts): sends what is due; a tick finding the last one still sending skips. */
export function mailTick(log: (line: string) => void, smtpUrl: string | null, clock: () => Date = () => new Date(), setup?: ServerSetup): () => Promise<void> {
  let running = false;
  return async () => {
    if (running) return;
    running = true;
    try {
      const { db } = await jobContext(setup);
      await deliverDueMail({ db, smtpUrl, clock, log });
    } catch (e) {
      log(`mail: ${errorMessage(e)}`);
    } finally {
      running = false;
    }
  };
}
