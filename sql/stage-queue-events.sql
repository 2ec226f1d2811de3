-- Checks stage_rows (any queue_log variant, already split) and sorts each line into stage_events
-- or stage_quarantine with the field and the reason. Times: a number is a Unix epoch (UTC); text
-- is a local date-time in $tz (database-table exports store the server's wall clock).
CREATE OR REPLACE TEMP TABLE stage_checked AS
SELECT *,
  CASE
    WHEN regexp_full_match(time_text, '\d{9,11}(\.\d+)?') THEN to_timestamp(CAST(time_text AS DOUBLE))
    ELSE timezone($tz, COALESCE(TRY_STRPTIME(time_text, '%Y-%m-%d %H:%M:%S.%f'),
                                TRY_STRPTIME(time_text, '%Y-%m-%d %H:%M:%S')))
  END AS ts,
  upper(trim(event)) AS ev
FROM stage_rows;

CREATE OR REPLACE TEMP TABLE stage_quarantine AS
SELECT line_no, field, reason, raw FROM (
  SELECT line_no, raw,
    CASE WHEN nf < 5 THEN 'event'
         WHEN ts IS NULL THEN 'time'
         WHEN ts < TIMESTAMPTZ '1990-01-01 00:00:00+00' OR ts > TIMESTAMPTZ '2100-01-01 00:00:00+00' THEN 'time'
         WHEN ev IS NULL OR NOT regexp_full_match(ev, '[A-Z][A-Z0-9_]*') THEN 'event'
    END AS field,
    CASE WHEN nf < 5 THEN 'expected at least 5 |-separated fields (time|callid|queue|agent|event), found ' || nf
         WHEN ts IS NULL THEN 'time is neither a Unix epoch nor a date-time: "' || left(COALESCE(time_text, ''), 40) || '"'
         WHEN ts < TIMESTAMPTZ '1990-01-01 00:00:00+00' OR ts > TIMESTAMPTZ '2100-01-01 00:00:00+00'
           THEN 'time is out of range: ' || time_text
         WHEN ev IS NULL OR NOT regexp_full_match(ev, '[A-Z][A-Z0-9_]*')
           THEN 'event name is not an event: "' || left(COALESCE(event, ''), 40) || '"'
    END AS reason
  FROM stage_checked
) WHERE reason IS NOT NULL;

CREATE OR REPLACE TEMP TABLE stage_events AS
SELECT c.line_no, c.ts,
       nullif(trim(c.callid), '') AS callid, nullif(trim(c.queue), '') AS queue,
       nullif(trim(c.agent), '') AS agent, c.ev AS event,
       c.data1, c.data2, c.data3, c.data4, c.data5,
       t.event IS NOT NULL AS known
FROM stage_checked c
LEFT JOIN queue_event_types t ON t.event = c.ev
WHERE c.line_no NOT IN (SELECT line_no FROM stage_quarantine);
