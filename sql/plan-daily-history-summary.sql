-- plan-daily-history.sql's answer read from the call_slices summary (migration 008) instead of every
-- call: the same rows (inbound visits offered, answered and the answered ones' handle time per local
-- date before $to, in $tz) from a few rows per quarter hour. Used only while the summary is current
-- (analytics/plan/plan.ts), as forecast-history-summary.sql is; it also keeps the history that
-- records retention purged from calls.
SELECT strftime(timezone($tz, slice_ts), '%Y-%m-%d') AS date,
       CAST(sum(offered) AS INTEGER) AS calls,
       CAST(sum(answered) AS INTEGER) AS answered,
       COALESCE(sum(handle_sum), 0) AS handle_s
FROM call_slices
WHERE slice_ts < local_day_start($tz, $to)
GROUP BY ALL
HAVING sum(offered) > 0
ORDER BY date;
