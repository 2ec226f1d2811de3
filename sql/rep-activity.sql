-- Per rep over the local dates $from..$to ($tz, $to inclusive): calls handled, talk and handle
-- time, ring-no-answers, transfers (of inbound visits entering in the range and closed), and
-- logged-in and paused time from rep_states.
--
-- A rep is a roster person (rep_id) when the roster maps the interface, else the interface (with the
-- id rep_id_of(interface), as GET /api/reps gives it). Logged in = the union of their log-in intervals
-- in every queue (three queues at once count once); paused = paused while logged in; both clipped to
-- the range, a state no log-off closed ending by the rule of migrations/018-rep-state-ends.sql:
-- rep_states_in and rep_available_spans (migrations 009 and 018) say how.
WITH bounds AS (
  SELECT local_day_start($tz, $from) AS start_ts,
         local_day_end($tz, $to) AS end_ts
),
available AS (
  SELECT rep_key,
         sum(epoch(e_ts) - epoch(s_ts)) FILTER (WHERE sign = 1) AS logged_in_s,
         sum(epoch(e_ts) - epoch(s_ts)) FILTER (WHERE sign = -1) AS paused_s
  FROM rep_available_spans(local_day_start($tz, $from), local_day_end($tz, $to))
  GROUP BY rep_key
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
    SELECT rep_key, interface FROM rep_states_in(local_day_start($tz, $from), local_day_end($tz, $to))
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
       COALESCE(a.logged_in_s, 0) AS logged_in_s,
       COALESCE(a.paused_s, 0) AS paused_s,
       COALESCE(h.talk_s, 0) / nullif(COALESCE(a.logged_in_s, 0) - COALESCE(a.paused_s, 0), 0) AS occupancy
FROM interfaces i
LEFT JOIN people pp ON pp.rep_id = i.rep_key
LEFT JOIN handled h ON h.rep_key = i.rep_key
LEFT JOIN rings r ON r.rep_key = i.rep_key
LEFT JOIN available a ON a.rep_key = i.rep_key
ORDER BY rep, rep_id;
