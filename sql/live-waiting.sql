-- Callers waiting now ($as_of), per queue: visits entered and not yet answered or ended. A wait is
-- $as_of − ENTERQUEUE, never negative (a PBX clock ahead of ours) and never longer than the log
-- holding the visit has existed (its first line). A visit open for longer than $max_wait_s is a lost
-- end, not a caller on hold: it is listed in data quality (open visits), not counted here.
WITH waiting AS (
  SELECT c.queue, c.enter_ts, c.file_id
  FROM calls c
  WHERE c.outcome IS NULL AND c.connect_ts IS NULL AND c.direction = 'inbound'
    AND c.enter_ts <= CAST($as_of AS TIMESTAMPTZ) + INTERVAL 5 SECOND
    AND epoch(CAST($as_of AS TIMESTAMPTZ)) - epoch(c.enter_ts) <= $max_wait_s
    -- (the same bound as a range on enter_ts, a second wider, so DuckDB skips the older row groups)
    AND c.enter_ts >= CAST($as_of AS TIMESTAMPTZ) - to_seconds(CAST($max_wait_s AS DOUBLE) + 1)
),
open_visits AS (
  SELECT w.queue, w.enter_ts, f.first_ts
  FROM waiting w
  -- (the events' stored rows, migration 042: a file's first time needs no view; only the files of
  -- the callers waiting, not every file's every event: 29 million rows at 10M calls)
  JOIN (SELECT file_id, min(ts) AS first_ts FROM queue_event_rows
        WHERE file_id IN (SELECT file_id FROM waiting) GROUP BY file_id) f ON f.file_id = w.file_id
)
SELECT queue, CAST(count(*) AS INTEGER) AS waiting,
       max(least(greatest(epoch(CAST($as_of AS TIMESTAMPTZ)) - epoch(enter_ts), 0),
                 greatest(epoch(CAST($as_of AS TIMESTAMPTZ)) - epoch(first_ts), 0))) AS longest_wait_s
FROM open_visits
GROUP BY queue
ORDER BY queue;
