-- Which callids of the lines being published (stage_events) the general path,
-- sql/derive-queue-visits.sql, rebuilds from all their events: those already seen in queue_events
-- before this load (their visits need their earlier events; $had_events: whether queue_events held
-- any row at all), and those with a visit that is not simple (complex_callids, from
-- sql/derive-new-queue-visits.sql). Run in the load's transaction, before its lines are inserted.
CREATE OR REPLACE TEMP TABLE affected_callids AS
SELECT DISTINCT callid FROM queue_events
WHERE $had_events
  AND callid IN (SELECT callid FROM stage_events WHERE field IS NULL AND callid IS NOT NULL AND callid <> 'NONE')
UNION
SELECT callid FROM complex_callids;
