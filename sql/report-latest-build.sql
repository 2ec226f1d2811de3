-- When a period's report was last built (null when never): the scheduler builds it only if not since $since.
SELECT strftime(max(built_at), '%Y-%m-%dT%H:%M:%S.%gZ') AS built_at,
       CAST(count(*) FILTER (WHERE built_at >= CAST($since AS TIMESTAMPTZ)) AS INTEGER) AS since
FROM reports WHERE kind = $kind AND period = $period;
