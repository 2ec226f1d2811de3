-- Repeat callers as repeat-callers.sql counts them (same parameters, same rows), from call_facts
-- (migrations/011-call-facts.sql): an answered call is a repeat when its number's latest earlier
-- inbound call under another callid entered within $window_s before it. Read only while call_facts
-- is current and $window_s is within what it answers for (analytics/call-facts.ts).
WITH answered AS (
  SELECT c.queue, c.agent, c.enter_ts, f.prev_call_ts
  FROM calls c
  JOIN call_facts f ON f.file_id = c.file_id AND f.line_no = c.line_no
  WHERE c.direction = 'inbound' AND c.outcome = 'answered' AND c.caller IS NOT NULL AND f.number_key IS NOT NULL
    AND (CAST($queue AS VARCHAR) IS NULL OR c.queue = CAST($queue AS VARCHAR))
    AND c.enter_ts >= timezone($tz, CAST(CAST($from AS DATE) AS TIMESTAMP))
    AND c.enter_ts < timezone($tz, CAST(CAST($to AS DATE) + 1 AS TIMESTAMP))
    AND f.enter_ts >= timezone($tz, CAST(CAST($from AS DATE) AS TIMESTAMP))
    AND f.enter_ts < timezone($tz, CAST(CAST($to AS DATE) + 1 AS TIMESTAMP))
),
flagged AS (
  SELECT p.period, a.queue, a.agent,
         COALESCE(a.prev_call_ts >= a.enter_ts - to_seconds(CAST($window_s AS DOUBLE)), false) AS is_repeat
  FROM answered a
  JOIN period_slices($from, $to, $by, $tz) p ON p.slice_ts = time_bucket(INTERVAL 15 MINUTE, a.enter_ts)
)
SELECT strftime(f.period, '%Y-%m-%d') AS period_start,
       CASE WHEN grouping(f.queue) = 0 THEN 'queue' WHEN grouping(f.agent) = 0 THEN 'rep' ELSE 'total' END AS level,
       f.queue, f.agent AS rep_interface, any_value(r.name) AS rep_name, COALESCE(any_value(r.rep_id), rep_id_of(f.agent)) AS rep_id,
       CAST(count(*) AS INTEGER) AS answered,
       CAST(count(*) FILTER (WHERE f.is_repeat) AS INTEGER) AS repeat_calls,
       count(*) FILTER (WHERE f.is_repeat) / count(*) AS repeat_rate
FROM flagged f
LEFT JOIN roster r ON r.interface = f.agent
GROUP BY GROUPING SETS ((f.period), (f.period, f.queue), (f.period, f.agent))
ORDER BY f.period, f.queue NULLS FIRST, f.agent NULLS FIRST;
