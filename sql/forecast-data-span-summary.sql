-- forecast-data-span.sql's answer read from the call_slices summary (a slice starts on the quarter
-- hour of its calls' ENTERQUEUE, and every zone offset in use is a whole number of quarter hours, so
-- the local dates are the calls' own). Used only while the summary is current.
SELECT queue,
       strftime(min(timezone($tz, slice_ts)), '%Y-%m-%d') AS first_date,
       strftime(max(timezone($tz, slice_ts)), '%Y-%m-%d') AS last_date,
       CAST(sum(offered) AS INTEGER) AS calls
FROM call_slices
GROUP BY queue
HAVING sum(offered) > 0
ORDER BY queue;
