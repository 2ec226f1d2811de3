-- Works out the reasons of the calls a load may have changed (migration 033 explains the sources and
-- their precedence), in the load's transaction, from the temp tables sql/reasons-scope-load.sql fills
-- (or sql/reasons-scope-all.sql, for every call): reason_scope (callids), reason_new_lines,
-- reason_new_requests. What a call's reason depends on is all found from those: its callid's visits
-- and reason lines, the CDR legs of its callid, its own CSV row, the service requests from its
-- number in the 2 hours after it. So loading data in one go or in pieces, in any order, gives the
-- same reasons as working out every call at once (analytics/reasons/reasons-incremental.test.ts holds it).
-- Records retention may purge raw lines (queue_events, cdr_records) before the calls: a reason whose
-- line is gone keeps what it attached to (reason_lines rows stay; a CDR winner is carried over).

-- Every visit of the callids in scope, excluded calls included (their lines are theirs, and a reason
-- does not change when an admin excludes or includes the call).
CREATE OR REPLACE TEMP TABLE scope_visits AS
SELECT file_id, line_no, callid, queue, end_ts, direction, caller FROM calls
WHERE callid IN (SELECT callid FROM reason_scope)
UNION ALL
SELECT file_id, line_no, callid, queue, end_ts, direction, caller FROM excluded_calls
WHERE callid IN (SELECT callid FROM reason_scope);

-- A reason line attaches to its callid's visit in that queue that ended at or before it, within 30
-- minutes: the latest such. The scope's lines are attached again (their visits may have changed),
-- the new ones for the first time; a line that attaches to nothing is kept (listed for the admin).
CREATE OR REPLACE TEMP TABLE scope_lines AS
SELECT file_id, line_no, ts, callid, queue, agent, event, code FROM reason_lines
WHERE callid IN (SELECT callid FROM reason_scope)
UNION ALL
SELECT file_id, line_no, ts, callid, queue, agent, event, code FROM reason_new_lines;

DELETE FROM reason_lines WHERE callid IN (SELECT callid FROM reason_scope);

INSERT INTO reason_lines (file_id, line_no, ts, callid, queue, agent, event, code, call_file_id, call_line_no)
WITH attached AS (
  SELECT l.file_id, l.line_no, arg_max({'f': v.file_id, 'l': v.line_no}, v.end_ts) AS visit
  FROM scope_lines l
  JOIN scope_visits v ON v.callid = l.callid AND v.queue = l.queue
                     AND v.end_ts <= l.ts AND v.end_ts >= l.ts - INTERVAL 30 MINUTE
  GROUP BY l.file_id, l.line_no
)
SELECT l.file_id, l.line_no, l.ts, l.callid, l.queue, l.agent, l.event, l.code, a.visit.f, a.visit.l
FROM scope_lines l LEFT JOIN attached a USING (file_id, line_no);

-- A service request matches the inbound call (excluded ones too) from its caller's number
-- (number_key_of: the last 10 digits) that ended at or before the request was created, within 2 hours: the latest such call (the
-- one the caller just hung up from). Matched again here: the new requests, those whose call was
-- derived again, and those a call in scope could now be the match of. A request without a number, or
-- with no such call, stays unmatched; one whose number was erased since keeps the call it matched.
CREATE OR REPLACE TEMP TABLE rematch AS
SELECT s.file_id, s.line_no, s.caller_key, s.created_ts, s.call_file_id AS was_file_id, s.call_line_no AS was_line_no
FROM service_requests s
WHERE s.caller_key IS NOT NULL AND (
     EXISTS (SELECT 1 FROM reason_new_requests n WHERE n.file_id = s.file_id AND n.line_no = s.line_no)
  OR s.call_callid IN (SELECT callid FROM reason_scope)
  OR EXISTS (SELECT 1 FROM scope_visits v
             WHERE v.direction = 'inbound' AND v.caller IS NOT NULL AND number_key_of(v.caller) = s.caller_key
               AND s.created_ts >= v.end_ts AND s.created_ts <= v.end_ts + INTERVAL 2 HOUR));

-- The calls' range to read, as constants, so the scan skips the rest of history.
SET VARIABLE reason_match_from = (SELECT min(created_ts) - INTERVAL 2 HOUR FROM rematch);
SET VARIABLE reason_match_to = (SELECT max(created_ts) FROM rematch);

CREATE OR REPLACE TEMP TABLE rematched AS
WITH nearby AS (
  SELECT file_id, line_no, callid, end_ts, number_key_of(caller) AS caller_key FROM calls
  WHERE end_ts >= getvariable('reason_match_from') AND end_ts <= getvariable('reason_match_to')
    AND direction = 'inbound' AND caller IS NOT NULL
  UNION ALL
  SELECT file_id, line_no, callid, end_ts, number_key_of(caller) AS caller_key FROM excluded_calls
  WHERE end_ts >= getvariable('reason_match_from') AND end_ts <= getvariable('reason_match_to')
    AND direction = 'inbound' AND caller IS NOT NULL
)
SELECT r.file_id, r.line_no, r.was_file_id, r.was_line_no,
       arg_max({'f': c.file_id, 'l': c.line_no, 'callid': c.callid, 'end_ts': c.end_ts}, c.end_ts) AS visit
