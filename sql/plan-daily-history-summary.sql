-- plan-daily-history.sql's answer read from the call_slices summary (migration 008) instead of every
-- call: the same rows (inbound visits offered, answered and the answered ones' handle time per local
-- date before $to, in $tz) from a few rows per quarter hour. Used only while the summary is current
-- (analytics/plan/plan.ts), as forecast-history-summary.sql is; it also keeps the history that
-- records retention purged from calls. Each slice's queues are summed first, so the zone and the
-- date's text are worked out once per quarter hour, not once per queue of it (at 10M calls 33,000
-- slices of 167,000 rows: 105 -> 27 ms of CPU). Counts and whole-second handle times sum the same
-- either way (analytics/plan/plan.test.ts holds it to the per-call query in three zones).
WITH per_slice AS (
  SELECT slice_ts, sum(offered) AS offered, sum(answered) AS answered, sum(handle_sum) AS handle_sum
  FROM call_slices
  WHERE slice_ts < local_day_start($tz, $to)
  GROUP BY slice_ts
)
SELECT strftime(CAST(timezone($tz, slice_ts) AS DATE), '%Y-%m-%d') AS date,
       CAST(sum(offered) AS INTEGER) AS calls,
       CAST(sum(answered) AS INTEGER) AS answered,
       COALESCE(sum(handle_sum), 0) AS handle_s
FROM per_slice
GROUP BY ALL
HAVING sum(offered) > 0
ORDER BY date;
