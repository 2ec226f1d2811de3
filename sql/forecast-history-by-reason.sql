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
visits AS (
  SELECT CASE WHEN cr.code IS NULL THEN 'No reason' ELSE COALESCE(k.reason_group, 'Not in catalogue') END AS reason_group,
         c.outcome, c.talk_s, c.wrap_s, s.bucket
  FROM calls c
  JOIN slices s ON s.q = quarter_hour(c.enter_ts) -- (migration 045: time_bucket's slice as a number)
  LEFT JOIN call_reasons cr ON cr.file_id = c.file_id AND cr.line_no = c.line_no
  LEFT JOIN reason_catalogue k ON k.code = cr.code
  WHERE c.direction = 'inbound' AND c.outcome IS NOT NULL
    AND (CAST($queue AS VARCHAR) IS NULL OR c.queue = CAST($queue AS VARCHAR))
    AND c.enter_ts >= local_day_start($tz, $from)
    AND c.enter_ts < local_day_end($tz, $to)
),
-- (grouped by the bucket itself, then written out as date and minute: formatting 10M calls' buckets
-- before grouping them cost seconds at 10M calls)
per_bucket AS (
  SELECT reason_group, bucket,
         CAST(count(*) AS INTEGER) AS offered,
         CAST(count(*) FILTER (outcome = 'answered') AS INTEGER) AS answered,
         COALESCE(sum(CASE WHEN talk_s BETWEEN 0 AND 86400 THEN talk_s ELSE 0 END
                      + CASE WHEN wrap_s BETWEEN 0 AND 86400 THEN wrap_s ELSE 0 END) FILTER (outcome = 'answered'), 0) AS handle_s
  FROM visits
  GROUP BY reason_group, bucket
)
SELECT reason_group AS queue,
       strftime(bucket, '%Y-%m-%d') AS date,
       CAST(hour(bucket) * 60 + minute(bucket) AS INTEGER) AS minute,
       offered, answered, handle_s
FROM per_bucket
ORDER BY queue, date, minute;
