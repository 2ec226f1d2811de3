-- Checks stage_input (any queue_log variant, already split: time_text, callid, queue and agent
-- trimmed, event as read and ev upper-cased and trimmed; fields_from_line: the data fields were
-- split from a raw line) into stage_events: every line that is not
-- blank, with its time and its event's kind (queue_event_types; null: not known), and for a bad line the field that makes it bad, the reason and the line as
-- read (field is null for a good line). The loader publishes the good lines to queue_events and the
-- bad ones (stage_quarantine) to quarantine. Times: a number is a Unix epoch (UTC); text is a local
-- date-time in $tz (database-table exports store the server's wall clock).
SET VARIABLE stage_time_zone = CAST($tz AS VARCHAR);

CREATE OR REPLACE TEMP TABLE stage_events AS
WITH timed AS (
  SELECT *,
    CASE
      WHEN regexp_full_match(time_text, '\d{9,11}(\.\d+)?') THEN to_timestamp(CAST(time_text AS DOUBLE))
      ELSE timezone(getvariable('stage_time_zone'), COALESCE(TRY_STRPTIME(time_text, '%Y-%m-%d %H:%M:%S.%f'),
                                                       TRY_STRPTIME(time_text, '%Y-%m-%d %H:%M:%S')))
    END AS ts
  FROM stage_input
), typed AS (
  -- the event's kind, looked up once here for the fast path, the rings and the rep states
  SELECT m.*, k.kind, k.kind IS NOT NULL AS known FROM timed m LEFT JOIN queue_event_types k ON k.event = m.ev
), checked AS (
  SELECT *,
    CASE WHEN nf < 5 THEN 'event'
         WHEN NOT COALESCE(ts BETWEEN TIMESTAMPTZ '1990-01-01 00:00:00+00' AND TIMESTAMPTZ '2100-01-01 00:00:00+00', false)
           THEN 'time'
         -- a known event's name is a name (the pattern is tried only on the others)
         WHEN ev IS NULL OR NOT (known OR regexp_full_match(ev, '[A-Z][A-Z0-9_]*')) THEN 'event'
    END AS field
  FROM typed
)
SELECT line_no, ts, nullif(callid, '') AS callid, nullif(queue, '') AS queue, nullif(agent, '') AS agent,
       ev AS event, kind, data1, data2, data3, data4, data5, fields_from_line,
       COALESCE(known, false) AS known,
       field,
       CASE WHEN field IS NULL THEN NULL
            WHEN nf < 5 THEN 'expected at least 5 |-separated fields (time|callid|queue|agent|event), found ' || nf
            WHEN ts IS NULL THEN 'time is neither a Unix epoch nor a date-time: "' || left(COALESCE(time_text, ''), 40) || '"'
            WHEN field = 'time' THEN 'time is out of range: ' || time_text
            ELSE 'event name is not an event: "' || left(COALESCE(event, ''), 40) || '"'
       END AS reason,
       CASE WHEN field IS NOT NULL THEN raw END AS raw
FROM checked;

CREATE OR REPLACE TEMP TABLE stage_quarantine AS
SELECT line_no, field, reason, raw FROM stage_events WHERE field IS NOT NULL;
