-- What the alert log of local date $date ($tz) needs of each inbound visit (analytics/live/alert-log.ts):
-- when the caller started and stopped waiting, and when and how the visit counts in the day's service
-- level. Epoch seconds.
--   enter_s    ENTERQUEUE
--   leave_s    the answer (CONNECT), else the visit's end; NULL while still waiting (the sweep holds an
--              open visit at most $max_wait_s, as the live floor does: longer is a lost end)
--   closed_s   when the visit counts in the day's figures (its end event); NULL while open
--   within / counted   its share of the service level as the day's metrics judge it (judged_calls,
--              the queue's threshold, short-abandon and formula): numerator / denominator
-- Visits from up to $max_wait_s before the day are read too: their callers may still be waiting in it.
WITH judged AS (
  SELECT file_id, line_no, answered_within_sl, sl_denominator
  FROM judged_calls(local_day_start($tz, $date), local_day_end($tz, $date), NULL, NULL, NULL,
                    $default_sl_threshold_s, $default_short_abandon_s, $default_sl_formula)
)
SELECT c.queue,
       epoch(c.enter_ts) AS enter_s,
       epoch(CASE WHEN c.connect_ts IS NOT NULL THEN c.connect_ts WHEN c.outcome IS NOT NULL THEN COALESCE(c.end_ts, c.enter_ts) END) AS leave_s,
       epoch(CASE WHEN c.outcome IS NOT NULL THEN COALESCE(c.end_ts, c.connect_ts, c.enter_ts) END) AS closed_s,
       CAST(COALESCE(j.answered_within_sl, 0) AS INTEGER) AS within,
       CAST(COALESCE(j.sl_denominator, 0) AS INTEGER) AS counted
FROM calls c
LEFT JOIN judged j ON j.file_id = c.file_id AND j.line_no = c.line_no
WHERE c.direction = 'inbound'
  AND c.enter_ts >= local_day_start($tz, $date) - to_seconds(CAST($max_wait_s AS BIGINT))
  AND c.enter_ts < local_day_end($tz, $date)
ORDER BY c.enter_ts, c.file_id, c.line_no;
