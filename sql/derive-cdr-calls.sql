-- One call per linkedid (all legs of a ring-group fan-out) for the linkedids in affected_linkedids.
-- Inbound: the queue is the number dialled on the first leg (the one whose uniqueid is the linkedid), answered when any leg was answered,
-- the rep is the answering leg's destination channel without its "-0000001a" suffix, and every
-- unanswered leg to a rep's phone is a ring-no-answer. Outbound: the queue is 'outbound' and the
-- caller field holds the number called (what lost-call follow-up looks for). Internal legs are kept
-- in cdr_records only.
CREATE OR REPLACE TEMP TABLE cdr_legs AS
SELECT *,
  -- Local/ch1@ctx-0001;2 style channels are ring-group plumbing, not a person's phone.
  CASE WHEN dstchannel IS NULL OR dstchannel LIKE 'Local/%' THEN NULL
       ELSE regexp_replace(dstchannel, '-[0-9a-fA-F]+(;\d+)?$', '') END AS rep_channel,
  regexp_replace(COALESCE(channel, ''), '-[0-9a-fA-F]+(;\d+)?$', '') AS src_channel
FROM cdr_records
WHERE linkedid IN (SELECT linkedid FROM affected_linkedids);

CREATE OR REPLACE TEMP TABLE derived_calls AS
WITH calls AS (
  SELECT linkedid,
    arg_min(file_id, (uniqueid IS DISTINCT FROM linkedid, start_ts, line_no)) AS file_id,
    arg_min(line_no, (uniqueid IS DISTINCT FROM linkedid, start_ts, line_no)) AS line_no,
    arg_min(direction, (uniqueid IS DISTINCT FROM linkedid, start_ts, line_no)) AS direction,
    arg_min(dst, (uniqueid IS DISTINCT FROM linkedid, start_ts, line_no)) AS first_dst,
    arg_min(clid, (uniqueid IS DISTINCT FROM linkedid, start_ts, line_no)) AS first_caller,
    min(start_ts) AS enter_ts,
    max(end_ts) AS end_ts,
    min(answer_ts) FILTER (WHERE disposition = 'ANSWERED') AS connect_ts,
    arg_min(rep_channel, answer_ts) FILTER (WHERE disposition = 'ANSWERED' AND rep_channel IS NOT NULL) AS rep,
    arg_min(src_channel, (uniqueid IS DISTINCT FROM linkedid, start_ts, line_no)) AS first_src_channel,
    max(billsec_s) FILTER (WHERE disposition = 'ANSWERED') AS talk_s,
    bool_or(disposition = 'ANSWERED') AS answered,
    count(*) FILTER (WHERE disposition <> 'ANSWERED' AND rep_channel IS NOT NULL) AS rna,
    arg_max(disposition, (disposition = 'ANSWERED', end_ts)) AS end_disposition
  FROM cdr_legs
  GROUP BY linkedid
)
SELECT 'cdr' AS source, file_id, line_no, linkedid AS callid,
       CASE WHEN direction = 'outbound' THEN 'outbound' ELSE COALESCE(first_dst, 'unknown') END AS queue,
       direction,
       CASE WHEN direction = 'outbound' THEN first_dst ELSE first_caller END AS caller,
       CASE WHEN direction = 'inbound' THEN first_dst END AS did,
       enter_ts, connect_ts, end_ts,
       CASE WHEN answered THEN 'answered' ELSE 'abandoned' END AS outcome,
       end_disposition AS end_event,
       CASE WHEN direction = 'outbound' THEN nullif(first_src_channel, '') ELSE rep END AS agent,
       -- (a difference of days, from a clock jump or a garbled time, is no wait: plausible_duration_s)
       CASE WHEN answered THEN plausible_duration_s(GREATEST(0, epoch(COALESCE(connect_ts, enter_ts)) - epoch(enter_ts)))
            ELSE plausible_duration_s(GREATEST(0, epoch(end_ts) - epoch(enter_ts))) END AS wait_s,
       CASE WHEN answered THEN talk_s END AS talk_s,
       CAST(NULL AS DOUBLE) AS wrap_s,
       CAST(rna AS INTEGER) AS ring_no_answer,
       false AS transferred,
       CAST(NULL AS INTEGER) AS enter_position
FROM calls
WHERE direction IN ('inbound', 'outbound');

CREATE OR REPLACE TEMP TABLE derived_rings AS
SELECT l.file_id, l.line_no, c.file_id AS call_file_id, c.line_no AS call_line_no, l.start_ts AS ts,
       c.queue, l.rep_channel AS agent, l.duration_s AS ring_s, 'no_answer' AS result
FROM cdr_legs l JOIN derived_calls c ON c.callid = l.linkedid
WHERE l.disposition <> 'ANSWERED' AND l.rep_channel IS NOT NULL AND c.direction = 'inbound';
