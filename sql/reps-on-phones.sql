-- The actual side of coverage: per local interval of $interval_minutes on the dates $from..$to
-- ($tz, $to inclusive), how many reps were on the phones.
--
-- A rep (roster person, else interface; see rep-activity.sql) is available while logged in to at
-- least one queue and not paused. They count as on the phones in an interval when available for
-- MORE than half of its real seconds (so two reps each covering half an interval do not make one
-- rep, and nobody counts twice). staffed_reps = available rep-seconds / interval seconds is the
-- fractional average, comparable with an Erlang requirement.
-- Intervals are built like call-metrics.sql's: 15-minute slices of real time mapped to local wall
-- clock, so the repeated hour when clocks fall back is one interval of twice the seconds.
-- Open states run to the newest event in the data.
WITH bounds AS (
  SELECT timezone($tz, CAST(CAST($from AS DATE) AS TIMESTAMP)) AS start_ts,
         timezone($tz, CAST(CAST($to AS DATE) + 1 AS TIMESTAMP)) AS end_ts
),
data_end AS (
  SELECT greatest((SELECT max(ts) FROM queue_events),
                  (SELECT max(COALESCE(end_ts, connect_ts, enter_ts)) FROM calls),
                  (SELECT max(COALESCE(end_ts, start_ts)) FROM rep_states)) AS ts
),
slices AS (
  SELECT slice_ts, slice_ts + INTERVAL 15 MINUTE AS slice_end,
         time_bucket(to_minutes(CAST($interval_minutes AS INTEGER)), timezone($tz, slice_ts)) AS bucket
  FROM (SELECT unnest(generate_series(start_ts, end_ts - INTERVAL 15 MINUTE, INTERVAL 15 MINUTE)) AS slice_ts FROM bounds)
),
states AS (
  SELECT COALESCE(p.rep_id, rep_id_of(s.agent)) AS rep_key, s.state,
         greatest(s.start_ts, b.start_ts) AS s_ts,
         least(COALESCE(s.end_ts, d.ts), b.end_ts) AS e_ts
  FROM rep_states s
  CROSS JOIN bounds b
  CROSS JOIN data_end d
  LEFT JOIN roster p ON p.interface = s.agent
  WHERE s.start_ts < b.end_ts AND COALESCE(s.end_ts, d.ts) > b.start_ts
),
ordered AS (
  SELECT *, max(e_ts) OVER (PARTITION BY rep_key, state ORDER BY s_ts, e_ts
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
  FROM states WHERE e_ts > s_ts
),
islands AS (
  SELECT *, sum(CASE WHEN prev_end IS NULL OR s_ts > prev_end THEN 1 ELSE 0 END)
              OVER (PARTITION BY rep_key, state ORDER BY s_ts, e_ts ROWS UNBOUNDED PRECEDING) AS island
  FROM ordered
),
merged AS (
  SELECT rep_key, state, min(s_ts) AS s_ts, max(e_ts) AS e_ts FROM islands GROUP BY rep_key, state, island
),
-- Logged-in spans count +1, their paused parts −1: summed over a slice, the available seconds.
signed AS (
  SELECT rep_key, s_ts, e_ts, 1 AS sign FROM merged WHERE state = 'logged_in'
  UNION ALL
  SELECT l.rep_key, greatest(l.s_ts, p.s_ts), least(l.e_ts, p.e_ts), -1
  FROM merged l
  JOIN merged p ON p.rep_key = l.rep_key AND p.state = 'paused' AND p.s_ts < l.e_ts AND p.e_ts > l.s_ts
  WHERE l.state = 'logged_in'
),
per_rep AS (
  SELECT sl.bucket, s.rep_key,
         sum(s.sign * (epoch(least(s.e_ts, sl.slice_end)) - epoch(greatest(s.s_ts, sl.slice_ts)))) AS available_s
  FROM signed s
  JOIN slices sl ON sl.slice_ts < s.e_ts AND sl.slice_end > s.s_ts
  GROUP BY sl.bucket, s.rep_key
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
