-- The admin's alert rules (migration 026): queue ('*' = every queue), kind, threshold.
SELECT queue, kind, threshold
FROM alert_rules
ORDER BY queue = '*' DESC, queue, kind;
