-- The reason catalogue and every code seen in calls: known codes with their name and group, codes no
-- catalogue entry names (in_catalogue false: shown as themselves, listed for the admin), and how many
-- calls carry each and from which source.
WITH seen AS (
  SELECT code, count(*) AS calls,
         count(*) FILTER (WHERE source = 'queue_log') AS from_queue_log,
         count(*) FILTER (WHERE source = 'cdr') AS from_cdr,
         count(*) FILTER (WHERE source = 'csv') AS from_csv,
         count(*) FILTER (WHERE source = 'service_request') AS from_service_requests
  FROM call_reasons GROUP BY code
)
SELECT COALESCE(k.code, s.code) AS code, k.name, k.reason_group, k.code IS NOT NULL AS in_catalogue,
       strftime(k.updated_at, '%Y-%m-%dT%H:%M:%SZ') AS updated_at, k.updated_by,
       CAST(COALESCE(s.calls, 0) AS INTEGER) AS calls,
       CAST(COALESCE(s.from_queue_log, 0) AS INTEGER) AS from_queue_log,
       CAST(COALESCE(s.from_cdr, 0) AS INTEGER) AS from_cdr,
       CAST(COALESCE(s.from_csv, 0) AS INTEGER) AS from_csv,
       CAST(COALESCE(s.from_service_requests, 0) AS INTEGER) AS from_service_requests
FROM reason_catalogue k FULL JOIN seen s ON s.code = k.code
ORDER BY in_catalogue, COALESCE(k.reason_group, ''), code;