FROM rematch r
LEFT JOIN nearby c ON c.caller_key = r.caller_key AND c.end_ts <= r.created_ts AND c.end_ts >= r.created_ts - INTERVAL 2 HOUR
GROUP BY r.file_id, r.line_no, r.was_file_id, r.was_line_no;

UPDATE service_requests s
SET call_file_id = m.visit.f, call_line_no = m.visit.l, call_callid = m.visit.callid
FROM rematched m WHERE s.file_id = m.file_id AND s.line_no = m.line_no;

-- The calls whose reason is worked out: the scope's visits, and the calls a request left or took.
CREATE OR REPLACE TEMP TABLE scope_calls AS
SELECT file_id, line_no, callid, end_ts FROM scope_visits
UNION
SELECT visit.f, visit.l, visit.callid, visit.end_ts FROM rematched WHERE visit.f IS NOT NULL
UNION
SELECT v.file_id, v.line_no, v.callid, v.end_ts
FROM (SELECT file_id, line_no, callid, end_ts FROM calls UNION ALL SELECT file_id, line_no, callid, end_ts FROM excluded_calls) v
JOIN rematched m ON m.was_file_id = v.file_id AND m.was_line_no = v.line_no;

-- A CDR winner whose leg records retention purged is carried over.
CREATE OR REPLACE TEMP TABLE carried_reasons AS
SELECT r.* FROM call_reasons r JOIN scope_calls k USING (file_id, line_no)
WHERE r.source = 'cdr'
  AND NOT EXISTS (SELECT 1 FROM cdr_records d WHERE d.file_id = r.src_file_id AND d.line_no = r.src_line_no);

DELETE FROM call_reasons WHERE callid IN (SELECT callid FROM reason_scope);
DELETE FROM call_reasons r USING scope_calls k WHERE r.file_id = k.file_id AND r.line_no = k.line_no;

-- The winner per call: queue_log (rank 1) over CDR and mapped CSV (rank 2) over service requests (3);
-- within a rank the latest.
INSERT INTO call_reasons (file_id, line_no, code, source, src_file_id, src_line_no, callid)
WITH setting AS (
  SELECT COALESCE((SELECT json_extract_string(value, '$') FROM settings WHERE key = 'reason_cdr_field'), 'userfield') AS field
), cdr AS (
  -- A leg's code goes to the call whose callid is its linkedid, or its uniqueid (another leg's call).
  SELECT k.file_id, k.line_no, d.file_id AS src_file_id, d.line_no AS src_line_no, d.end_ts,
         nullif(trim(CASE s.field WHEN 'accountcode' THEN d.accountcode WHEN 'userfield' THEN d.userfield END), '') AS code
  FROM cdr_records d JOIN scope_calls k ON k.callid = d.linkedid, setting s
  UNION ALL
  SELECT k.file_id, k.line_no, d.file_id, d.line_no, d.end_ts,
         nullif(trim(CASE s.field WHEN 'accountcode' THEN d.accountcode WHEN 'userfield' THEN d.userfield END), '')
  FROM cdr_records d JOIN scope_calls k ON k.callid = d.uniqueid AND d.uniqueid IS DISTINCT FROM d.linkedid, setting s
), candidates AS (
  SELECT k.file_id, k.line_no, l.code, 'queue_log' AS source, 1 AS src_rank, l.ts AS given_at,
         l.file_id AS src_file_id, l.line_no AS src_line_no
  FROM reason_lines l JOIN scope_calls k ON k.file_id = l.call_file_id AND k.line_no = l.call_line_no
  UNION ALL
  SELECT file_id, line_no, code, source, 2, NULL, src_file_id, src_line_no FROM carried_reasons
  UNION ALL
  SELECT file_id, line_no, code, 'cdr', 2, end_ts, src_file_id, src_line_no FROM cdr WHERE code IS NOT NULL
  UNION ALL
  SELECT k.file_id, k.line_no, m.code, 'csv', 2, k.end_ts, m.file_id, m.line_no
  FROM mapped_reasons m JOIN scope_calls k USING (file_id, line_no)
  UNION ALL
  SELECT k.file_id, k.line_no, s.request_type, 'service_request', 3, s.created_ts, s.file_id, s.line_no
  FROM service_requests s JOIN scope_calls k ON k.file_id = s.call_file_id AND k.line_no = s.call_line_no
)
SELECT c.file_id, c.line_no, c.code, c.source, c.src_file_id, c.src_line_no, k.callid
FROM candidates c JOIN scope_calls k USING (file_id, line_no)
QUALIFY row_number() OVER (PARTITION BY c.file_id, c.line_no
                           ORDER BY c.src_rank, c.given_at DESC NULLS LAST, c.src_file_id DESC, c.src_line_no DESC) = 1;

DROP TABLE carried_reasons;
DROP TABLE scope_lines;
DROP TABLE rematch;
DROP TABLE rematched;
