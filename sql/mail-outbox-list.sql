-- The outbox as the Reports page shows it: what was sent, what failed and why, when it is tried next.
SELECT o.id, o.report_id, r.kind, r.period, r.version, o.recipient, o.status, o.attempts, o.last_error, o.queued_by,
       strftime(o.queued_at, '%Y-%m-%dT%H:%M:%SZ') AS queued_at,
       strftime(o.sent_at, '%Y-%m-%dT%H:%M:%SZ') AS sent_at,
       strftime(o.next_attempt_at, '%Y-%m-%dT%H:%M:%SZ') AS next_attempt_at,
       strftime(o.last_attempt_at, '%Y-%m-%dT%H:%M:%SZ') AS last_attempt_at
FROM mail_outbox o LEFT JOIN reports r ON r.id = o.report_id
ORDER BY o.queued_at DESC, o.id DESC
LIMIT $limit;
