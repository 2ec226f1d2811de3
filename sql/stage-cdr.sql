-- Types and checks the named CDR columns (stage_cdr_named) into stage_cdr / stage_quarantine.
-- Times are the PBX's local wall clock, read in $tz. Lists arrive as text joined by U+001F.
CREATE OR REPLACE TEMP TABLE stage_cdr_typed AS
SELECT *,
  timezone($tz, COALESCE(TRY_STRPTIME(start, '%Y-%m-%d %H:%M:%S'), TRY_STRPTIME(start, '%Y-%m-%dT%H:%M:%S'))) AS start_ts,
  timezone($tz, COALESCE(TRY_STRPTIME(answer, '%Y-%m-%d %H:%M:%S'), TRY_STRPTIME(answer, '%Y-%m-%dT%H:%M:%S'))) AS answer_ts0,
  timezone($tz, COALESCE(TRY_STRPTIME("end", '%Y-%m-%d %H:%M:%S'), TRY_STRPTIME("end", '%Y-%m-%dT%H:%M:%S'))) AS end_ts0,
  TRY_CAST(duration AS DOUBLE) AS duration_s,
  -- billsec missing (or rejected): the answered leg's end minus its answer, when that is plausible.
  COALESCE(TRY_CAST(billsec AS DOUBLE), plausible_duration_s(epoch(end_ts0) - epoch(answer_ts0))) AS billsec_s,
  upper(disposition) AS disp,
  -- Asterisk's "Name" <number>: the number inside <>, else the src field.
  COALESCE(nullif(regexp_extract(clid, '<([^>]*)>', 1), ''), src) AS caller_id
FROM stage_cdr_named;

CREATE OR REPLACE TEMP TABLE stage_quarantine AS
SELECT line_no, field, reason, concat_ws(',', src, dst, start, disposition) AS raw FROM (
  SELECT *,
    -- (a negative or absurd duration or billsec was rejected before, kept as missing: sql/stage-cdr-numbers.sql)
    CASE WHEN start_ts IS NULL THEN 'start' WHEN disp IS NULL THEN 'disposition' END AS field,
    CASE WHEN start_ts IS NULL THEN 'start is not a date-time: "' || left(COALESCE(start, ''), 40) || '"'
         WHEN disp IS NULL THEN 'disposition is empty'
    END AS reason
  FROM stage_cdr_typed
) WHERE reason IS NOT NULL;

CREATE OR REPLACE TEMP TABLE stage_cdr AS
WITH lists AS (
  SELECT string_split($inbound_contexts, chr(31)) AS inbound, string_split($outbound_contexts, chr(31)) AS outbound,
         string_split($service_numbers, chr(31)) AS services
), t AS (
  SELECT s.*,
    -- The CDR records no answer time when the fields are empty (PBXware): derive it from billsec.
    COALESCE(answer_ts0, CASE WHEN disp = 'ANSWERED' AND billsec_s > 0
                              THEN start_ts + to_seconds(COALESCE(duration_s, billsec_s) - billsec_s) END) AS answer_ts,
    COALESCE(end_ts0, start_ts + to_seconds(COALESCE(duration_s, 0))) AS end_ts,
    NOT regexp_full_match(regexp_replace(COALESCE(src, ''), '^\+', ''), '[0-9]{' || ($extension_digits + 1) || ',}') AS src_internal,
    NOT regexp_full_match(regexp_replace(COALESCE(dst, ''), '^\+', ''), '[0-9]{' || ($extension_digits + 1) || ',}') AS dst_internal
  FROM stage_cdr_typed s
  WHERE line_no NOT IN (SELECT line_no FROM stage_quarantine)
)
SELECT line_no, accountcode, userfield, src, dst, dcontext, caller_id AS clid, channel, dstchannel, lastapp, lastdata,
       start_ts, answer_ts, end_ts, duration_s, billsec_s, disp AS disposition, uniqueid,
       COALESCE(linkedid, uniqueid, 'line-' || line_no) AS linkedid, TRY_CAST(sequence AS BIGINT) AS sequence,
       CASE WHEN list_contains(l.outbound, dcontext) THEN 'outbound'
            WHEN list_contains(l.inbound, dcontext) OR list_contains(l.services, dst) THEN 'inbound'
            WHEN src_internal AND NOT dst_internal THEN 'outbound'
            WHEN NOT src_internal THEN 'inbound'
            ELSE 'internal' END AS direction
FROM t, lists l;
