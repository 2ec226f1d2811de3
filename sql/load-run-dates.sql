-- The local dates ($tz) the calls of each load run's file cover, for the Imports page ("covered
-- November 1 to November 24"). A run that appended to a file shows the whole file's span so far:
-- runs record bytes, not the calls they added.
WITH spans AS (
  SELECT file_id,
         strftime(min(timezone($tz, enter_ts)), '%Y-%m-%d') AS first_date,
         strftime(max(timezone($tz, enter_ts)), '%Y-%m-%d') AS last_date
  FROM calls
  GROUP BY file_id
)
SELECT r.run_id, r.path, s.first_date, s.last_date
FROM load_runs r
JOIN spans s USING (file_id)
WHERE r.status <> 'duplicate'
ORDER BY r.run_id DESC
LIMIT 200;
