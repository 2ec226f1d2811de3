-- How long each limited kind of record is kept (migration 031); a kind without a row: forever.
SELECT kind, amount, unit, strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') AS updated_at, updated_by
FROM retention_settings
ORDER BY kind;
