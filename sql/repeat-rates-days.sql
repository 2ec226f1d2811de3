-- The repeat rate per period from the repeat_days summary (migration 044): what repeat-callers.sql's
-- total level says for each day, ISO week, month or quarter ($by; total: the whole range, labelled
-- $from) of the local dates $from..$to, in the summary's zone, for one queue or all ($queue). Read
-- only while the summary answers for the calls, the window and the zone (analytics/callers/repeat-days.ts).
SELECT strftime(period_of_day(day, $from, $by), '%Y-%m-%d') AS period_start,
       'total' AS level,
       CAST(sum(answered) AS INTEGER) AS answered,
       CAST(sum(repeat_calls) AS INTEGER) AS repeat_calls,
       sum(repeat_calls) / sum(answered) AS repeat_rate
FROM repeat_days
WHERE day BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
  AND (CAST($queue AS VARCHAR) IS NULL OR queue = CAST($queue AS VARCHAR))
GROUP BY ALL
HAVING sum(answered) > 0
ORDER BY period_start;
