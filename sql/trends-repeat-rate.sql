-- The repeat rate per local week, month or quarter ($by) over the local dates $from..$to ($tz, $to
-- inclusive), optionally of one $queue: sql/repeat-callers.sql's total, one row per period, so a trend
-- of many periods is one scan instead of one query each (analytics/trends.test.ts holds the two equal).
-- A period is labelled by its first day (a week by its Monday), as call-metrics.sql labels them.
WITH bounds AS (
  SELECT timezone($tz, CAST(CAST($from AS DATE) AS TIMESTAMP)) AS start_ts,
         timezone($tz, CAST(CAST($to AS DATE) + 1 AS TIMESTAMP)) AS end_ts
),
inbound AS (
  SELECT c.callid, c.queue, c.outcome, c.enter_ts,
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
  SELECT a.callid, a.queue, a.enter_ts,
         bool_or(p.callid IS NOT NULL) AS is_repeat
  FROM answered a
  LEFT JOIN inbound p
    ON p.number_key = a.number_key AND p.callid <> a.callid
   AND p.enter_ts < a.enter_ts AND p.enter_ts >= a.enter_ts - to_seconds(CAST($window_s AS DOUBLE))
  GROUP BY a.callid, a.queue, a.enter_ts
)
SELECT strftime(CAST(date_trunc(CAST($by AS VARCHAR), CAST(timezone($tz, enter_ts) AS DATE)) AS DATE), '%Y-%m-%d') AS period_start,
       CAST(count(*) AS INTEGER) AS answered,
       CAST(count(*) FILTER (WHERE is_repeat) AS INTEGER) AS repeat_calls,
       count(*) FILTER (WHERE is_repeat) / count(*) AS repeat_rate
FROM flagged
GROUP BY ALL
ORDER BY period_start;
