-- Callers turned away at a queue's door (outcome 'blocked', migration 016) per local interval of
-- $interval_minutes and queue, on the local dates $from..$to ($tz, $to inclusive): how many because
-- nobody was available to take the call (JOINEMPTY, JOINUNAVAIL: the queue's joinempty setting) and
-- how many because the queue was full (FULL: its maxlen). Only intervals where it happened.
SELECT strftime(time_bucket(to_minutes(CAST($interval_minutes AS INTEGER)), timezone($tz, c.enter_ts)), '%Y-%m-%dT%H:%M:%S')
         AS period_start,
       c.queue,
       qs.label AS queue_label,
       CAST(count(*) AS INTEGER) AS blocked,
       CAST(count(*) FILTER (WHERE c.end_event IN ('JOINEMPTY', 'JOINUNAVAIL')) AS INTEGER) AS nobody_available,
       CAST(count(*) FILTER (WHERE c.end_event NOT IN ('JOINEMPTY', 'JOINUNAVAIL') OR c.end_event IS NULL) AS INTEGER) AS queue_full
FROM calls c
LEFT JOIN queue_settings qs ON qs.queue = c.queue
WHERE c.outcome = 'blocked' AND c.direction = 'inbound'
  AND c.enter_ts >= local_day_start($tz, $from)
  AND c.enter_ts < local_day_end($tz, $to)
GROUP BY ALL
ORDER BY period_start, c.queue;
