-- How far each kind of record has been purged: its records before before_date are gone (but those under a hold).
SELECT kind, CAST(before_date AS VARCHAR) AS before_date, strftime(purged_at, '%Y-%m-%dT%H:%M:%SZ') AS purged_at
FROM retention_purged
ORDER BY kind;
