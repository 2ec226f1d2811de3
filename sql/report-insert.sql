-- Stores a built report as the next version of its period; answers its id and version.
INSERT INTO reports (kind, period, period_from, period_to, version, built_at, built_by, time_zone, document)
SELECT $kind, $period, CAST($from AS DATE), CAST($to AS DATE),
       coalesce(max(version), 0) + 1, CAST($built_at AS TIMESTAMPTZ), $built_by, $time_zone, CAST($document AS JSON)
FROM reports WHERE kind = $kind AND period = $period
RETURNING id, version;
