-- How many of a range's calls (of $queue, or all) have a reason: the share without one is shown
-- beside every figure by reason. Counts calls as call-metrics.sql does (judged_calls: inbound, closed).
SELECT CAST(count(*) AS INTEGER) AS offered, CAST(count(reason) AS INTEGER) AS with_reason
FROM judged_calls(local_day_start($tz, $from), local_day_end($tz, $to), NULL, NULL, NULL,
                  $default_sl_threshold_s, $default_short_abandon_s, $default_sl_formula)
WHERE CAST($queue AS VARCHAR) IS NULL OR queue = CAST($queue AS VARCHAR);
