-- Per rep and 15-minute local slice of the local dates $from..$to ($tz, $to inclusive): seconds the
-- rep was available (logged in to at least one queue and not paused): the actual side of adherence.
-- Reps, log-in unions and open states as in reps-on-phones.sql; only slices with time have a row.
WITH bounds AS (
  SELECT timezone($tz, CAST(CAST($from AS DATE) AS TIMESTAMP)) AS start_ts,
         timezone($tz, CAST(CAST($to AS DATE) + 1 AS TIMESTAMP)) AS end_ts
),
data_end AS (
  SELECT greatest((SELECT max(ts) FROM queue_events),
                  (SELECT max(COALESCE(end_ts, connect_ts, enter_ts)) FROM calls),
                  (SELECT max(COALESCE(end_ts, start_ts)) FROM rep_states)) AS ts
),
slices AS (
  SELECT slice_ts, slice_ts + INTERVAL 15 MINUTE AS slice_end, timezone($tz, slice_ts) AS local_ts
  FROM (SELECT unnest(generate_series(start_ts, end_ts - INTERVAL 15 MINUTE, INTERVAL 15 MINUTE)) AS slice_ts FROM bounds)
),
states AS (
  SELECT COALESCE(p.rep_id, rep_id_of(s.agent)) AS rep_key, s.state,
         greatest(s.start_ts, b.start_ts) AS s_ts,
         least(COALESCE(s.end_ts, d.ts), b.end_ts) AS e_ts
  FROM rep_states s
  CROSS JOIN bounds b
  CROSS JOIN data_end d
  LEFT JOIN roster p ON p.interface = s.agent
  WHERE s.start_ts < b.end_ts AND COALESCE(s.end_ts, d.ts) > b.start_ts
),
ordered AS (
  SELECT *, max(e_ts) OVER (PARTITION BY rep_key, state ORDER BY s_ts, e_ts
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
  FROM states WHERE e_ts > s_ts
),
islands AS (
  SELECT *, sum(CASE WHEN prev_end IS NULL OR s_ts > prev_end THEN 1 ELSE 0 END)
              OVER (PARTITION BY rep_key, state ORDER BY s_ts, e_ts ROWS UNBOUNDED PRECEDING) AS island
  FROM ordered
),
merged AS (
  SELECT rep_key, state, min(s_ts) AS s_ts, max(e_ts) AS e_ts FROM islands GROUP BY rep_key, state, island
),
signed AS (
  SELECT rep_key, s_ts, e_ts, 1 AS sign FROM merged WHERE state = 'logged_in'
  UNION ALL
  SELECT l.rep_key, greatest(l.s_ts, p.s_ts), least(l.e_ts, p.e_ts), -1
  FROM merged l
  JOIN merged p ON p.rep_key = l.rep_key AND p.state = 'paused' AND p.s_ts < l.e_ts AND p.e_ts > l.s_ts
  WHERE l.state = 'logged_in'
)
SELECT s.rep_key AS rep_id,
       strftime(sl.local_ts, '%Y-%m-%d') AS date,
       CAST(hour(sl.local_ts) * 60 + minute(sl.local_ts) AS INTEGER) AS minute,
       sum(s.sign * (epoch(least(s.e_ts, sl.slice_end)) - epoch(greatest(s.s_ts, sl.slice_ts)))) AS available_s
FROM signed s
JOIN slices sl ON sl.slice_ts < s.e_ts AND sl.slice_end > s.s_ts
GROUP BY ALL
HAVING sum(s.sign * (epoch(least(s.e_ts, sl.slice_end)) - epoch(greatest(s.s_ts, sl.slice_ts)))) > 0
ORDER BY rep_id, date, minute;
