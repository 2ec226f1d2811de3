-- Rebuilds every call's reason (migration 033 explains the sources and their precedence) from what
-- is loaded: the queue_log reason lines and the visits they attach to, then the winner per call.
-- Runs inside each load's transaction, after the calls were derived; rebuilding all of it keeps a
-- load idempotent and a call derived again (a later line of its callid) keeps its reason.
-- Records retention may purge raw lines (queue_events, cdr_records) before the calls: a reason whose
-- line is gone keeps what it attached to (reason_lines rows stay; a CDR winner is carried over).

CREATE OR REPLACE TEMP TABLE carried_reasons AS
SELECT r.* FROM call_reasons r
WHERE r.source = 'cdr'
  AND NOT EXISTS (SELECT 1 FROM cdr_records d WHERE d.file_id = r.src_file_id AND d.line_no = r.src_line_no);

DELETE FROM reason_lines l
WHERE EXISTS (SELECT 1 FROM queue_events e WHERE e.file_id = l.file_id AND e.line_no = l.line_no);

-- A reason line attaches to its callid's visit in that queue that ended at or before it, within 30
-- minutes: the latest such. Excluded calls count as visits too (the line is theirs, not unattached).
INSERT INTO reason_lines
WITH lines AS (
  SELECT e.file_id, e.line_no, e.ts, e.callid, e.queue, e.agent, e.event, trim(e.data1) AS code
  FROM queue_events e JOIN queue_event_types t ON t.event = e.event AND t.kind = 'reason'
  WHERE nullif(trim(e.data1), '') IS NOT NULL
), visits AS (
  SELECT file_id, line_no, callid, queue, end_ts FROM calls
  WHERE callid IN (SELECT callid FROM lines) AND end_ts IS NOT NULL
  UNION ALL
  SELECT file_id, line_no, callid, queue, end_ts FROM excluded_calls
  WHERE callid IN (SELECT callid FROM lines) AND end_ts IS NOT NULL
), attached AS (
  SELECT l.file_id, l.line_no, arg_max({'f': v.file_id, 'l': v.line_no}, v.end_ts) AS visit
  FROM lines l
  JOIN visits v ON v.callid = l.callid AND v.queue = l.queue
               AND v.end_ts <= l.ts AND v.end_ts >= l.ts - INTERVAL 30 MINUTE
  GROUP BY l.file_id, l.line_no
)
SELECT l.file_id, l.line_no, l.ts, l.callid, l.queue, l.agent, l.event, l.code, a.visit.f, a.visit.l
FROM lines l LEFT JOIN attached a USING (file_id, line_no);

-- A service request matches the call from its caller's number (number_key_of: the last 10 digits)
-- that ended at or before the request was created, within 2 hours: the latest such call (the one the
-- caller just hung up from). Requests without a number, or with no such call, stay unmatched; one
-- whose number was erased since (sql/erase-caller-number.sql) keeps the call it matched.
UPDATE service_requests SET call_file_id = NULL, call_line_no = NULL WHERE caller IS NOT NULL;
UPDATE service_requests s SET call_file_id = m.visit.f, call_line_no = m.visit.l
FROM (
  SELECT r.file_id, r.line_no, arg_max({'f': c.file_id, 'l': c.line_no}, c.end_ts) AS visit
  FROM service_requests r
  JOIN calls c ON number_key_of(c.caller) = number_key_of(r.caller)
              AND c.end_ts <= r.created_ts AND c.end_ts >= r.created_ts - INTERVAL 2 HOUR
  WHERE r.caller IS NOT NULL AND c.caller IS NOT NULL AND c.direction = 'inbound'
  GROUP BY r.file_id, r.line_no
) m
WHERE s.file_id = m.file_id AND s.line_no = m.line_no;

DELETE FROM call_reasons;

-- The winner per call: queue_log (rank 1) over CDR and mapped CSV (rank 2) over service requests (3);
-- within a rank the latest.
INSERT INTO call_reasons
WITH setting AS (
  SELECT COALESCE((SELECT json_extract_string(value, '$') FROM settings WHERE key = 'reason_cdr_field'), 'userfield') AS field
), cdr AS (
  SELECT r.file_id, r.line_no, r.end_ts, r.uniqueid, r.linkedid,
         nullif(trim(CASE s.field WHEN 'accountcode' THEN r.accountcode WHEN 'userfield' THEN r.userfield END), '') AS code
  FROM cdr_records r, setting s
), cdr_coded AS (
  SELECT * FROM cdr WHERE code IS NOT NULL
), candidates AS (
  SELECT call_file_id AS file_id, call_line_no AS line_no, code, 'queue_log' AS source, 1 AS src_rank, ts AS given_at,
         file_id AS src_file_id, line_no AS src_line_no
  FROM reason_lines WHERE call_file_id IS NOT NULL
  UNION ALL
  SELECT file_id, line_no, code, source, 2, NULL, src_file_id, src_line_no FROM carried_reasons
  UNION ALL
  SELECT c.file_id, c.line_no, r.code, 'cdr', 2, r.end_ts, r.file_id, r.line_no
  FROM cdr_coded r JOIN calls c ON c.callid = r.linkedid
  UNION ALL
  SELECT c.file_id, c.line_no, r.code, 'cdr', 2, r.end_ts, r.file_id, r.line_no
  FROM cdr_coded r JOIN calls c ON c.callid = r.uniqueid AND r.uniqueid IS DISTINCT FROM r.linkedid
  UNION ALL
  SELECT c.file_id, c.line_no, m.code, 'csv', 2, c.end_ts, m.file_id, m.line_no
  FROM mapped_reasons m JOIN calls c USING (file_id, line_no)
  UNION ALL
  SELECT call_file_id, call_line_no, request_type, 'service_request', 3, created_ts, file_id, line_no
  FROM service_requests WHERE call_file_id IS NOT NULL
)
SELECT file_id, line_no, code, source, src_file_id, src_line_no
FROM candidates
QUALIFY row_number() OVER (PARTITION BY file_id, line_no
                           ORDER BY src_rank, given_at DESC NULLS LAST, src_file_id DESC, src_line_no DESC) = 1;

DROP TABLE carried_reasons;
