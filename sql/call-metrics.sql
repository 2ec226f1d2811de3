-- Call metrics (../shared/CONTRACT.md, "Metric rows" and "Definitions") per period bucket and group.
--
-- $from, $to   local dates (YYYY-MM-DD), $to inclusive, cut in time zone $tz: whole local days,
--              so the days clocks change on have 23 or 25 hours.
-- $by          interval | day | week (ISO, Monday) | month | quarter | total
-- $interval_minutes  15 | 30 | 60 (for $by = 'interval')
-- $group       none | queue | rep (the member interface that answered; unanswered calls: null)
-- $queue       one queue, or null for all
-- $sl_threshold_s, $short_abandon_s, $sl_formula: query overrides (null = each queue's setting,
--              then $default_*).
--
-- A visit belongs to the bucket of its ENTERQUEUE time; open visits (outcome null) and outbound
-- calls count in nothing. Buckets come from a spine of 15-minute slices of real time mapped to
-- local wall clock (every zone offset in use is a whole number of quarter hours), so a bucket that
-- does not exist locally (02:00 when clocks spring forward) never appears, and the repeated hour
-- when they fall back is one bucket holding both passes. Grouped by none or queue, every bucket of
-- the range has a row (zeros and nulls where nothing happened); by rep, only buckets with data.
WITH bounds AS (
  SELECT timezone($tz, CAST(CAST($from AS DATE) AS TIMESTAMP)) AS start_ts,
         timezone($tz, CAST(CAST($to AS DATE) + 1 AS TIMESTAMP)) AS end_ts
),
slices AS (
  SELECT slice_ts, timezone($tz, slice_ts) AS local_ts
  FROM (SELECT unnest(generate_series(start_ts, end_ts - INTERVAL 15 MINUTE, INTERVAL 15 MINUTE)) AS slice_ts FROM bounds)
),
slice_buckets AS (
  SELECT slice_ts,
         CASE $by
           WHEN 'interval' THEN time_bucket(to_minutes(CAST($interval_minutes AS INTEGER)), local_ts)
           WHEN 'day' THEN date_trunc('day', local_ts)
           WHEN 'week' THEN date_trunc('week', local_ts)
           WHEN 'month' THEN date_trunc('month', local_ts)
           WHEN 'quarter' THEN date_trunc('quarter', local_ts)
           WHEN 'total' THEN CAST(CAST($from AS DATE) AS TIMESTAMP)
         END AS bucket
  FROM slices
),
visits AS (
  SELECT c.file_id, c.line_no, c.queue, c.agent, c.outcome, c.wait_s, c.talk_s, c.wrap_s,
         c.ring_no_answer, c.transferred, sb.bucket,
         CASE $group WHEN 'queue' THEN c.queue WHEN 'rep' THEN c.agent END AS group_key,
         COALESCE(CAST($sl_threshold_s AS DOUBLE), s.sl_threshold_s, CAST($default_sl_threshold_s AS DOUBLE)) AS sl_threshold_s,
         COALESCE(CAST($short_abandon_s AS DOUBLE), s.short_abandon_s, CAST($default_short_abandon_s AS DOUBLE)) AS short_abandon_s,
         COALESCE(CAST($sl_formula AS VARCHAR), s.sl_formula, CAST($default_sl_formula AS VARCHAR)) AS sl_formula
  FROM calls c
  CROSS JOIN bounds b
  JOIN slice_buckets sb ON sb.slice_ts = time_bucket(INTERVAL 15 MINUTE, c.enter_ts)
  LEFT JOIN queue_settings s ON s.queue = c.queue
  WHERE c.direction = 'inbound'
    AND c.outcome IS NOT NULL
    AND c.enter_ts >= b.start_ts AND c.enter_ts < b.end_ts
    AND (CAST($queue AS VARCHAR) IS NULL OR c.queue = CAST($queue AS VARCHAR))
),
judged AS (
  SELECT *,
         outcome = 'answered' AS is_answered,
         outcome = 'abandoned' AS is_abandoned,
         outcome = 'timed_out' AS is_timed_out,
         COALESCE(outcome = 'abandoned' AND wait_s < short_abandon_s, false) AS is_short,
         COALESCE(outcome = 'answered' AND wait_s <= sl_threshold_s, false) AS is_within_sl
  FROM visits
),
counted AS (
  SELECT bucket, group_key,
         count(*) AS offered,
         count(*) FILTER (is_answered) AS answered,
         count(*) FILTER (is_abandoned) AS abandoned,
         count(*) FILTER (is_short) AS short_abandoned,
         count(*) FILTER (is_timed_out) AS timed_out,
         count(*) FILTER (is_within_sl) AS answered_within_sl,
         -- Each call's own queue formula decides whether it is in the service-level denominator.
         count(*) FILTER (CASE sl_formula
                            WHEN 'offered' THEN NOT is_short
                            WHEN 'icmi' THEN is_answered OR (COALESCE(is_abandoned OR is_timed_out, false)
                                                              AND COALESCE(wait_s > sl_threshold_s, false))
                            WHEN 'answered' THEN is_answered
                          END) AS sl_denominator,
         avg(wait_s) FILTER (is_answered) AS asa_s,
         avg(talk_s + COALESCE(wrap_s, 0)) FILTER (is_answered) AS aht_s,
         avg(wait_s) FILTER (is_abandoned) AS avg_abandon_wait_s,
         max(wait_s) AS max_wait_s,
         sum(ring_no_answer) AS ring_no_answer,
         count(*) FILTER (is_answered AND transferred) AS transferred
  FROM judged
  GROUP BY bucket, group_key
),
rep_rings AS (
  -- By rep, ring-no-answers are the ringing rep's own, not the answering rep's.
  SELECT v.bucket, r.agent AS group_key, count(*) AS ring_no_answer
  FROM ring_attempts r
  JOIN visits v ON v.file_id = r.call_file_id AND v.line_no = r.call_line_no
  WHERE $group = 'rep' AND r.result = 'no_answer'
  GROUP BY ALL
),
fixed_groups AS (
  SELECT CAST(NULL AS VARCHAR) AS group_key WHERE $group = 'none'
  UNION SELECT DISTINCT queue FROM visits WHERE $group = 'queue'
  UNION SELECT CAST($queue AS VARCHAR) WHERE $group = 'queue' AND CAST($queue AS VARCHAR) IS NOT NULL
),
grid AS (
  SELECT DISTINCT sb.bucket, g.group_key FROM slice_buckets sb CROSS JOIN fixed_groups g
  UNION SELECT bucket, group_key FROM counted
  UNION SELECT bucket, group_key FROM rep_rings
)
SELECT CASE WHEN $by = 'interval' THEN strftime(g.bucket, '%Y-%m-%dT%H:%M:%S')
            ELSE strftime(g.bucket, '%Y-%m-%d') END AS period_start,
       g.group_key,
       r.name AS rep_name,
       CAST(COALESCE(c.offered, 0) AS INTEGER) AS offered,
       CAST(COALESCE(c.answered, 0) AS INTEGER) AS answered,
       CAST(COALESCE(c.abandoned, 0) AS INTEGER) AS abandoned,
       CAST(COALESCE(c.short_abandoned, 0) AS INTEGER) AS short_abandoned,
       CAST(COALESCE(c.timed_out, 0) AS INTEGER) AS timed_out,
       CAST(COALESCE(c.abandoned - c.short_abandoned + c.timed_out, 0) AS INTEGER) AS lost,
       (c.abandoned - c.short_abandoned + c.timed_out) / nullif(c.offered - c.short_abandoned, 0) AS lost_rate,
       CAST(COALESCE(c.answered_within_sl, 0) AS INTEGER) AS answered_within_sl,
       c.answered_within_sl / nullif(c.sl_denominator, 0) AS service_level,
       c.asa_s,
       c.aht_s,
       c.avg_abandon_wait_s,
       c.max_wait_s,
       CAST(CASE WHEN $group = 'rep' THEN COALESCE(rr.ring_no_answer, 0) ELSE COALESCE(c.ring_no_answer, 0) END AS INTEGER)
         AS ring_no_answer,
       CAST(COALESCE(c.transferred, 0) AS INTEGER) AS transferred
FROM grid g
LEFT JOIN counted c ON c.bucket = g.bucket AND c.group_key IS NOT DISTINCT FROM g.group_key
LEFT JOIN rep_rings rr ON rr.bucket = g.bucket AND rr.group_key IS NOT DISTINCT FROM g.group_key
LEFT JOIN roster r ON $group = 'rep' AND r.interface = g.group_key
ORDER BY g.bucket, g.group_key NULLS LAST;
