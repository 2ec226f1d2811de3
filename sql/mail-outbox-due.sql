-- Outbox mails to try now: queued ones whose time has come, and ones a sender claimed long ago and never
-- finished (the process stopped mid-send), oldest first; with $report, that report's queued mails at once.
SELECT id, report_id, recipient, attempts, message_id, strftime(queued_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS queued_at
FROM mail_outbox
WHERE (status = 'queued' AND next_attempt_at <= $now::TIMESTAMPTZ)
   OR (status = 'sending' AND last_attempt_at <= $now::TIMESTAMPTZ - INTERVAL 10 MINUTE)
   OR (status = 'queued' AND report_id = $report) -- sent by hand: at once
ORDER BY queued_at, id
LIMIT $limit;
