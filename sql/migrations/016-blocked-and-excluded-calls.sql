-- Two changes to how a call counts, each replacing the product's one definition of it:
--
-- 1. Callers turned away. Asterisk's Queue() refuses a caller when nobody can take the call (the
--    queue's joinempty setting: JOINEMPTY, JOINUNAVAIL) or the queue is at its maxlen (FULL). The
--    caller never enters the queue, so there is no ENTERQUEUE: the refusal is one queue_log line,
--    callid and queue filled, agent NONE, no data fields (Asterisk's queue-log documentation lists
--    the three events; app_queue.c sets QUEUESTATUS to the same word, and dialplans log it). Each
--    such line is a call of that queue with outcome 'blocked' (end_event says which), wait 0,
--    counted in offered and lost (sql/derive-queue-visits.sql makes the visit).
-- 2. Exclusions. An admin may take a loaded call out of every figure (`callboard calls exclude`, or
--    the call's page on /calls). While it is excluded the call's row lives in excluded_calls
--    instead of calls, so nothing that counts calls sees it, exactly as if it had never been loaded;
--    `include` moves it back. call_exclusions says which calls and why (the audit log: who, when).

INSERT INTO queue_event_types VALUES ('JOINEMPTY', 'blocked'), ('JOINUNAVAIL', 'blocked'), ('FULL', 'blocked');
UPDATE queue_events SET known = true WHERE event IN ('JOINEMPTY', 'JOINUNAVAIL', 'FULL');

-- The turned-away callers already loaded, as sql/derive-queue-visits.sql and sql/visit-calls.sql make
-- them (a later load that touches the callid derives them again, the same way).
INSERT INTO calls (source, file_id, line_no, callid, queue, direction, caller, did, enter_ts, connect_ts, end_ts,
                   outcome, end_event, agent, wait_s, talk_s, wrap_s, ring_no_answer, transferred, enter_position)
WITH b AS (
  SELECT e.*, COALESCE(nullif(trim(e.data2), ''),
                       CASE WHEN regexp_full_match(trim(e.data1), '\+?[0-9]{3,}') THEN trim(e.data1) END) AS caller_raw
  FROM queue_events e
  WHERE e.event IN ('JOINEMPTY', 'JOINUNAVAIL', 'FULL')
    AND e.callid IS NOT NULL AND e.callid <> 'NONE' AND e.queue IS NOT NULL AND e.queue <> 'NONE'
)
SELECT 'queue_log', b.file_id, b.line_no, b.callid, b.queue, 'inbound',
       CASE WHEN lower(b.caller_raw) IN ('unknown', 'anonymous', 'restricted', 'private') THEN NULL ELSE b.caller_raw END,
       (SELECT arg_max_null(nullif(trim(d.data1), ''), d.ts) FROM queue_events d
        WHERE d.event = 'DID' AND d.callid = b.callid AND d.ts <= b.ts),
       b.ts, NULL, b.ts, 'blocked', b.event, NULL, 0, NULL, NULL, 0, false,
       TRY_CAST(CASE WHEN nullif(trim(b.data2), '') IS NOT NULL THEN b.data3 END AS INTEGER)
FROM b
WHERE NOT EXISTS (SELECT 1 FROM calls c WHERE c.file_id = b.file_id AND c.line_no = b.line_no);

-- Blocked calls per slice (slices built before had none: the default).
ALTER TABLE call_slices ADD COLUMN blocked INTEGER DEFAULT 0;

-- Every call's partial figures (008), now with blocked: counted in offered and lost, and in the icmi
-- service level's denominator (a caller turned away was not answered within the threshold).
CREATE OR REPLACE MACRO judged_calls(start_ts, end_ts, sl_threshold_override, short_abandon_override, sl_formula_override,
                          default_sl_threshold_s, default_short_abandon_s, default_sl_formula) AS TABLE
WITH visits AS (
  SELECT c.file_id, c.line_no, c.queue, c.agent, c.enter_ts, c.outcome, c.wait_s, c.talk_s, c.wrap_s,
         c.ring_no_answer, c.transferred,
         COALESCE(CAST(sl_threshold_override AS DOUBLE), s.sl_threshold_s, CAST(default_sl_threshold_s AS DOUBLE)) AS sl_threshold_s,
         COALESCE(CAST(short_abandon_override AS DOUBLE), s.short_abandon_s, CAST(default_short_abandon_s AS DOUBLE)) AS short_abandon_s,
         COALESCE(CAST(sl_formula_override AS VARCHAR), s.sl_formula, CAST(default_sl_formula AS VARCHAR)) AS sl_formula
  FROM calls c
  LEFT JOIN queue_settings s ON s.queue = c.queue
  WHERE c.direction = 'inbound' AND c.outcome IS NOT NULL
    AND c.enter_ts >= start_ts AND c.enter_ts < end_ts
),
judged AS (
  SELECT *,
         outcome = 'answered' AS is_answered,
         outcome = 'abandoned' AS is_abandoned,
         outcome = 'timed_out' AS is_timed_out,
         outcome = 'blocked' AS is_blocked,
         COALESCE(outcome = 'abandoned' AND wait_s < short_abandon_s, false) AS is_short,
         COALESCE(outcome = 'answered' AND wait_s <= sl_threshold_s, false) AS is_within_sl
  FROM visits
)
SELECT file_id, line_no, queue, agent, time_bucket(INTERVAL 15 MINUTE, enter_ts) AS slice_ts,
       1 AS offered,
       CAST(is_answered AS INTEGER) AS answered,
       CAST(is_abandoned AS INTEGER) AS abandoned,
       CAST(is_short AS INTEGER) AS short_abandoned,
       CAST(is_timed_out AS INTEGER) AS timed_out,
       CAST(is_blocked AS INTEGER) AS blocked,
       CAST(is_within_sl AS INTEGER) AS answered_within_sl,
       -- Each call's own queue formula decides whether it is in the service-level denominator.
       CAST(COALESCE(CASE sl_formula
                       WHEN 'offered' THEN NOT is_short
                       WHEN 'icmi' THEN is_answered OR is_blocked
                                        OR (COALESCE(is_abandoned OR is_timed_out, false)
                                            AND COALESCE(wait_s > sl_threshold_s, false))
                       WHEN 'answered' THEN is_answered
                     END, false) AS INTEGER) AS sl_denominator,
       CASE WHEN is_answered THEN wait_s END AS answered_wait_sum,
       CAST(is_answered AND wait_s IS NOT NULL AS INTEGER) AS answered_wait_n,
       CASE WHEN is_answered THEN talk_s + COALESCE(wrap_s, 0) END AS handle_sum,
       CAST(is_answered AND talk_s IS NOT NULL AS INTEGER) AS handle_n,
       CASE WHEN is_abandoned THEN wait_s END AS abandon_wait_sum,
       CAST(is_abandoned AND wait_s IS NOT NULL AS INTEGER) AS abandon_wait_n,
       wait_s AS max_wait_s,
       ring_no_answer,
       CAST(is_answered AND transferred AS INTEGER) AS transferred
FROM judged;
-- The settings the summary judges by (008), marked with this judgement's version: a summary built
-- before blocked calls were counted is stale, so `callboard serve` rebuilds it at start (and metrics
-- count from the calls until then).
CREATE OR REPLACE MACRO call_slices_settings_key(default_sl_threshold_s, default_short_abandon_s, default_sl_formula) AS (
  concat_ws(';', 'judged-016', CAST(default_sl_threshold_s AS DOUBLE), CAST(default_short_abandon_s AS DOUBLE), default_sl_formula,
            (SELECT COALESCE(string_agg(concat_ws(':', queue, sl_threshold_s, short_abandon_s, sl_formula), ';' ORDER BY queue), '')
             FROM queue_settings))
);

-- Lost-call follow-up (010), with a blocked call lost like a timed-out one.
CREATE OR REPLACE MACRO lost_calls_followed(range_start, range_end, queue_name, window_s, short_abandon_override,
                                 default_short_abandon_s) AS TABLE
WITH lf_lost AS (
  SELECT c.file_id, c.line_no, c.callid, c.queue, c.caller, c.outcome, c.wait_s, c.enter_ts,
         COALESCE(c.end_ts, c.enter_ts + to_seconds(COALESCE(c.wait_s, 0))) AS lost_at
  FROM calls c
  LEFT JOIN queue_settings s ON s.queue = c.queue
  WHERE c.direction = 'inbound'
    AND c.enter_ts >= range_start AND c.enter_ts < range_end
    AND (CAST(queue_name AS VARCHAR) IS NULL OR c.queue = CAST(queue_name AS VARCHAR))
    AND (c.outcome IN ('timed_out', 'blocked')
         OR (c.outcome = 'abandoned'
             AND NOT COALESCE(c.wait_s < COALESCE(CAST(short_abandon_override AS DOUBLE), s.short_abandon_s,
                                                  CAST(default_short_abandon_s AS DOUBLE)), false)))
),
lf_contacts AS (
  SELECT c.direction, c.outcome, c.enter_ts, c.caller,
         COALESCE(c.connect_ts, c.enter_ts + to_seconds(COALESCE(c.wait_s, 0))) AS answered_at
  FROM calls c
  WHERE c.enter_ts >= range_start - INTERVAL 1 DAY
    AND c.enter_ts < range_end + to_seconds(CAST(window_s AS DOUBLE)) + INTERVAL 1 DAY
    AND (c.outcome = 'answered' OR c.direction = 'outbound')
    AND c.caller IS NOT NULL
),
-- Numbered so that the joins below match integers; filtered after the numbering (filtered before, the
-- key would be worked out for every call rather than every caller).
lf_numbers AS (
  SELECT caller, number_key, dense_rank() OVER (ORDER BY number_key) AS number_id
  FROM (SELECT caller, number_key_of(caller) AS number_key FROM (SELECT caller FROM lf_lost UNION SELECT caller FROM lf_contacts))
),
lf_lost_keyed AS (
  SELECT l.*, n.number_key, n.number_id, window_bucket(l.lost_at, window_s) AS bucket
  FROM lf_lost l
  LEFT JOIN lf_numbers n ON n.caller = l.caller
),
lf_contacts_keyed AS (
  SELECT k.*, n.number_id, window_bucket(k.answered_at, window_s) AS bucket
  FROM lf_contacts k
  JOIN lf_numbers n ON n.caller = k.caller
  WHERE n.number_key IS NOT NULL
),
-- [lost_at, lost_at + window] lies in the lost call's bucket and the next one.
lf_got_through AS (
  SELECT l.file_id, l.line_no, min(k.answered_at) AS got_through_at
  FROM (SELECT file_id, line_no, number_id, lost_at, unnest([bucket, bucket + 1]) AS bucket
        FROM lf_lost_keyed WHERE number_key IS NOT NULL) l
  JOIN lf_contacts_keyed k
    ON k.number_id = l.number_id AND k.bucket = l.bucket
   AND k.direction = 'inbound' AND k.outcome = 'answered'
   AND k.answered_at >= l.lost_at AND k.answered_at <= l.lost_at + to_seconds(CAST(window_s AS DOUBLE))
  GROUP BY l.file_id, l.line_no
),
lf_called_back AS (
  SELECT l.file_id, l.line_no,
         min(k.answered_at) FILTER (WHERE k.outcome = 'answered') AS called_back_at,
         count(*) AS callback_attempts
  FROM lf_lost_keyed l
  JOIN lf_contacts_keyed k
    ON k.number_id = l.number_id AND l.number_key IS NOT NULL AND k.direction = 'outbound'
   AND ((k.outcome = 'answered' AND k.answered_at >= l.lost_at AND k.answered_at <= l.lost_at + to_seconds(CAST(window_s AS DOUBLE)))
        OR (k.enter_ts >= l.lost_at AND k.enter_ts <= l.lost_at + to_seconds(CAST(window_s AS DOUBLE))))
  GROUP BY l.file_id, l.line_no
)
SELECT l.file_id, l.line_no, l.callid, l.queue, l.caller, l.number_key, l.outcome, l.wait_s, l.enter_ts, l.lost_at,
       g.got_through_at, b.called_back_at, CAST(COALESCE(b.callback_attempts, 0) AS INTEGER) AS callback_attempts
FROM lf_lost_keyed l
LEFT JOIN lf_got_through g ON g.file_id = l.file_id AND g.line_no = l.line_no
LEFT JOIN lf_called_back b ON b.file_id = l.file_id AND b.line_no = l.line_no;

-- Calls an admin took out of every figure: which, why, by whom, since when. While a row is here the
-- call's row is in excluded_calls instead of calls (analytics/call-exclusions.ts moves it, and a load
-- that derives the call again moves the new row there too).
CREATE TABLE call_exclusions (
  file_id      INTEGER NOT NULL,
  line_no      BIGINT NOT NULL,
  reason       VARCHAR NOT NULL,
  excluded_by  VARCHAR NOT NULL,
  excluded_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The excluded calls' rows as they were in calls (the columns the two tables share are moved).
CREATE TABLE excluded_calls AS SELECT * FROM calls LIMIT 0;
