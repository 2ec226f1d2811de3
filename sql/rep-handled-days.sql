-- Calls each member interface answered per local date (of the zone the summary was built in) over $from..$to ($to inclusive), from
-- the rep_call_days summary (migration 044): its `handled` per date, queue and interface summed over
-- the queues. call-metrics.sql grouped by rep and day counts the same calls as `answered` (inbound,
-- closed, answered, by the interface that answered); used only while the summary answers for the
-- calls and $tz (analytics/reps/rep-handled-days.ts). A row with no call handled (only rings that
-- went unanswered) is left out: it adds nothing to a day.
SELECT strftime(day, '%Y-%m-%d') AS date, agent AS rep_interface, CAST(sum(handled) AS INTEGER) AS answered
FROM rep_call_days
WHERE day BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
GROUP BY ALL
HAVING sum(handled) > 0
ORDER BY date, rep_interface;
