-- Repeat callers (a first-contact-resolution proxy): answered inbound visits entering on the local
-- dates $from..$to ($tz, $to inclusive) whose caller had already called within the $window_s
-- seconds before (any inbound visit, any outcome, of another call: a call's own earlier visit in
-- another queue is not a repeat). Counted per period ($by: total = the whole range, labelled $from;
-- week (ISO, Monday), month or quarter, labelled by its first day, as call-metrics.sql labels them),
-- in total, per queue, per rep (the answering member interface, named by the roster) and per reason
-- group of the answered call (call_reasons and the catalogue, as call-metrics.sql groups them: a code
-- the catalogue lacks is 'Not in catalogue', a call without a reason null). The
-- look-back reaches across period edges and before $from, so each period counts as a range of its
-- own dates would. Numbers match as in lost-call follow-up (number_key_of, migrations/010-trend-macros.sql).
-- $from_facts: each call's flag from call_facts instead (the same rows), while they are current and
-- cover $window_s (analytics/call-facts.ts); the matching branch then reads an empty range.
WITH inbound AS (
  SELECT c.file_id, c.line_no, c.callid, c.queue, c.agent, c.outcome, c.enter_ts, c.caller
  FROM calls c
  WHERE c.direction = 'inbound' AND c.caller IS NOT NULL
    AND c.enter_ts >= local_day_start($tz, $from) - to_seconds(CAST($window_s AS DOUBLE))
    -- with $from_facts call_facts answers and the calls are not matched here (an empty range)
    AND c.enter_ts < CASE WHEN CAST($from_facts AS BOOLEAN) THEN local_day_start($tz, $from)
                          ELSE local_day_end($tz, $to) END
),
-- Keyed once per distinct caller (the key's regular expressions are the cost), and numbered so that
-- the joins below match integers. (The key is filtered after the numbering: filtered before, it would
-- be worked out for every call rather than every caller.)
numbers AS MATERIALIZED (
  SELECT caller, number_key, dense_rank() OVER (ORDER BY number_key) AS number_id
  FROM (SELECT caller, number_key_of(caller) AS number_key FROM (SELECT DISTINCT caller FROM inbound))
),
keyed AS (
  SELECT i.*, n.number_id, window_bucket(i.enter_ts, $window_s) AS bucket
  FROM inbound i JOIN numbers n ON n.caller = i.caller
  WHERE n.number_key IS NOT NULL
),
-- An earlier call within the window is in the answered call's stretch of time or the one before
-- (window_bucket): a call meets only its number's calls near it in time.
answered AS (
  SELECT * FROM keyed
  WHERE outcome = 'answered' AND (CAST($queue AS VARCHAR) IS NULL OR queue = CAST($queue AS VARCHAR))
),
repeats AS (
  SELECT DISTINCT a.file_id, a.line_no
  FROM (SELECT file_id, line_no, number_id, callid, enter_ts, unnest([bucket - 1, bucket]) AS bucket FROM answered) a
  JOIN keyed e
    ON e.number_id = a.number_id AND e.bucket = a.bucket AND e.callid <> a.callid
   AND e.enter_ts < a.enter_ts AND e.enter_ts >= a.enter_ts - to_seconds(CAST($window_s AS DOUBLE))
),
-- The same flag from call_facts (011): the number's latest earlier inbound call under another
-- callid entered within $window_s before.
answered_from_facts AS (
  SELECT c.file_id, c.line_no, c.queue, c.agent, c.enter_ts,
         COALESCE(f.prev_call_ts >= c.enter_ts - to_seconds(CAST($window_s AS DOUBLE)), false) AS is_repeat
  FROM calls c
  JOIN call_facts f ON f.file_id = c.file_id AND f.line_no = c.line_no
  WHERE c.direction = 'inbound' AND c.outcome = 'answered' AND c.caller IS NOT NULL AND f.number_key IS NOT NULL
    AND (CAST($queue AS VARCHAR) IS NULL OR c.queue = CAST($queue AS VARCHAR))
    AND c.enter_ts >= local_day_start($tz, $from)
    AND c.enter_ts < CASE WHEN CAST($from_facts AS BOOLEAN) THEN local_day_end($tz, $to) ELSE local_day_start($tz, $from) END
    AND f.enter_ts >= local_day_start($tz, $from)
    AND f.enter_ts < CASE WHEN CAST($from_facts AS BOOLEAN) THEN local_day_end($tz, $to) ELSE local_day_start($tz, $from) END
),
flagged AS (
  SELECT p.period, a.queue, a.agent, a.is_repeat,
         CASE WHEN cr.code IS NOT NULL THEN COALESCE(k.reason_group, 'Not in catalogue') END AS reason_group
  FROM (SELECT a.file_id, a.line_no, a.queue, a.agent, a.enter_ts, r.file_id IS NOT NULL AS is_repeat
        FROM answered a LEFT JOIN repeats r ON r.file_id = a.file_id AND r.line_no = a.line_no
        UNION ALL
        SELECT file_id, line_no, queue, agent, enter_ts, is_repeat FROM answered_from_facts) a
  JOIN period_slices($from, $to, $by, $tz) p ON p.slice_ts = time_bucket(INTERVAL 15 MINUTE, a.enter_ts)
  LEFT JOIN call_reasons cr ON cr.file_id = a.file_id AND cr.line_no = a.line_no
  LEFT JOIN reason_catalogue k ON k.code = cr.code
)
SELECT strftime(f.period, '%Y-%m-%d') AS period_start,
       CASE WHEN grouping(f.queue) = 0 THEN 'queue' WHEN grouping(f.agent) = 0 THEN 'rep'
            WHEN grouping(f.reason_group) = 0 THEN 'reason_group' ELSE 'total' END AS level,
       f.queue, f.reason_group, f.agent AS rep_interface, any_value(r.name) AS rep_name, COALESCE(any_value(r.rep_id), rep_id_of(f.agent)) AS rep_id,
       CAST(count(*) AS INTEGER) AS answered,
       CAST(count(*) FILTER (WHERE f.is_repeat) AS INTEGER) AS repeat_calls,
       count(*) FILTER (WHERE f.is_repeat) / count(*) AS repeat_rate
FROM flagged f
LEFT JOIN roster r ON r.interface = f.agent
GROUP BY GROUPING SETS ((f.period), (f.period, f.queue), (f.period, f.agent), (f.period, f.reason_group))
ORDER BY f.period, level, f.queue NULLS FIRST, f.agent NULLS FIRST, f.reason_group NULLS LAST;
