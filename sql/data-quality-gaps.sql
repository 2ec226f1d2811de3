-- Silent intervals: local intervals of $interval_minutes on the dates $from..$to ($tz, $to
-- inclusive) that lie wholly inside some queue's opening hours (queue_opening_hours), on a day it is
-- not marked closed (special_days), and hold no event at all (no queue_log event, no call from any
-- source): most likely a missing export.
-- Intervals that end after the newest event in the data are not judged (not loaded yet).
-- Intervals are built like call-metrics.sql's (15-minute slices of real time on local wall clock).
WITH bounds AS (
  SELECT local_day_start($tz, $from) AS start_ts,
         local_day_end($tz, $to) AS end_ts
),
data_end AS (
  SELECT greatest((SELECT max(ts) FROM queue_events),
                  (SELECT max(COALESCE(end_ts, connect_ts, enter_ts)) FROM calls)) AS ts
),
slices AS (
  SELECT slice_ts, slice_ts + INTERVAL 15 MINUTE AS slice_end,
         time_bucket(to_minutes(CAST($interval_minutes AS INTEGER)), timezone($tz, slice_ts)) AS bucket
  FROM (SELECT unnest(generate_series(start_ts, end_ts - INTERVAL 15 MINUTE, INTERVAL 15 MINUTE)) AS slice_ts FROM bounds)
),
events AS (
  SELECT time_bucket(INTERVAL 15 MINUTE, e.ts) AS slice_ts, count(*) AS n
  -- (the events' stored rows, migration 042: their times need no view)
  FROM queue_event_rows e, bounds b WHERE e.ts >= b.start_ts AND e.ts < b.end_ts GROUP BY 1
  UNION ALL
  SELECT time_bucket(INTERVAL 15 MINUTE, c.enter_ts), count(*)
  FROM calls c, bounds b WHERE c.enter_ts >= b.start_ts AND c.enter_ts < b.end_ts GROUP BY 1
),
buckets AS (
  SELECT s.bucket, max(s.slice_end) AS real_end, COALESCE(sum(e.n), 0) AS events
  FROM slices s LEFT JOIN events e ON e.slice_ts = s.slice_ts
  GROUP BY s.bucket
),
open_buckets AS (
  SELECT b.bucket, b.real_end, b.events, string_agg(DISTINCT h.queue, ', ' ORDER BY h.queue) AS queues_open
  FROM buckets b
  JOIN queue_opening_hours h
    ON h.weekday = isodow(b.bucket)
   AND h.open_minute <= hour(b.bucket) * 60 + minute(b.bucket)
   AND hour(b.bucket) * 60 + minute(b.bucket) + CAST($interval_minutes AS INTEGER) <= h.close_minute
  -- a day the scheduler marked closed (a holiday: coverage's special days) is silent on purpose
  WHERE NOT EXISTS (SELECT 1 FROM special_days d
                    WHERE d.kind = 'closed' AND d.date = CAST(b.bucket AS DATE) AND d.queue IN ('*', h.queue))
  GROUP BY ALL
)
SELECT strftime(o.bucket, '%Y-%m-%dT%H:%M:%S') AS period_start, o.queues_open
FROM open_buckets o, data_end d
WHERE o.events = 0 AND o.real_end <= d.ts
ORDER BY o.bucket;
