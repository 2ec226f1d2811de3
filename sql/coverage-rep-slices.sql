-- Per rep and 15-minute local slice of the local dates $from..$to ($tz, $to inclusive): seconds the
-- rep was available (logged in to at least one queue and not paused): the actual side of adherence.
-- Reps, log-in unions, open states and closed hours as in reps-on-phones.sql (rep_available_slices,
-- migrations 009 and 018); the two real slices of the repeated hour when clocks fall back
-- are one local slice. Only slices with time have a row.
WITH bounds AS (
  SELECT local_day_start($tz, $from) AS start_ts,
         local_day_end($tz, $to) AS end_ts
),
local_slices AS (
  SELECT rep_key, timezone($tz, slice_ts) AS local_ts, available_s
  FROM rep_available_slices(local_day_start($tz, $from), local_day_end($tz, $to), $tz)
)
SELECT rep_key AS rep_id,
       strftime(local_ts, '%Y-%m-%d') AS date,
       CAST(hour(local_ts) * 60 + minute(local_ts) AS INTEGER) AS minute,
       sum(available_s) AS available_s
FROM local_slices
GROUP BY ALL
HAVING sum(available_s) > 0
ORDER BY rep_id, date, minute;
