-- Per rep over the local dates $from..$to ($tz, $to inclusive): calls handled, talk and handle
-- time, ring-no-answers, transfers (of inbound visits entering in the range and closed), and
-- logged-in and paused time from rep_states.
--
-- A rep is a roster person (rep_id) when the roster maps the interface, else the interface (with the
-- id rep_id_of(interface), as GET /api/reps gives it): one person often logs in as Agent/1127 and
-- takes calls as Local/1127@callback-agent or PJSIP/1127, and only the roster can join them.
-- Logged in = the union of their log-in intervals in every queue (three queues at once count once);
-- paused = paused while logged in. Intervals are clipped to the range; one still open (end_ts null)
-- runs to the newest event in the data, not to the end of the range.
WITH bounds AS (
  SELECT timezone($tz, CAST(CAST($from AS DATE) AS TIMESTAMP)) AS start_ts,
         timezone($tz, CAST(CAST($to AS DATE) + 1 AS TIMESTAMP)) AS end_ts
),
data_end AS (
  SELECT greatest((SELECT max(ts) FROM queue_events),
                  (SELECT max(COALESCE(end_ts, connect_ts, enter_ts)) FROM calls),
                  (SELECT max(COALESCE(end_ts, start_ts)) FROM rep_states)) AS ts
),
states AS (
  SELECT COALESCE(p.rep_id, rep_id_of(s.agent)) AS rep_key, s.agent AS interface, s.state,
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
logged_in AS (
  SELECT rep_key, sum(epoch(e_ts) - epoch(s_ts)) AS logged_in_s FROM merged WHERE state = 'logged_in' GROUP BY rep_key
),
paused AS (
  -- Merged intervals of one state are disjoint, so the pairwise overlaps add up to the intersection.
  SELECT l.rep_key, sum(epoch(least(l.e_ts, p.e_ts)) - epoch(greatest(l.s_ts, p.s_ts))) AS paused_s
  FROM merged l
  JOIN merged p ON p.rep_key = l.rep_key AND p.state = 'paused' AND p.s_ts < l.e_ts AND p.e_ts > l.s_ts
  WHERE l.state = 'logged_in'
  GROUP BY l.rep_key
),
visits AS (
  SELECT c.* FROM calls c, bounds b
  WHERE c.direction = 'inbound' AND c.outcome IS NOT NULL
    AND c.enter_ts >= b.start_ts AND c.enter_ts < b.end_ts
),
handled AS (
  SELECT COALESCE(p.rep_id, rep_id_of(v.agent)) AS rep_key,
         count(*) AS handled,
         sum(v.talk_s) AS talk_s,
         sum(v.talk_s + COALESCE(v.wrap_s, 0)) AS handle_s,
         count(*) FILTER (WHERE v.transferred) AS transferred
  FROM visits v LEFT JOIN roster p ON p.interface = v.agent
  WHERE v.outcome = 'answered' AND v.agent IS NOT NULL
  GROUP BY ALL
),
rings AS (
  SELECT COALESCE(p.rep_id, rep_id_of(r.agent)) AS rep_key, count(*) AS ring_no_answer
  FROM ring_attempts r
  JOIN visits v ON v.file_id = r.call_file_id AND v.line_no = r.call_line_no
  LEFT JOIN roster p ON p.interface = r.agent
  WHERE r.result = 'no_answer'
  GROUP BY ALL
),
interfaces AS (
  SELECT rep_key, string_agg(DISTINCT interface, ', ' ORDER BY interface) AS interfaces, min(interface) AS first_interface FROM (
    SELECT rep_key, interface FROM states
    UNION SELECT COALESCE(p.rep_id, rep_id_of(v.agent)), v.agent FROM visits v LEFT JOIN roster p ON p.interface = v.agent
      WHERE v.outcome = 'answered' AND v.agent IS NOT NULL
    UNION SELECT COALESCE(p.rep_id, rep_id_of(r.agent)), r.agent FROM ring_attempts r
      JOIN visits v ON v.file_id = r.call_file_id AND v.line_no = r.call_line_no
      LEFT JOIN roster p ON p.interface = r.agent WHERE r.result = 'no_answer'
  ) GROUP BY rep_key
),
people AS (SELECT rep_id, any_value(name ORDER BY interface) AS name FROM roster GROUP BY rep_id)
SELECT i.rep_key AS rep_id,
       COALESCE(pp.name, i.first_interface) AS rep,
       i.interfaces,
       CAST(COALESCE(h.handled, 0) AS INTEGER) AS handled,
       COALESCE(h.talk_s, 0) AS talk_s,
       COALESCE(h.handle_s, 0) AS handle_s,
       h.handle_s / nullif(h.handled, 0) AS aht_s,
       CAST(COALESCE(r.ring_no_answer, 0) AS INTEGER) AS ring_no_answer,
       CAST(COALESCE(h.transferred, 0) AS INTEGER) AS transferred,
       COALESCE(li.logged_in_s, 0) AS logged_in_s,
       COALESCE(pa.paused_s, 0) AS paused_s,
       COALESCE(h.talk_s, 0) / nullif(COALESCE(li.logged_in_s, 0) - COALESCE(pa.paused_s, 0), 0) AS occupancy
FROM interfaces i
LEFT JOIN people pp ON pp.rep_id = i.rep_key
LEFT JOIN handled h ON h.rep_key = i.rep_key
LEFT JOIN rings r ON r.rep_key = i.rep_key
LEFT JOIN logged_in li ON li.rep_key = i.rep_key
LEFT JOIN paused pa ON pa.rep_key = i.rep_key
ORDER BY rep, rep_id;
