-- Lost-call follow-up per period: for each week (ISO, Monday), month or quarter ($by; total: the
-- whole range, labelled $from) of the local dates $from..$to ($tz, $to inclusive), what
-- lost-call-follow-up.sql's list for that period's dates sums to (analytics/follow-up.ts,
-- summarizeFollowUp): lost calls with a caller number, those recovered within $window_s, and the
-- median time to recovery (the middle value, or the mean of the two middle ones). A lost call
-- belongs to the period it entered the queue in; periods without lost calls have no row.
-- Parameters as in lost-call-follow-up.sql; the matching is the macro lost_calls_followed.
WITH followed AS (
  SELECT p.period, l.number_key,
         epoch(least(l.got_through_at, l.called_back_at)) - epoch(l.lost_at) AS recovery_s
  FROM lost_calls_followed(timezone($tz, CAST(CAST($from AS DATE) AS TIMESTAMP)),
                           timezone($tz, CAST(CAST($to AS DATE) + 1 AS TIMESTAMP)),
                           $queue, $window_s, $short_abandon_s, $default_short_abandon_s) l
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
