-- What one load brought that call reasons follow (migration 033 tells the sources and their
-- precedence), in the load's transaction after its calls were derived and excluded calls held:
--   reason_new_lines     the queue_log reason lines it loaded (its queue_events past $line_base);
--   reason_new_requests  the service requests it loaded;
--   reason_scope         the callids whose reasons it may change: the calls it deleted or inserted
--                        (changed_callids, noted by sql/upkeep/call-slices.ts), the callids of its
--                        reason lines, the uniqueids and linkedids of its CDR legs, its CSV calls.
-- sql/refresh-call-reasons.sql then works out those and nothing else, so a followed file's append of
-- a few lines reads a few rows (zone maps skip the rest: the tables are in load order), not history.

CREATE OR REPLACE TEMP TABLE reason_new_lines AS
SELECT e.file_id, e.line_no, e.ts, e.callid, e.queue, e.agent, e.event, trim(e.data1) AS code
FROM queue_events_of_kinds(['reason']) e -- (the rows chosen by code: migration 042)
WHERE e.file_id = $file_id AND e.line_no > $line_base AND nullif(trim(e.data1), '') IS NOT NULL;

CREATE OR REPLACE TEMP TABLE reason_new_requests AS
SELECT file_id, line_no FROM service_requests WHERE file_id = $file_id AND line_no > $line_base;

CREATE OR REPLACE TEMP TABLE reason_scope AS
SELECT callid FROM (
  SELECT callid FROM changed_callids
  UNION SELECT callid FROM reason_new_lines
  UNION SELECT linkedid FROM cdr_records WHERE file_id = $file_id AND line_no > $line_base
  UNION SELECT uniqueid FROM cdr_records WHERE file_id = $file_id AND line_no > $line_base
  UNION SELECT callid FROM calls WHERE file_id = $file_id AND line_no > $line_base
) WHERE callid IS NOT NULL;
