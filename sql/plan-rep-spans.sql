-- Per rep (a roster person, else the interface's rep id, as rep-activity.sql names them) the first and
-- last local dates ($tz) on which they answered an inbound call before the local date $to: the staffing
-- plan's attrition counts the reps whose calls stopped.
SELECT COALESCE(p.rep_id, rep_id_of(c.agent)) AS rep_id,
       strftime(min(timezone($tz, c.enter_ts)), '%Y-%m-%d') AS first_date,
       strftime(max(timezone($tz, c.enter_ts)), '%Y-%m-%d') AS last_date
FROM calls c LEFT JOIN roster p ON p.interface = c.agent
WHERE c.direction = 'inbound' AND c.outcome = 'answered' AND c.agent IS NOT NULL
  AND c.enter_ts < local_day_start($tz, $to)
GROUP BY ALL
ORDER BY rep_id;
