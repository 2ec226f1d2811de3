-- How each rep actually worked, day by day, over the local dates $from..$to ($tz, $to inclusive):
-- the first log-in and the last log-out of the day (local minutes from midnight) and the time
-- logged in to at least one queue. The source for setting up planning profiles and weekly patterns
-- from history. A rep is the roster person, else the interface (rep_id_of), as in rep-activity.sql;
-- a log-in no log-off closed ends by the rule of migrations/018-rep-state-ends.sql.
WITH bounds AS (
  SELECT local_day_start($tz, $from) AS start_ts,
         local_day_end($tz, $to) AS end_ts
),
merged AS (
  -- the +1 spans are the rep's merged log-in intervals (macros of migrations 009 and 018, as rep-activity.sql)
  SELECT rep_key, s_ts, e_ts
  FROM rep_available_spans(local_day_start($tz, $from), local_day_end($tz, $to))
  WHERE sign = 1
),
local AS (
  SELECT rep_key, timezone($tz, s_ts) AS ls, timezone($tz, e_ts) AS le, epoch(e_ts) - epoch(s_ts) AS seconds FROM merged
)
SELECT rep_key AS rep_id,
       strftime(ls, '%Y-%m-%d') AS date,
       CAST(min(hour(ls) * 60 + minute(ls)) AS INTEGER) AS first_minute,
       CAST(max(CASE WHEN CAST(le AS DATE) > CAST(ls AS DATE) THEN 1440 ELSE hour(le) * 60 + minute(le) END) AS INTEGER) AS last_minute,
       sum(seconds) AS logged_in_s
FROM local
GROUP BY rep_key, strftime(ls, '%Y-%m-%d')
ORDER BY rep_id, date;
