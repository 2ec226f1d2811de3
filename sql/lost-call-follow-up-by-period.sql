-- Lost-call follow-up per period: for each week (ISO, Monday), month or quarter ($by; total: the
-- whole range, labelled $from) of the local dates $from..$to ($tz, $to inclusive), what
-- lost-call-follow-up.sql's list for that period's dates sums to (analytics/follow-up.ts,
-- summarizeFollowUp): lost calls with a caller number, those recovered within $window_s, and the
-- median time to recovery (the middle value, or the mean of the two middle ones). A lost call
-- belongs to the period it entered the queue in; periods without lost calls have no row.
-- Parameters as in lost-call-follow-up.sql; the matching is the macro lost_calls_followed.
-- $from_facts: take each lost call's recovery from lost_call_facts instead (the same rows), while
-- call_facts is current, no call is odd and $window_s is within what it answers for
-- (analytics/call-facts.ts); the other branch then reads an empty range.
WITH lost_from_facts AS (
  -- chosen as lost_calls_followed (010) chooses lost calls; those without a number have no facts
  SELECT c.enter_ts, f.number_key, f.first_contact_at,
         COALESCE(c.end_ts, c.enter_ts + to_seconds(COALESCE(c.wait_s, 0))) AS lost_at
  FROM calls c
  LEFT JOIN lost_call_facts f
    ON f.file_id = c.file_id AND f.line_no = c.line_no
   AND f.enter_ts >= local_day_start($tz, $from)
   AND f.enter_ts < local_day_end($tz, $to)
  LEFT JOIN queue_settings s ON s.queue = c.queue
  WHERE c.direction = 'inbound'
    AND c.enter_ts >= local_day_start($tz, $from)
    AND c.enter_ts < CASE WHEN CAST($from_facts AS BOOLEAN) THEN local_day_end($tz, $to)
                          ELSE local_day_start($tz, $from) END
    AND (CAST($queue AS VARCHAR) IS NULL OR c.queue = CAST($queue AS VARCHAR))
    AND (c.outcome IN ('timed_out', 'blocked')
         OR (c.outcome = 'abandoned'
             AND NOT COALESCE(c.wait_s < COALESCE(CAST($short_abandon_s AS DOUBLE), s.short_abandon_s,
                                                  CAST($default_short_abandon_s AS DOUBLE)), false)))
),
followed AS (
  SELECT p.period, l.number_key, l.recovery_s
  FROM (SELECT enter_ts, number_key, epoch(least(got_through_at, called_back_at)) - epoch(lost_at) AS recovery_s
        -- (from the facts: a range that ends before it starts, so that the calls the macro reads
        -- as contacts, a day before its start to a window and a day after its end, are none either)
        FROM lost_calls_followed(local_day_start($tz, $from),
                                 CASE WHEN CAST($from_facts AS BOOLEAN)
                                      THEN local_day_start($tz, $from) - to_seconds(CAST($window_s AS DOUBLE)) - INTERVAL 2 DAY
                                      ELSE local_day_end($tz, $to) END,
                                 $queue, $window_s, $short_abandon_s, $default_short_abandon_s)
        UNION ALL
        SELECT enter_ts, number_key,
               CASE WHEN first_contact_at <= lost_at + to_seconds(CAST($window_s AS DOUBLE))
                    THEN epoch(first_contact_at) - epoch(lost_at) END
        FROM lost_from_facts) l
  -- (each call's slice as a number, quarter_hour (045), not a zone-aware time_bucket of every call)
  JOIN (SELECT period, quarter_hour(slice_ts) AS q FROM period_slices($from, $to, $by, $tz)) p ON p.q = quarter_hour(l.enter_ts)
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
