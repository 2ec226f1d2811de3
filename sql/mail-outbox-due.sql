-- Outbox mails to try now: queued ones whose time has come, and ones a sender claimed long ago and never
-- finished (the process stopped mid-send), oldest first. With $report (a mail sent by hand): that
-- report's queued mails at once, and nothing else.
SELECT id, report_id, recipient, attempts, message_id, strftime(queued_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS queued_at
FROM mail_outbox
WHERE CASE WHEN $report IS NULL
        THEN (status = 'queued' AND next_attempt_at <= $now::TIMESTAMPTZ)
          OR (status = 'sending' AND last_attempt_at <= $now::TIMESTAMPTZ - INTERVAL 10 MINUTE)
        ELSE status = 'queued' AND report_id = $report
      END
ORDER BY queued_at, id
LIMIT $limit;
