-- Which inbound queues the center has and the local dates its calls span ($tz): the forecast trains
-- on the days before the last one (which may still be going on).
SELECT queue,
       strftime(min(timezone($tz, enter_ts)), '%Y-%m-%d') AS first_date,
       strftime(max(timezone($tz, enter_ts)), '%Y-%m-%d') AS last_date,
       CAST(count(*) AS INTEGER) AS calls
FROM calls
WHERE direction = 'inbound' AND outcome IS NOT NULL
GROUP BY queue
ORDER BY queue;
