-- One part of the fast path's visits (new_visits, sql/derive-new-queue-visits.sql) as visit_summary
-- and visit_did for sql/visit-calls.sql, in the load's transaction: the simple visits of the callids
-- the general path does not take (affected_callids), and their DIDs.
SET VARIABLE new_part = CAST($part AS INTEGER);

CREATE OR REPLACE TEMP VIEW visit_summary AS
SELECT callid AS vcallid, queue, 1 AS visit_no, 0 AS file_id, line_no, enter_ts,
       enter_d1, enter_d2, enter_d3, connect_ts, connect_agent, connect_hold,
       end_event, end_kind, end_ts, end_agent, end_d1, end_d2, end_d3, end_d4, rna
FROM new_visits
WHERE part = getvariable('new_part') AND simple AND callid NOT IN (SELECT callid FROM affected_callids);

CREATE OR REPLACE TEMP VIEW visit_did AS
SELECT vcallid, queue, visit_no, did FROM new_visit_did WHERE part = getvariable('new_part');
