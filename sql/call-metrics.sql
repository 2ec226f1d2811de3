-- Call metrics (docs/definitions.md) per period bucket and group.
--
-- $from, $to   local dates (YYYY-MM-DD), $to inclusive, cut in time zone $tz: whole local days,
--              so the days clocks change on have 23 or 25 hours.
-- $by          interval | day | week (ISO, Monday) | month | quarter | total
-- $interval_minutes  15 | 30 | 60 (for $by = 'interval')
-- $group       none | queue | rep (the member interface that answered; unanswered calls: null)
--              | reason (the call's reason code, sql/refresh-call-reasons.sql; calls without one: null)
--              | reason_group (the code's catalogue group; a code the catalogue lacks: 'Not in catalogue';
--                calls without a reason: null), so the groups' rows add up to the totals
-- $queue       one queue, or null for all
-- $reason      one reason code, or null for all
-- $sl_threshold_s, $short_abandon_s, $sl_formula: query overrides (null = each queue's setting,
--              then $default_*).
-- $use_slices  read the call_slices summary instead of the calls (analytics/metrics.ts: slicesFor).
--
-- A visit belongs to the bucket of its ENTERQUEUE time; open visits (outcome null) and outbound
-- calls count in nothing. Buckets come from a spine of 15-minute slices of real time mapped to
-- local wall clock (every zone offset in use is a whole number of quarter hours), so a bucket that
-- does not exist locally (02:00 when clocks spring forward) never appears, and the repeated hour
-- when they fall back is one bucket holding both passes. Grouped by none or queue, every bucket of
-- the range has a row (zeros and nulls where nothing happened); by rep or reason (group), only buckets with data.
WITH bounds AS (
  SELECT local_day_start($tz, $from) AS start_ts,
         local_day_end($tz, $to) AS end_ts
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
-- One row per call in the range, as the partial figures it adds (the macro judged_calls,
-- sql/migrations/008-call-slices.sql, is the one definition of how a call counts). When $use_slices
-- (the call_slices summary is current, and nothing asks for other settings or for reps:
-- analytics/metrics.ts), the range of calls read is empty and the summary's slices stand in.
judged AS (
  SELECT *, CASE $group WHEN 'queue' THEN queue WHEN 'rep' THEN agent WHEN 'reason' THEN reason
                        WHEN 'reason_group' THEN CASE WHEN reason IS NOT NULL THEN COALESCE(
                          (SELECT k.reason_group FROM reason_catalogue k WHERE k.code = reason), 'Not in catalogue') END
            END AS group_key
  FROM judged_calls(
         local_day_start($tz, $from),
         CASE WHEN CAST($use_slices AS BOOLEAN) THEN local_day_start($tz, $from)
              ELSE local_day_end($tz, $to) END,
         $sl_threshold_s, $short_abandon_s, $sl_formula,
         $default_sl_threshold_s, $default_short_abandon_s, $default_sl_formula)
  WHERE (CAST($queue AS VARCHAR) IS NULL OR queue = CAST($queue AS VARCHAR))
    AND (CAST($reason AS VARCHAR) IS NULL OR reason = CAST($reason AS VARCHAR))
),
partials AS (
  SELECT slice_ts, group_key, offered, answered, abandoned, short_abandoned, timed_out, blocked, answered_within_sl,
         sl_denominator, answered_wait_sum, answered_wait_n, handle_sum, handle_n, abandon_wait_sum, abandon_wait_n,
         max_wait_s, ring_no_answer, transferred
  FROM judged
  UNION ALL
  SELECT slice_ts, CASE $group WHEN 'queue' THEN queue END, offered, answered, abandoned, short_abandoned, timed_out,
         COALESCE(blocked, 0), answered_within_sl, sl_denominator, answered_wait_sum, answered_wait_n, handle_sum, handle_n, abandon_wait_sum,
         abandon_wait_n, max_wait_s, ring_no_answer, transferred
  FROM call_slices
  WHERE CAST($use_slices AS BOOLEAN)
    AND slice_ts >= local_day_start($tz, $from)
    AND slice_ts < local_day_end($tz, $to)
    AND (CAST($queue AS VARCHAR) IS NULL OR queue = CAST($queue AS VARCHAR))
),
counted AS (
  SELECT sb.bucket, p.group_key,
         sum(offered) AS offered,
         sum(answered) AS answered,
         sum(abandoned) AS abandoned,
         sum(short_abandoned) AS short_abandoned,
         sum(timed_out) AS timed_out,
         sum(blocked) AS blocked,
         sum(answered_within_sl) AS answered_within_sl,
         sum(sl_denominator) AS sl_denominator,
         sum(answered_wait_sum) / nullif(sum(answered_wait_n), 0) AS asa_s,
         sum(handle_sum) / nullif(sum(handle_n), 0) AS aht_s,
         sum(abandon_wait_sum) / nullif(sum(abandon_wait_n), 0) AS avg_abandon_wait_s,
         max(max_wait_s) AS max_wait_s,
         sum(ring_no_answer) AS ring_no_answer,
         sum(transferred) AS transferred
  FROM partials p
  JOIN slice_buckets sb USING (slice_ts)
  GROUP BY sb.bucket, p.group_key
),
rep_rings AS (
  -- By rep, ring-no-answers are the ringing rep's own, not the answering rep's.
  SELECT sb.bucket, r.agent AS group_key, count(*) AS ring_no_answer
  FROM ring_attempts r
  JOIN judged j ON j.file_id = r.call_file_id AND j.line_no = r.call_line_no
  JOIN slice_buckets sb ON sb.slice_ts = j.slice_ts
  WHERE $group = 'rep' AND r.result = 'no_answer'
  GROUP BY ALL
),
fixed_groups AS (
  SELECT CAST(NULL AS VARCHAR) AS group_key WHERE $group = 'none'
  UNION SELECT DISTINCT group_key FROM counted WHERE $group = 'queue'
  UNION SELECT CAST($queue AS VARCHAR) WHERE $group = 'queue' AND CAST($queue AS VARCHAR) IS NOT NULL
),
bucket_ends AS (
  SELECT bucket, max(slice_ts) + INTERVAL 15 MINUTE AS end_ts FROM slice_buckets GROUP BY bucket
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
       -- A reason's name and group as the catalogue had them when the period ended (migration 035).
       CASE WHEN $group = 'reason' THEN reason_entry_at(g.group_key, be.end_ts).name END AS reason_name,
       CASE WHEN $group = 'reason' THEN reason_entry_at(g.group_key, be.end_ts).reason_group END AS reason_group,
       CAST(COALESCE(c.offered, 0) AS INTEGER) AS offered,
       CAST(COALESCE(c.answered, 0) AS INTEGER) AS answered,
       CAST(COALESCE(c.abandoned, 0) AS INTEGER) AS abandoned,
       CAST(COALESCE(c.short_abandoned, 0) AS INTEGER) AS short_abandoned,
       CAST(COALESCE(c.timed_out, 0) AS INTEGER) AS timed_out,
       CAST(COALESCE(c.blocked, 0) AS INTEGER) AS blocked,
       CAST(COALESCE(c.abandoned - c.short_abandoned + c.timed_out + c.blocked, 0) AS INTEGER) AS lost,
       (c.abandoned - c.short_abandoned + c.timed_out + c.blocked) / nullif(c.offered - c.short_abandoned, 0) AS lost_rate,
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
LEFT JOIN bucket_ends be ON $group = 'reason' AND be.bucket = g.bucket
ORDER BY g.bucket, g.group_key NULLS LAST;
