-- The admin's alert rules (migration 026): queue ('*' = every queue), kind, threshold.
SELECT queue, kind, threshold
FROM alert_rules
ORDER BY queue = '*' DESC, queue,
         list_position(['longest_wait', 'waiting', 'nobody_available', 'service_level'], kind);
