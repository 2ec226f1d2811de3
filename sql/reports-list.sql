-- Stored reports, newest period first, every version (newest first), optionally of one kind and period.
SELECT id, kind, period, strftime(period_from, '%Y-%m-%d') AS "from", strftime(period_to, '%Y-%m-%d') AS "to",
       version, strftime(built_at, '%Y-%m-%dT%H:%M:%SZ') AS built_at, built_by, time_zone,
       version = max(version) OVER (PARTITION BY kind, period) AS latest
FROM reports
WHERE ($kind IS NULL OR kind = $kind) AND ($period IS NULL OR period = $period)
ORDER BY period_to DESC, CASE kind WHEN 'weekly' THEN 1 WHEN 'monthly' THEN 2 ELSE 3 END, period, version DESC
LIMIT $limit;
