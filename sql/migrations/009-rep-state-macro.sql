-- Reps' state intervals over a stretch of time, written once for rep-activity.sql, reps-on-phones.sql
-- and coverage-rep-slices.sql (table macros: each call is expanded into the calling query, so they
-- read the tables as that query sees them, and a later migration can change the tables under them).
--
-- A rep is a roster person (rep_id) when the roster maps the interface, else the interface (with the
-- id rep_id_of(interface), as GET /api/reps gives it): one person often logs in as Agent/1127 and
-- takes calls as Local/1127@callback-agent or PJSIP/1127, and only the roster can join them.
--
-- Arguments are instants (TIMESTAMPTZ): the real-time range [range_start, range_end). A query passes
-- its local days' bounds, e.g. rep_available_spans((SELECT start_ts FROM bounds), (SELECT end_ts FROM bounds)).
-- The CTEs inside are named rep_* so that they never hide a CTE of the calling query.

-- Every rep_states interval overlapping the range, clipped to it, with its rep and interface. One still
-- open (end_ts null) runs to the newest event in the data (queue events, calls or states), not to the
-- end of the range. Clipping can leave an interval of no length; rep_available_spans drops those.
CREATE MACRO rep_states_in(range_start, range_end) AS TABLE
  WITH rep_range AS (
    SELECT range_start AS start_ts, range_end AS end_ts
  ),
  rep_data_end AS (
    SELECT greatest((SELECT max(ts) FROM queue_events),
                    (SELECT max(COALESCE(end_ts, connect_ts, enter_ts)) FROM calls),
                    (SELECT max(COALESCE(end_ts, start_ts)) FROM rep_states)) AS ts
  )
  SELECT COALESCE(p.rep_id, rep_id_of(s.agent)) AS rep_key, s.agent AS interface, s.state,
         greatest(s.start_ts, b.start_ts) AS s_ts,
         least(COALESCE(s.end_ts, d.ts), b.end_ts) AS e_ts
  FROM rep_states s
  CROSS JOIN rep_range b
  CROSS JOIN rep_data_end d
  LEFT JOIN roster p ON p.interface = s.agent
  WHERE s.start_ts < b.end_ts AND COALESCE(s.end_ts, d.ts) > b.start_ts;

-- Per rep, the time they were available (logged in to at least one queue and not paused) as signed
-- spans: the union of their log-in intervals in every queue (three queues at once count once) with
-- sign +1, and the paused parts of that union with sign -1. Summed over any stretch of time,
-- sign × seconds is the rep's available seconds in it; the +1 spans alone are the logged-in time,
-- the -1 spans alone the paused time. Overlapping intervals of one state are merged first
-- (gaps and islands), so the spans of one sign never overlap.
CREATE MACRO rep_available_spans(range_start, range_end) AS TABLE
  WITH rep_ordered AS (
    SELECT rep_key, state, s_ts, e_ts,
           max(e_ts) OVER (PARTITION BY rep_key, state ORDER BY s_ts, e_ts
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
    FROM rep_states_in(range_start, range_end) WHERE e_ts > s_ts
  ),
  rep_islands AS (
    SELECT *, sum(CASE WHEN prev_end IS NULL OR s_ts > prev_end THEN 1 ELSE 0 END)
                OVER (PARTITION BY rep_key, state ORDER BY s_ts, e_ts ROWS UNBOUNDED PRECEDING) AS island
    FROM rep_ordered
  ),
  rep_merged AS (
    SELECT rep_key, state, min(s_ts) AS s_ts, max(e_ts) AS e_ts FROM rep_islands GROUP BY rep_key, state, island
  )
  SELECT rep_key, s_ts, e_ts, 1 AS sign FROM rep_merged WHERE state = 'logged_in'
  UNION ALL
  -- Merged intervals of one state are disjoint, so the pairwise overlaps add up to the intersection.
  SELECT l.rep_key, greatest(l.s_ts, p.s_ts), least(l.e_ts, p.e_ts), -1
  FROM rep_merged l
  JOIN rep_merged p ON p.rep_key = l.rep_key AND p.state = 'paused' AND p.s_ts < l.e_ts AND p.e_ts > l.s_ts
  WHERE l.state = 'logged_in';

-- Per rep and 15-minute slice of real time from range_start (slice_ts, its start): the seconds the rep
-- was available in it; a row for each slice some span of theirs touches (0 where pauses cancel it).
CREATE MACRO rep_available_slices(range_start, range_end) AS TABLE
  WITH rep_slices AS (
    SELECT slice_ts, slice_ts + INTERVAL 15 MINUTE AS slice_end
    FROM (SELECT unnest(generate_series(range_start, range_end - INTERVAL 15 MINUTE, INTERVAL 15 MINUTE)) AS slice_ts)
  )
  SELECT s.rep_key, sl.slice_ts,
         sum(s.sign * (epoch(least(s.e_ts, sl.slice_end)) - epoch(greatest(s.s_ts, sl.slice_ts)))) AS available_s
  FROM rep_available_spans(range_start, range_end) s
  JOIN rep_slices sl ON sl.slice_ts < s.e_ts AND sl.slice_end > s.s_ts
  GROUP BY s.rep_key, sl.slice_ts;
