-- The lost callers marked handled among the visits entering on the local date $date ($tz): the note,
-- who and when (UTC ISO time).
WITH bounds AS (
  SELECT local_day_start($tz, $date) AS start_ts,
         local_day_end($tz, $date) AS end_ts
)
SELECT h.callid, h.queue, h.note, h.handled_by, strftime(h.handled_at, '%Y-%m-%dT%H:%M:%SZ') AS handled_at
FROM lost_call_handling h
CROSS JOIN bounds b
WHERE EXISTS (SELECT 1 FROM calls c
              WHERE c.callid = h.callid AND c.queue = h.queue AND c.enter_ts >= b.start_ts AND c.enter_ts < b.end_ts)
ORDER BY h.handled_at;
