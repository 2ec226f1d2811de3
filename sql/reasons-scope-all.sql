-- Every call's reason to be worked out again (sql/refresh-call-reasons.sql): after the admin changes
-- where reasons come from (the queue_log event names, the CDR column). Fills the same temp tables as
-- sql/reasons-scope-load.sql with everything. The reason lines still in queue_events are read again
-- (an event name may have been added or dropped); those records retention purged from queue_events
-- stay as they are and keep what they attach to.

DELETE FROM reason_lines l
WHERE EXISTS (SELECT 1 FROM queue_events e WHERE e.file_id = l.file_id AND e.line_no = l.line_no);

CREATE OR REPLACE TEMP TABLE reason_new_lines AS
SELECT e.file_id, e.line_no, e.ts, e.callid, e.queue, e.agent, e.event, trim(e.data1) AS code
FROM queue_events_of_kinds(['reason']) e -- (the rows chosen by code: migration 042)
WHERE nullif(trim(e.data1), '') IS NOT NULL;

CREATE OR REPLACE TEMP TABLE reason_new_requests AS
SELECT file_id, line_no FROM service_requests;

CREATE OR REPLACE TEMP TABLE reason_scope AS
SELECT callid FROM (
  SELECT callid FROM calls
  UNION SELECT callid FROM excluded_calls
  UNION SELECT callid FROM reason_lines
  UNION SELECT callid FROM reason_new_lines
  UNION SELECT callid FROM call_reasons
) WHERE callid IS NOT NULL;
