-- Lost-call follow-up per period as lost-call-follow-up-by-period.sql counts it (same parameters,
-- same rows), from lost_call_facts (migrations/011-call-facts.sql): a lost call is recovered when its
-- number's first answered contact after it was lost came within $window_s. Read only while
-- call_facts is current, no call is odd and $window_s is within what it answers for
-- (analytics/call-facts.ts). The lost calls are chosen as lost_calls_followed (010) chooses them;
-- those without a number have no facts (number_key null: not counted, as there).
WITH lost AS (
  SELECT c.enter_ts, f.number_key, f.first_contact_at,
         COALESCE(c.end_ts, c.enter_ts + to_seconds(COALESCE(c.wait_s, 0))) AS lost_at
  FROM calls c
  LEFT JOIN lost_call_facts f
    ON f.file_id = c.file_id AND f.line_no = c.line_no
   AND f.enter_ts >= timezone($tz, CAST(CAST($from AS DATE) AS TIMESTAMP))
   AND f.enter_ts < timezone($tz, CAST(CAST($to AS DATE) + 1 AS TIMESTAMP))
  LEFT JOIN queue_settings s ON s.queue = c.queue
  WHERE c.direction = 'inbound'
    AND c.enter_ts >= timezone($tz, CAST(CAST($from AS DATE) AS TIMESTAMP))
    AND c.enter_ts < timezone($tz, CAST(CAST($to AS DATE) + 1 AS TIMESTAMP))
    AND (CAST($queue AS VARCHAR) IS NULL OR c.queue = CAST($queue AS VARCHAR))
    AND (c.outcome = 'timed_out'
         OR (c.outcome = 'abandoned'
             AND NOT COALESCE(c.wait_s < COALESCE(CAST($short_abandon_s AS DOUBLE), s.short_abandon_s,
                                                  CAST($default_short_abandon_s AS DOUBLE)), false)))
),
followed AS (
  SELECT p.period, l.number_key,
         CASE WHEN l.first_contact_at <= l.lost_at + to_seconds(CAST($window_s AS DOUBLE))
              THEN epoch(l.first_contact_at) - epoch(l.lost_at) END AS recovery_s
  FROM lost l
  JOIN period_slices($from, $to, $by, $tz) p ON p.slice_ts = time_bucket(INTERVAL 15 MINUTE, l.enter_ts)
),
summed AS (
  SELECT period,
         count(*) FILTER (WHERE number_key IS NOT NULL) AS lost_callers,
         list_sort(list(recovery_s) FILTER (WHERE number_key IS NOT NULL AND recovery_s IS NOT NULL)) AS recoveries
  FROM followed
  GROUP BY period
)
SELECT strftime(period, '%Y-%m-%d') AS period_start,
       CAST(lost_callers AS INTEGER) AS lost_callers,
       CAST(len(recoveries) AS INTEGER) AS recovered,
       CASE WHEN len(recoveries) = 0 THEN NULL
            WHEN len(recoveries) % 2 = 1 THEN recoveries[len(recoveries) // 2 + 1]
            ELSE (recoveries[len(recoveries) // 2] + recoveries[len(recoveries) // 2 + 1]) / 2
       END AS median_recovery_s
FROM summed
ORDER BY period;
