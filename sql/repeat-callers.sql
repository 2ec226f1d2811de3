-- Repeat callers (a first-contact-resolution proxy): answered inbound visits entering on the local
-- dates $from..$to ($tz, $to inclusive) whose caller had already called within the $window_s
-- seconds before (any inbound visit, any outcome, of another call: a call's own earlier visit in
-- another queue is not a repeat). Counted per period ($by: total = the whole range, labelled $from;
-- week (ISO, Monday), month or quarter, labelled by its first day, as call-metrics.sql labels them),
-- in total, per queue and per rep (the answering member interface, named by the roster). The
-- look-back reaches across period edges and before $from, so each period counts as a range of its
-- own dates would. Numbers match as in lost-call-follow-up.sql (last 10 digits).
WITH bounds AS (
  SELECT timezone($tz, CAST(CAST($from AS DATE) AS TIMESTAMP)) AS start_ts,
         timezone($tz, CAST(CAST($to AS DATE) + 1 AS TIMESTAMP)) AS end_ts
),
inbound AS (
  SELECT c.callid, c.queue, c.agent, c.outcome, c.enter_ts,
         CASE WHEN length(d.digits) >= 10 THEN right(d.digits, 10) WHEN d.digits <> '' THEN d.digits END AS number_key
  FROM calls c
  CROSS JOIN bounds b
  CROSS JOIN LATERAL (SELECT regexp_replace(COALESCE(c.caller, ''), '[^0-9]', '', 'g') AS digits) d
  WHERE c.direction = 'inbound'
    AND c.enter_ts >= b.start_ts - to_seconds(CAST($window_s AS DOUBLE))
    AND c.enter_ts < b.end_ts
),
answered AS (
  SELECT i.* FROM inbound i, bounds b
  WHERE i.outcome = 'answered' AND i.number_key IS NOT NULL
    AND i.enter_ts >= b.start_ts
    AND (CAST($queue AS VARCHAR) IS NULL OR i.queue = CAST($queue AS VARCHAR))
),
flagged AS (
  SELECT a.callid, a.queue, a.agent, a.enter_ts,
         bool_or(p.callid IS NOT NULL) AS is_repeat
  FROM answered a
  LEFT JOIN inbound p
    ON p.number_key = a.number_key AND p.callid <> a.callid
   AND p.enter_ts < a.enter_ts AND p.enter_ts >= a.enter_ts - to_seconds(CAST($window_s AS DOUBLE))
  GROUP BY a.callid, a.queue, a.agent, a.enter_ts
),
periods AS (
  SELECT f.*,
         CASE CAST($by AS VARCHAR)
           WHEN 'week' THEN CAST(date_trunc('week', d.local_date) AS DATE)
           WHEN 'month' THEN CAST(date_trunc('month', d.local_date) AS DATE)
           WHEN 'quarter' THEN CAST(date_trunc('quarter', d.local_date) AS DATE)
           WHEN 'total' THEN CAST($from AS DATE)
         END AS period
  FROM flagged f
  CROSS JOIN LATERAL (SELECT CAST(timezone($tz, f.enter_ts) AS DATE) AS local_date) d
)
SELECT strftime(f.period, '%Y-%m-%d') AS period_start,
       CASE WHEN grouping(f.queue) = 0 THEN 'queue' WHEN grouping(f.agent) = 0 THEN 'rep' ELSE 'total' END AS level,
       f.queue, f.agent AS rep_interface, any_value(r.name) AS rep_name, COALESCE(any_value(r.rep_id), rep_id_of(f.agent)) AS rep_id,
       CAST(count(*) AS INTEGER) AS answered,
       CAST(count(*) FILTER (WHERE f.is_repeat) AS INTEGER) AS repeat_calls,
       count(*) FILTER (WHERE f.is_repeat) / count(*) AS repeat_rate
FROM periods f
LEFT JOIN roster r ON r.interface = f.agent
GROUP BY GROUPING SETS ((f.period), (f.period, f.queue), (f.period, f.agent))
ORDER BY f.period, f.queue NULLS FIRST, f.agent NULLS FIRST;
