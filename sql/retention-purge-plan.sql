-- What a purge removes (records retention, migration 031), as temp tables of the doomed rows, so
-- that the counts a dry run shows and the rows sql/retention-purge-apply.sql removes are the same.
-- Runs inside the purge's transaction (app/server/retention.ts).
--
-- $tz: the center's zone; $raw_before, $calls_before, $numbers_before, $notes_before,
-- $evaluations_before, $audit_before, $reports_before: local dates (YYYY-MM-DD) whose records before
-- them go, or null (kept forever). A record under a legal hold (legal_holds, not removed) stays:
-- a hold on dates keeps what happened on them, a hold on a rep what they answered or were written
-- about, a hold on a caller number (its last 10 digits) that caller's calls; a held call keeps its
-- raw events, notes and evaluations.

CREATE OR REPLACE TEMP TABLE purge_holds AS
SELECT scope, from_date, to_date, rep_id, number_key_of(caller) AS number_key,
       local_day_start($tz, from_date) AS from_ts, local_day_end($tz, to_date) AS to_ts
FROM legal_holds
WHERE removed_at IS NULL;

-- Held reps by their id and their member interfaces (the roster's, and those the id is made from).
CREATE OR REPLACE TEMP TABLE purge_held_reps AS
SELECT h.rep_id, r.interface
FROM purge_holds h LEFT JOIN roster r ON r.rep_id = h.rep_id
WHERE h.scope = 'rep';

CREATE OR REPLACE TEMP TABLE purge_held_calls AS
SELECT c.tbl, c.file_id, c.line_no, c.callid
FROM (SELECT 'calls' AS tbl, file_id, line_no, callid, enter_ts, agent, caller FROM calls
      UNION ALL
      SELECT 'excluded_calls', file_id, line_no, callid, enter_ts, agent, caller FROM excluded_calls) c
WHERE EXISTS (SELECT 1 FROM purge_holds h WHERE h.scope = 'dates' AND c.enter_ts >= h.from_ts AND c.enter_ts < h.to_ts)
   OR EXISTS (SELECT 1 FROM purge_held_reps r WHERE r.rep_id = rep_id_of(c.agent) OR r.interface = c.agent)
   OR EXISTS (SELECT 1 FROM purge_holds h WHERE h.scope = 'caller' AND h.number_key = number_key_of(c.caller));

CREATE OR REPLACE TEMP TABLE purge_calls AS
SELECT c.tbl, c.file_id, c.line_no, c.callid, c.queue
FROM (SELECT 'calls' AS tbl, file_id, line_no, callid, queue, enter_ts FROM calls
      UNION ALL
      SELECT 'excluded_calls', file_id, line_no, callid, queue, enter_ts FROM excluded_calls) c
WHERE c.enter_ts < local_day_start($tz, CAST($calls_before AS DATE))
  AND NOT EXISTS (SELECT 1 FROM purge_held_calls h WHERE h.file_id = c.file_id AND h.line_no = c.line_no);

-- Calls that stay but lose their caller's number.
CREATE OR REPLACE TEMP TABLE purge_numbers AS
SELECT c.tbl, c.file_id, c.line_no, c.callid
FROM (SELECT 'calls' AS tbl, file_id, line_no, callid, enter_ts, caller FROM calls
      UNION ALL
      SELECT 'excluded_calls', file_id, line_no, callid, enter_ts, caller FROM excluded_calls) c
WHERE c.enter_ts < local_day_start($tz, CAST($numbers_before AS DATE))
  AND c.caller IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM purge_held_calls h WHERE h.file_id = c.file_id AND h.line_no = c.line_no)
  AND NOT EXISTS (SELECT 1 FROM purge_calls p WHERE p.file_id = c.file_id AND p.line_no = c.line_no);

-- Service requests (migration 033) that lose their caller's number; each keeps the call it matched.
CREATE OR REPLACE TEMP TABLE purge_number_requests AS
SELECT s.file_id, s.line_no
FROM service_requests s
WHERE s.created_ts < local_day_start($tz, CAST($numbers_before AS DATE))
  AND s.caller IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM purge_holds h WHERE h.scope = 'caller' AND h.number_key = s.caller_key)
  AND NOT EXISTS (SELECT 1 FROM purge_holds h WHERE h.scope = 'dates' AND s.created_ts >= h.from_ts AND s.created_ts < h.to_ts);

-- Raw queue_log lines: not the log-ins, pauses and restarts the reps' states are built from.
CREATE OR REPLACE TEMP TABLE purge_events AS
SELECT e.file_id, e.line_no
FROM queue_events e
LEFT JOIN queue_event_types t ON t.event = e.event
WHERE e.ts < local_day_start($tz, CAST($raw_before AS DATE))
  AND COALESCE(t.kind, 'unknown') NOT IN ('member_on', 'member_off', 'pause_on', 'pause_off', 'system')
  AND (e.callid IS NULL OR e.callid NOT IN (SELECT callid FROM purge_held_calls))
  AND NOT EXISTS (SELECT 1 FROM purge_holds h WHERE h.scope = 'dates' AND e.ts >= h.from_ts AND e.ts < h.to_ts)
  AND NOT EXISTS (SELECT 1 FROM purge_held_reps r WHERE r.rep_id = rep_id_of(e.agent) OR r.interface = e.agent);

