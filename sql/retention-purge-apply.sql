-- Removes what sql/retention-purge-plan.sql planned, in the purge's transaction (app/server/retention.ts).
-- Source files' fingerprints (source_files) and load history (load_runs) stay, so a rotated copy of
-- a purged export is known and never loads its calls again. The call_slices summary stays too.

-- Each file's data span before any of its lines go (trends' coverage, sql/data-coverage.sql; the
-- events' stored rows, migration 042).
CREATE OR REPLACE TEMP TABLE purge_spans AS
SELECT file_id, min(first_ts) AS first_ts, max(last_ts) AS last_ts
FROM (SELECT file_id, min(ts) AS first_ts, max(ts) AS last_ts FROM queue_event_rows GROUP BY file_id
      UNION ALL SELECT file_id, min(enter_ts), max(enter_ts) FROM calls GROUP BY file_id
      UNION ALL SELECT file_id, first_ts, last_ts FROM retention_spans)
GROUP BY file_id;
DELETE FROM retention_spans;
INSERT INTO retention_spans SELECT file_id, first_ts, last_ts FROM purge_spans;

-- Calls, with what hangs on them.
DELETE FROM ring_attempts r USING purge_calls p WHERE p.tbl = 'calls' AND r.call_file_id = p.file_id AND r.call_line_no = p.line_no;
DELETE FROM call_facts f USING purge_calls p WHERE f.file_id = p.file_id AND f.line_no = p.line_no;
DELETE FROM lost_call_facts f USING purge_calls p WHERE f.file_id = p.file_id AND f.line_no = p.line_no;
DELETE FROM call_exclusions x USING purge_calls p WHERE p.tbl = 'excluded_calls' AND x.file_id = p.file_id AND x.line_no = p.line_no;
DELETE FROM calls c USING purge_calls p WHERE p.tbl = 'calls' AND c.file_id = p.file_id AND c.line_no = p.line_no;
DELETE FROM excluded_calls c USING purge_calls p WHERE p.tbl = 'excluded_calls' AND c.file_id = p.file_id AND c.line_no = p.line_no;
-- A purged call's reason goes with it, and the reason lines that attached to it (migration 033).
DELETE FROM call_reasons r USING purge_calls p WHERE r.file_id = p.file_id AND r.line_no = p.line_no;
DELETE FROM reason_lines l USING purge_calls p WHERE l.call_file_id = p.file_id AND l.call_line_no = p.line_no;
-- A lost call's handling note goes with the last of the callid's visits to that queue.
DELETE FROM lost_call_handling h
WHERE (h.callid, h.queue) IN (SELECT callid, queue FROM purge_calls)
  AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.callid = h.callid AND c.queue = h.queue);

-- Caller numbers: the calls stay, the number goes from them and from every line it came from.
UPDATE calls c SET caller = NULL FROM purge_numbers p WHERE p.tbl = 'calls' AND c.file_id = p.file_id AND c.line_no = p.line_no;
UPDATE excluded_calls c SET caller = NULL FROM purge_numbers p WHERE p.tbl = 'excluded_calls' AND c.file_id = p.file_id AND c.line_no = p.line_no;
UPDATE call_facts f SET number_key = NULL FROM purge_numbers p WHERE f.file_id = p.file_id AND f.line_no = p.line_no;
DELETE FROM lost_call_facts f USING purge_numbers p WHERE f.file_id = p.file_id AND f.line_no = p.line_no;
-- (queue_events is a view: the rows are queue_event_rows, migration 042, each field then kept on its own)
UPDATE queue_event_rows r
SET data = NULL, data2 = NULL,
    data1 = CASE WHEN e.event <> 'ENTERQUEUE' AND regexp_full_match(trim(e.data1), '\+?[0-9]{3,}') THEN NULL ELSE e.data1 END,
    data3 = e.data3, data4 = e.data4, data5 = e.data5
FROM purge_number_events p, queue_events e
WHERE r.file_id = p.file_id AND r.line_no = p.line_no AND e.file_id = p.file_id AND e.line_no = p.line_no;
UPDATE cdr_records d
SET src = NULL, clid = NULL, dst = CASE WHEN d.direction = 'outbound' THEN NULL ELSE d.dst END
FROM purge_number_cdr p WHERE d.file_id = p.file_id AND d.line_no = p.line_no;
UPDATE service_requests s SET caller = NULL, caller_key = NULL
FROM purge_number_requests p WHERE s.file_id = p.file_id AND s.line_no = p.line_no;
UPDATE quarantine SET raw = NULL WHERE raw IS NOT NULL AND run_id IN (SELECT run_id FROM purge_number_runs);

-- Raw events and source lines.
DELETE FROM queue_event_rows e USING purge_events p WHERE e.file_id = p.file_id AND e.line_no = p.line_no;
DELETE FROM cdr_records d USING purge_cdr p WHERE d.file_id = p.file_id AND d.line_no = p.line_no;
DELETE FROM quarantine WHERE run_id IN (SELECT run_id FROM purge_runs);
DELETE FROM field_rejections WHERE run_id IN (SELECT run_id FROM purge_runs);

DELETE FROM note_versions WHERE note_id IN (SELECT id FROM purge_notes);
DELETE FROM notes WHERE id IN (SELECT id FROM purge_notes);
DELETE FROM quality_evaluations WHERE id IN (SELECT id FROM purge_evaluations);
DELETE FROM audit_log WHERE id IN (SELECT id FROM purge_audit);
DELETE FROM reports WHERE id IN (SELECT id FROM purge_reports);

-- The summaries stay current for what is left (sql/upkeep/call-slices.ts reads them only while their
-- call count matches): the slices of purged calls are kept on purpose; the facts of the calls left
-- are unchanged, so the facts stay current when they were.
UPDATE call_facts_state
SET calls = (SELECT count(*) FROM calls), odd_calls = (SELECT count(*) FROM call_facts WHERE odd)
WHERE calls = $calls_before;
UPDATE call_slices_state SET calls = (SELECT count(*) FROM calls) WHERE calls = $calls_before;
