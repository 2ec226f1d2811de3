-- The actual side of coverage: per local interval of $interval_minutes on the dates $from..$to
-- ($tz, $to inclusive), how many reps were on the phones.
--
-- A rep (roster person, else interface) is available while logged in to at least one queue and not
-- paused; a state no log-off closed ends by the rule of migrations/018-rep-state-ends.sql (a maximum
-- shift in the file still being written, else the member's last activity in its file, or a
-- QUEUESTART), and nobody is on the phones in a slice where every queue was closed and they had no
-- activity (rep_available_slices, migrations 009 and 018). They count as on the phones in an interval when available for
-- MORE than half of its real seconds (so two reps each covering half an interval do not make one
-- rep, and nobody counts twice). staffed_reps = available rep-seconds / interval seconds is the
-- fractional average, comparable with an Erlang requirement.
-- Intervals are built like call-metrics.sql's: 15-minute slices of real time mapped to local wall
-- clock, so the repeated hour when clocks fall back is one interval of twice the seconds.
WITH bounds AS (
  SELECT local_day_start($tz, $from) AS start_ts,
         local_day_end($tz, $to) AS end_ts
),
-- Every slice, so that an interval nobody worked still has its row.
slices AS (
  SELECT slice_ts, time_bucket(to_minutes(CAST($interval_minutes AS INTEGER)), timezone($tz, slice_ts)) AS bucket
  FROM (SELECT unnest(generate_series(start_ts, end_ts - INTERVAL 15 MINUTE, INTERVAL 15 MINUTE)) AS slice_ts FROM bounds)
),
per_rep AS (
  SELECT sl.bucket, a.rep_key, sum(a.available_s) AS available_s
  FROM rep_available_slices(local_day_start($tz, $from), local_day_end($tz, $to), $tz) a
  JOIN slices sl ON sl.slice_ts = a.slice_ts
  GROUP BY sl.bucket, a.rep_key
),
buckets AS (
  SELECT bucket, count(*) * 900 AS interval_s FROM slices GROUP BY bucket
)
SELECT strftime(b.bucket, '%Y-%m-%dT%H:%M:%S') AS period_start,
       CAST(b.interval_s AS INTEGER) AS interval_s,
       CAST(count(r.rep_key) FILTER (WHERE r.available_s > b.interval_s / 2) AS INTEGER) AS reps_on_phones,
       COALESCE(sum(r.available_s), 0) AS available_rep_s,
       COALESCE(sum(r.available_s), 0) / b.interval_s AS staffed_reps
FROM buckets b
LEFT JOIN per_rep r ON r.bucket = b.bucket
GROUP BY b.bucket, b.interval_s
ORDER BY b.bucket;