CREATE OR REPLACE TEMP TABLE purge_cdr AS
SELECT d.file_id, d.line_no
FROM cdr_records d
WHERE d.start_ts < local_day_start($tz, CAST($raw_before AS DATE))
  AND NOT EXISTS (SELECT 1 FROM purge_held_calls h WHERE h.callid = d.uniqueid OR h.callid = d.linkedid)
  AND NOT EXISTS (SELECT 1 FROM purge_holds h WHERE h.scope = 'dates' AND d.start_ts >= h.from_ts AND d.start_ts < h.to_ts)
  AND NOT EXISTS (SELECT 1 FROM purge_holds h WHERE h.scope = 'caller'
                    AND h.number_key IN (number_key_of(d.src), number_key_of(d.dst), number_key_of(d.clid)));

-- Quarantined lines and rejected values, by the load that met them.
CREATE OR REPLACE TEMP TABLE purge_runs AS
SELECT r.run_id
FROM load_runs r
WHERE r.started_at < local_day_start($tz, CAST($raw_before AS DATE))
  AND NOT EXISTS (SELECT 1 FROM purge_holds h WHERE h.scope = 'dates' AND r.started_at >= h.from_ts AND r.started_at < h.to_ts);

CREATE OR REPLACE TEMP TABLE purge_number_events AS
SELECT e.file_id, e.line_no
FROM queue_events e
WHERE e.event IN ('ENTERQUEUE', 'JOINEMPTY', 'JOINUNAVAIL', 'FULL')
  AND e.ts < local_day_start($tz, CAST($numbers_before AS DATE))
  AND (e.callid IS NULL OR e.callid NOT IN (SELECT callid FROM purge_held_calls))
  AND NOT EXISTS (SELECT 1 FROM purge_events p WHERE p.file_id = e.file_id AND p.line_no = e.line_no);

CREATE OR REPLACE TEMP TABLE purge_number_cdr AS
SELECT d.file_id, d.line_no
FROM cdr_records d
WHERE d.start_ts < local_day_start($tz, CAST($numbers_before AS DATE))
  AND NOT EXISTS (SELECT 1 FROM purge_held_calls h WHERE h.callid = d.uniqueid OR h.callid = d.linkedid)
  AND NOT EXISTS (SELECT 1 FROM purge_cdr p WHERE p.file_id = d.file_id AND p.line_no = d.line_no);

CREATE OR REPLACE TEMP TABLE purge_number_runs AS
SELECT r.run_id
FROM load_runs r
WHERE r.started_at < local_day_start($tz, CAST($numbers_before AS DATE))
  AND NOT EXISTS (SELECT 1 FROM purge_holds h WHERE h.scope = 'dates' AND r.started_at >= h.from_ts AND r.started_at < h.to_ts);

CREATE OR REPLACE TEMP TABLE purge_notes AS
SELECT n.id
FROM notes n
WHERE n.created_at < local_day_start($tz, CAST($notes_before AS DATE))
  AND n.rep_id NOT IN (SELECT rep_id FROM purge_held_reps)
  AND NOT EXISTS (SELECT 1 FROM purge_holds h WHERE h.scope = 'dates'
                    AND ((n.created_at >= h.from_ts AND n.created_at < h.to_ts) OR n.ref_date BETWEEN h.from_date AND h.to_date))
  AND (n.call_ref IS NULL OR n.call_ref NOT IN (SELECT file_id || ':' || line_no FROM purge_held_calls));

CREATE OR REPLACE TEMP TABLE purge_evaluations AS
SELECT q.id
FROM quality_evaluations q
WHERE q.call_enter_ts < local_day_start($tz, CAST($evaluations_before AS DATE))
  AND q.rep_id NOT IN (SELECT rep_id FROM purge_held_reps)
  AND q.agent NOT IN (SELECT interface FROM purge_held_reps WHERE interface IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM purge_holds h WHERE h.scope = 'dates' AND q.call_enter_ts >= h.from_ts AND q.call_enter_ts < h.to_ts)
  AND NOT EXISTS (SELECT 1 FROM purge_held_calls h WHERE h.file_id = q.call_file_id AND h.line_no = q.call_line_no);

CREATE OR REPLACE TEMP TABLE purge_audit AS
SELECT a.id
FROM audit_log a
WHERE a.changed_at < local_day_start($tz, CAST($audit_before AS DATE))
  AND NOT EXISTS (SELECT 1 FROM purge_holds h WHERE h.scope = 'dates' AND a.changed_at >= h.from_ts AND a.changed_at < h.to_ts);

CREATE OR REPLACE TEMP TABLE purge_reports AS
SELECT r.id
FROM reports r
WHERE r.period_to < CAST($reports_before AS DATE)
  AND NOT EXISTS (SELECT 1 FROM purge_holds h WHERE h.scope = 'dates' AND r.period_from <= h.to_date AND r.period_to >= h.from_date);
