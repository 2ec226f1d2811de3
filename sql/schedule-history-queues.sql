-- Which queues each rep answered, and how many calls, over the local dates $from..$to ($tz, $to
-- inclusive): a rep's primary queue is the one they answered most.
WITH bounds AS (
  SELECT local_day_start($tz, $from) AS start_ts,
         local_day_end($tz, $to) AS end_ts
)
SELECT COALESCE(p.rep_id, rep_id_of(c.agent)) AS rep_id, c.queue, CAST(count(*) AS INTEGER) AS answered
FROM calls c
CROSS JOIN bounds b
LEFT JOIN roster p ON p.interface = c.agent
WHERE c.direction = 'inbound' AND c.outcome = 'answered' AND c.agent IS NOT NULL
  AND c.enter_ts >= b.start_ts AND c.enter_ts < b.end_ts
GROUP BY ALL
ORDER BY rep_id, answered DESC, c.queue;
