-- The view visit_calls: the rows for calls of the visits in visit_summary (one row per visit: its
-- ENTERQUEUE, first CONNECT and terminal event, as sql/derive-queue-visits.sql or
-- sql/derive-new-queue-visits.sql sums them up), with the DID of visit_did (the visits that have
-- one), following docs/definitions.md (Calls). Every number, read or a difference of two
-- timestamps standing in for a missing one, counts only when plausible (plausible_duration_s, from
-- ingest/field-ranges.ts): a value the staging did not see (events loaded before that check) or a
-- clock jump leaves the figure missing, never negative or days long.
CREATE OR REPLACE TEMP VIEW visit_calls AS
WITH s AS (
  SELECT *,
    -- ENTERQUEUE|url|callerid[|position]; some systems write ENTERQUEUE|callerid.
    COALESCE(nullif(trim(enter_d2), ''),
             CASE WHEN regexp_full_match(trim(enter_d1), '\+?[0-9]{3,}') THEN trim(enter_d1) END) AS caller_raw,
    CASE end_kind WHEN 'answered_end' THEN 'answered' WHEN 'abandoned_end' THEN 'abandoned'
                  WHEN 'timed_out_end' THEN 'timed_out' WHEN 'blocked' THEN 'blocked' END AS outcome
  FROM visit_summary
)
SELECT 'queue_log' AS source, s.file_id, s.line_no, s.vcallid AS callid, s.queue, 'inbound' AS direction,
       CASE WHEN lower(s.caller_raw) IN ('unknown', 'anonymous', 'restricted', 'private') THEN NULL
            ELSE s.caller_raw END AS caller,
       d.did,
       s.enter_ts, s.connect_ts,
       CASE WHEN s.outcome IS NOT NULL THEN s.end_ts END AS end_ts,
       s.outcome, s.end_event,
       COALESCE(s.connect_agent, CASE WHEN s.outcome = 'answered' THEN s.end_agent END) AS agent,
       CASE s.outcome
         WHEN 'answered' THEN COALESCE(
           plausible_duration_s(TRY_CAST(s.connect_hold AS DOUBLE)),
           plausible_duration_s(epoch(s.connect_ts) - epoch(s.enter_ts)),
           plausible_duration_s(TRY_CAST(CASE WHEN s.end_event IN ('COMPLETECALLER', 'COMPLETEAGENT') THEN s.end_d1 ELSE s.end_d3 END AS DOUBLE)))
         WHEN 'abandoned' THEN COALESCE(plausible_duration_s(TRY_CAST(s.end_d3 AS DOUBLE)), plausible_duration_s(epoch(s.end_ts) - epoch(s.enter_ts)))
         WHEN 'timed_out' THEN COALESCE(
           plausible_duration_s(TRY_CAST(CASE WHEN s.end_event = 'EXITWITHKEY' THEN s.end_d4 ELSE s.end_d3 END AS DOUBLE)),
           plausible_duration_s(epoch(s.end_ts) - epoch(s.enter_ts)))
         WHEN 'blocked' THEN 0   -- turned away at the door: never waited
       END AS wait_s,
       CASE WHEN s.outcome = 'answered' THEN COALESCE(
           plausible_duration_s(TRY_CAST(CASE WHEN s.end_event IN ('COMPLETECALLER', 'COMPLETEAGENT') THEN s.end_d2 ELSE s.end_d4 END AS DOUBLE)),
           plausible_duration_s(epoch(s.end_ts) - epoch(s.connect_ts)))
       END AS talk_s,
       CAST(NULL AS DOUBLE) AS wrap_s,
       CAST(s.rna AS INTEGER) AS ring_no_answer,
       COALESCE(s.end_event IN ('TRANSFER', 'BLINDTRANSFER', 'ATTENDEDTRANSFER'), false) AS transferred,
       plausible_position(TRY_CAST(CASE WHEN nullif(trim(s.enter_d2), '') IS NOT NULL THEN s.enter_d3 END AS INTEGER)) AS enter_position
FROM s
LEFT JOIN visit_did d ON d.vcallid = s.vcallid AND d.queue = s.queue AND d.visit_no = s.visit_no;
