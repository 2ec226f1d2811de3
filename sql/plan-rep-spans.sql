-- Per rep (a roster person, else the interface's rep id, as rep-activity.sql names them) the first and
-- last local dates ($tz) on which they answered an inbound call before the local date $to: the staffing
-- plan's attrition counts the reps whose calls stopped. Each interface's first and last call first,
-- then its rep and local dates (a local date only grows with the instant).
WITH by_interface AS (
  SELECT agent, min(enter_ts) AS first_ts, max(enter_ts) AS last_ts
  FROM calls
  WHERE direction = 'inbound' AND outcome = 'answered' AND agent IS NOT NULL
    AND enter_ts < local_day_start($tz, $to)
  GROUP BY agent
)
SELECT COALESCE(p.rep_id, rep_id_of(c.agent)) AS rep_id,
       strftime(timezone($tz, min(c.first_ts)), '%Y-%m-%d') AS first_date,
       strftime(timezone($tz, max(c.last_ts)), '%Y-%m-%d') AS last_date
FROM by_interface c LEFT JOIN roster p ON p.interface = c.agent
GROUP BY ALL
ORDER BY rep_id;
