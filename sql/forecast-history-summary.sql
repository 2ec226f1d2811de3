-- forecast-history.sql's answer read from the call_slices summary (sql/migrations/008-call-slices.sql)
-- instead of every call: the same rows (offered, answered and the answered calls' handle time per
-- queue, local date and interval of $interval_minutes on the local dates $from..$to in $tz), from a
-- few rows per quarter hour. Used only while the summary is current (analytics/forecast/history.ts);
-- it also keeps the history that records retention purged from calls.
WITH slices AS (
  SELECT slice_ts, time_bucket(to_minutes(CAST($interval_minutes AS INTEGER)), timezone($tz, slice_ts)) AS bucket
  FROM (SELECT unnest(generate_series(local_day_start($tz, $from),
                                      local_day_end($tz, $to) - INTERVAL 15 MINUTE,
                                      INTERVAL 15 MINUTE)) AS slice_ts)
)
SELECT cs.queue,
       strftime(s.bucket, '%Y-%m-%d') AS date,
       CAST(hour(s.bucket) * 60 + minute(s.bucket) AS INTEGER) AS minute,
       CAST(sum(cs.offered) AS INTEGER) AS offered,
       CAST(sum(cs.answered) AS INTEGER) AS answered,
       COALESCE(sum(cs.handle_sum), 0) AS handle_s
FROM call_slices cs
JOIN slices s ON s.slice_ts = cs.slice_ts
WHERE cs.slice_ts >= local_day_start($tz, $from)
  AND cs.slice_ts < local_day_end($tz, $to)
GROUP BY ALL
HAVING sum(cs.offered) > 0
ORDER BY queue, date, minute;
