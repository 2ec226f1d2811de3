-- Queue visits entering on the local dates $from..$to ($tz, $to inclusive) that are still open
-- (no terminal event) more than $max_open_s seconds after they entered, measured to the newest
-- event in the data: a lost terminal event, a truncated export or a stuck channel.
WITH bounds AS (
  SELECT local_day_start($tz, $from) AS start_ts,
         local_day_end($tz, $to) AS end_ts
),
data_end AS (
  -- (the events' stored rows, migration 042: their newest time needs no view)
  SELECT greatest((SELECT max(ts) FROM queue_event_rows),
                  (SELECT max(COALESCE(end_ts, connect_ts, enter_ts)) FROM calls)) AS ts
)
SELECT strftime(timezone($tz, c.enter_ts), '%Y-%m-%dT%H:%M:%S') AS entered,
       c.queue, c.callid, c.caller, c.agent, c.source, c.file_id, CAST(c.line_no AS INTEGER) AS line_no,
       epoch(d.ts) - epoch(c.enter_ts) AS open_s
FROM calls c, bounds b, data_end d
WHERE c.outcome IS NULL
  AND c.enter_ts >= b.start_ts AND c.enter_ts < b.end_ts
  AND epoch(d.ts) - epoch(c.enter_ts) > CAST($max_open_s AS DOUBLE)
ORDER BY c.enter_ts, c.file_id, c.line_no;
