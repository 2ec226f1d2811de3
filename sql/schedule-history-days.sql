-- How each rep actually worked, day by day, over the local dates $from..$to ($tz, $to inclusive):
-- the first log-in and the last log-out of the day (local minutes from midnight) and the time
-- logged in to at least one queue. The source for setting up planning profiles and weekly patterns
-- from history. A rep is the roster person, else the interface (rep_id_of), as in rep-activity.sql;
-- a log-in still open runs to the newest event in the data.
WITH bounds AS (
  SELECT timezone($tz, CAST(CAST($from AS DATE) AS TIMESTAMP)) AS start_ts,
         timezone($tz, CAST(CAST($to AS DATE) + 1 AS TIMESTAMP)) AS end_ts
),
data_end AS (
  SELECT greatest((SELECT max(ts) FROM queue_events),
                  (SELECT max(COALESCE(end_ts, start_ts)) FROM rep_states)) AS ts
),
states AS (
  SELECT COALESCE(p.rep_id, rep_id_of(s.agent)) AS rep_key,
         greatest(s.start_ts, b.start_ts) AS s_ts,
         least(COALESCE(s.end_ts, d.ts), b.end_ts) AS e_ts
  FROM rep_states s
  CROSS JOIN bounds b
  CROSS JOIN data_end d
  LEFT JOIN roster p ON p.interface = s.agent
  WHERE s.state = 'logged_in' AND s.start_ts < b.end_ts AND COALESCE(s.end_ts, d.ts) > b.start_ts
),
ordered AS (
  SELECT *, max(e_ts) OVER (PARTITION BY rep_key ORDER BY s_ts, e_ts ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
  FROM states WHERE e_ts > s_ts
),
islands AS (
  SELECT *, sum(CASE WHEN prev_end IS NULL OR s_ts > prev_end THEN 1 ELSE 0 END)
              OVER (PARTITION BY rep_key ORDER BY s_ts, e_ts ROWS UNBOUNDED PRECEDING) AS island
  FROM ordered
),
merged AS (
  SELECT rep_key, min(s_ts) AS s_ts, max(e_ts) AS e_ts FROM islands GROUP BY rep_key, island
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
