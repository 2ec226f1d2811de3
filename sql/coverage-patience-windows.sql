-- coverage-patience.sql's figures for several windows in one query (the staffing trend's months, each
-- with the patience of the weeks before its end): for each local date of the list $ends
-- (YYYY-MM-DD), the local dates from $days_before days before it to it ($tz, both inclusive), per queue.
-- The same calls and sums as coverage-patience.sql asked once per window
-- (analytics/trends/trends-staffing-history.test.ts holds them equal).
WITH windows AS (
  SELECT window_end,
         local_day_start($tz, window_end - CAST($days_before AS INTEGER)) AS start_ts,
         local_day_end($tz, window_end) AS end_ts
  FROM (SELECT DISTINCT CAST(unnest(CAST($ends AS VARCHAR[])) AS DATE) AS window_end)
)
SELECT strftime(w.window_end, '%Y-%m-%d') AS window_end,
       queue,
       CAST(count(*) AS INTEGER) AS offered,
       CAST(count(*) FILTER (outcome = 'abandoned') AS INTEGER) AS abandoned,
       COALESCE(sum(wait_s), 0) AS waited_s
FROM calls c
JOIN windows w ON c.enter_ts >= w.start_ts AND c.enter_ts < w.end_ts
WHERE c.direction = 'inbound' AND c.outcome IS NOT NULL AND c.wait_s BETWEEN 0 AND $max_wait_s -- (a day: implausible waits do not count)
GROUP BY w.window_end, queue
ORDER BY w.window_end, queue;
