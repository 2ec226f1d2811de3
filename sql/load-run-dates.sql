-- The local dates ($tz) the calls of each load run's file cover, for the Imports page ("covered
-- November 1 to November 24"). A run that appended to a file shows the whole file's span so far:
-- runs record bytes, not the calls they added. The dates are those of the file's first and last
-- call (the instants found first, then put in the zone: two conversions per file, not one per call).
WITH spans AS (
  SELECT file_id,
         strftime(timezone($tz, min(enter_ts)), '%Y-%m-%d') AS first_date,
         strftime(timezone($tz, max(enter_ts)), '%Y-%m-%d') AS last_date
  FROM calls
  GROUP BY file_id
)
SELECT r.run_id, r.path, s.first_date, s.last_date
FROM load_runs r
JOIN spans s USING (file_id)
WHERE r.status <> 'duplicate'
ORDER BY r.run_id DESC
LIMIT 200;
