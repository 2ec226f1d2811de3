-- The reps whose phone rang without an answer on inbound visits entering in the local dates
-- $from..$to ($tz, $to inclusive), with how many times: rep-activity.sql's `ring_no_answer`, `rep_id`
-- and `rep` (its rings, visits, interfaces and people, word for word), without the logged-in and
-- paused time and the handled calls it also sums (the day view shows only these). Reps with none are
-- left out. analytics/reps/rep-activity.ts repRingNoAnswers.
WITH bounds AS (
  SELECT local_day_start($tz, $from) AS start_ts,
         local_day_end($tz, $to) AS end_ts
),
visits AS (
  SELECT c.* FROM calls c, bounds b
  WHERE c.direction = 'inbound' AND c.outcome IS NOT NULL
    AND c.enter_ts >= b.start_ts AND c.enter_ts < b.end_ts
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
       CAST(r.ring_no_answer AS INTEGER) AS ring_no_answer
FROM rings r
JOIN interfaces i ON i.rep_key = r.rep_key
LEFT JOIN people pp ON pp.rep_id = i.rep_key
ORDER BY rep, rep_id;
