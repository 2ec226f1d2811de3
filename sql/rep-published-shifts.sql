-- One rep's shifts in published weeks from $from to $to (local dates; minutes of the center's day).
-- A week being redrafted after publishing is not shown: only what the scheduler has published.
SELECT strftime(s.date, '%Y-%m-%d') AS date, s.start_minute, s.end_minute,
       CAST(s.breaks AS VARCHAR) AS breaks
FROM schedule_shifts s
JOIN schedule_weeks w ON w.week_start = s.week_start AND w.status = 'published'
WHERE s.rep_id = $rep_id
  AND s.date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
ORDER BY s.date
