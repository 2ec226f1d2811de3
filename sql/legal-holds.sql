-- The legal holds in force (not removed), newest first.
SELECT id, scope, CAST(from_date AS VARCHAR) AS from_date, CAST(to_date AS VARCHAR) AS to_date, rep_id, caller, reason,
       created_by, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at
FROM legal_holds
WHERE removed_at IS NULL
ORDER BY id DESC;
