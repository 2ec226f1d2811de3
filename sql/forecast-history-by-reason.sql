-- The forecast's history per reason group (issue 15.4): forecast-history.sql's rows (offered per local
-- date and interval of $interval_minutes, with the answered ones' handle time) with the reason group in
-- place of the queue: the call's code's group in the reason catalogue, 'Not in catalogue' for a code it
-- lacks, 'No reason' for a call without one, so the groups of an interval add up to its calls.
-- $queue: one queue's calls, or null for all. Same slicing, same rules as forecast-history.sql.
WITH slices AS (
  SELECT quarter_hour(slice_ts) AS q, time_bucket(to_minutes(CAST($interval_minutes AS INTEGER)), timezone($tz, slice_ts)) AS bucket
  FROM (SELECT unnest(generate_series(local_day_start($tz, $from),
                                      local_day_end($tz, $to) - INTERVAL 15 MINUTE,
                                      INTERVAL 15 MINUTE)) AS slice_ts)
),
-- Each quarter hour's calls summed per reason code first (a few rows per quarter hour), then given
-- their local interval and group: the per-call work is one pass over the calls, not a join per call.
coded AS (
  SELECT quarter_hour(c.enter_ts) AS q, cr.code,
         count(*) AS offered,
         count(*) FILTER (c.outcome = 'answered') AS answered,
         sum(CASE WHEN c.talk_s BETWEEN 0 AND 86400 THEN c.talk_s ELSE 0 END
             + CASE WHEN c.wrap_s BETWEEN 0 AND 86400 THEN c.wrap_s ELSE 0 END) FILTER (c.outcome = 'answered') AS handle_s
  FROM calls c
  LEFT JOIN call_reasons cr ON cr.file_id = c.file_id AND cr.line_no = c.line_no
  WHERE c.direction = 'inbound' AND c.outcome IS NOT NULL
    AND (CAST($queue AS VARCHAR) IS NULL OR c.queue = CAST($queue AS VARCHAR))
    AND c.enter_ts >= local_day_start($tz, $from)
    AND c.enter_ts < local_day_end($tz, $to)
  GROUP BY ALL
),
per_bucket AS (
  SELECT CASE WHEN x.code IS NULL THEN 'No reason' ELSE COALESCE(k.reason_group, 'Not in catalogue') END AS reason_group,
         s.bucket,
         CAST(sum(x.offered) AS INTEGER) AS offered,
         CAST(sum(x.answered) AS INTEGER) AS answered,
         COALESCE(sum(x.handle_s), 0) AS handle_s
  FROM coded x
  JOIN slices s ON s.q = x.q -- (migration 045: time_bucket's slice as a number)
  LEFT JOIN reason_catalogue k ON k.code = x.code
  GROUP BY ALL
)
SELECT reason_group AS queue,
       strftime(bucket, '%Y-%m-%d') AS date,
       CAST(hour(bucket) * 60 + minute(bucket) AS INTEGER) AS minute,
       offered, answered, handle_s
FROM per_bucket
ORDER BY queue, date, minute;
