-- Every queue Callboard knows of: those with settings and those seen in calls.
SELECT queue FROM queue_settings
UNION
SELECT DISTINCT queue FROM calls
ORDER BY queue;
