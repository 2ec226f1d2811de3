-- Where reasons come from now: the queue_log event names (queue_event_types of kind 'reason'), the CDR
-- column, the queue_log reason lines that attached to no visit (kept, counted, the latest listed), and
-- the service requests loaded, those without a caller's number and those that matched no call.
SELECT (SELECT list(event ORDER BY event) FROM queue_event_types WHERE kind = 'reason') AS events,
       COALESCE((SELECT json_extract_string(value, '$') FROM settings WHERE key = 'reason_cdr_field'), 'userfield') AS cdr_field,
       (SELECT CAST(count(*) AS INTEGER) FROM reason_lines) AS lines,
       (SELECT CAST(count(*) AS INTEGER) FROM reason_lines WHERE call_file_id IS NULL) AS unattached,
       (SELECT CAST(count(*) AS INTEGER) FROM service_requests) AS service_requests,
       (SELECT CAST(count(*) AS INTEGER) FROM service_requests WHERE caller IS NULL) AS service_requests_without_number,
       (SELECT CAST(count(*) AS INTEGER) FROM service_requests WHERE call_file_id IS NULL) AS service_requests_unmatched;
