-- Why people call (issue 15): a call's reason code, from three sources, and the admin's catalogue.
--
-- Sources, by precedence (sql/refresh-call-reasons.sql decides, for what each load brought):
-- 1. queue_log lines the dialplan or the rep's phone writes after a call with QueueLog():
--    `<ts>|<callid>|<queue>|<agent>|WRAPUPCODE|billing-dispute`, or QueueMetrics' CALLSTATUS. The
--    event names are the queue_event_types of kind 'reason' (these two unless the admin sets others).
--    A line attaches to its callid's visit in that queue that ended at or before it, within 30
--    minutes (the latest such visit); one that attaches to nothing is kept and listed, never dropped.
-- 2. a CDR column (userfield, or accountcode: the `reason_cdr_field` setting) of a leg whose
--    uniqueid or linkedid is the call's callid; a mapped CSV's `reason` field, for that row's call.
-- 3. the city's service requests (a CSV through a mapping of kind service_requests): each matched to
--    the call from its caller's number (last 10 digits) that ended at or before the request was
--    created, within 2 hours (the latest such call); its request type is that call's reason.
-- Where sources disagree the higher one wins; within one source, the latest line.

INSERT INTO queue_event_types VALUES ('WRAPUPCODE', 'reason'), ('CALLSTATUS', 'reason');
UPDATE queue_events SET known = true WHERE event IN ('WRAPUPCODE', 'CALLSTATUS');

ALTER TABLE cdr_records ADD COLUMN userfield VARCHAR;

-- A mapped CSV row's `reason` field (the row's call is calls (file_id, line_no)).
CREATE TABLE mapped_reasons (
  file_id INTEGER NOT NULL,
  line_no BIGINT NOT NULL,
  code    VARCHAR NOT NULL
);

-- Service requests as loaded (a mapping of kind service_requests); matched to calls after each load.
CREATE TABLE service_requests (
  file_id      INTEGER NOT NULL,
  line_no      BIGINT NOT NULL,
  request_id   VARCHAR,
  created_ts   TIMESTAMPTZ NOT NULL,
  caller       VARCHAR,
  request_type VARCHAR NOT NULL,
  call_file_id INTEGER,          -- the matched call (derived: sql/refresh-call-reasons.sql), null when none
  call_line_no BIGINT
);

-- Every queue_log reason line and the visit it attached to (call_* null: attached to nothing).
-- Derived: kept by each load for its lines and callids (sql/refresh-call-reasons.sql).
CREATE TABLE reason_lines (
  file_id      INTEGER NOT NULL,
  line_no      BIGINT NOT NULL,
  ts           TIMESTAMPTZ NOT NULL,
  callid       VARCHAR,
  queue        VARCHAR,
  agent        VARCHAR,
  event        VARCHAR NOT NULL,
  code         VARCHAR NOT NULL,
  call_file_id INTEGER,
  call_line_no BIGINT
);

-- Each call's reason: the code that won and the source it came from (queue_log | cdr | csv).
-- Derived: kept by each load for the calls it may change (sql/refresh-call-reasons.sql).
CREATE TABLE call_reasons (
  file_id     INTEGER NOT NULL,
  line_no     BIGINT NOT NULL,
  code        VARCHAR NOT NULL,
  source      VARCHAR NOT NULL,
  src_file_id INTEGER NOT NULL,
  src_line_no BIGINT NOT NULL
);

-- The admin's catalogue: a code's display name and group. Every change is a history row, so a
-- renamed code keeps its past (what it was called from when). A code not in it is shown as itself.
CREATE TABLE reason_catalogue (
  code         VARCHAR PRIMARY KEY,
  name         VARCHAR NOT NULL,
  reason_group VARCHAR NOT NULL,   -- Billing | Missed pick-up | Bulky item | Special needs / pack-out | Other
  updated_at   TIMESTAMPTZ NOT NULL,
  updated_by   VARCHAR
);
CREATE TABLE reason_catalogue_history (
  code         VARCHAR NOT NULL,
  name         VARCHAR NOT NULL,
  reason_group VARCHAR NOT NULL,
  valid_from   TIMESTAMPTZ NOT NULL,
  changed_by   VARCHAR
);

-- Every call's partial figures (016), now with its reason code (null: none). Only the reason column
-- and its join are new; how a call counts is unchanged.
CREATE OR REPLACE MACRO judged_calls(start_ts, end_ts, sl_threshold_override, short_abandon_override, sl_formula_override,
                          default_sl_threshold_s, default_short_abandon_s, default_sl_formula) AS TABLE
WITH visits AS (
  SELECT c.file_id, c.line_no, c.queue, c.agent, c.enter_ts, c.outcome, c.wait_s, c.talk_s, c.wrap_s,
         c.ring_no_answer, c.transferred, cr.code AS reason,
         COALESCE(CAST(sl_threshold_override AS DOUBLE), s.sl_threshold_s, CAST(default_sl_threshold_s AS DOUBLE)) AS sl_threshold_s,
         COALESCE(CAST(short_abandon_override AS DOUBLE), s.short_abandon_s, CAST(default_short_abandon_s AS DOUBLE)) AS short_abandon_s,
         COALESCE(CAST(sl_formula_override AS VARCHAR), s.sl_formula, CAST(default_sl_formula AS VARCHAR)) AS sl_formula
  FROM calls c
  LEFT JOIN queue_settings s ON s.queue = c.queue
  LEFT JOIN call_reasons cr ON cr.file_id = c.file_id AND cr.line_no = c.line_no
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
       CAST(is_answered AND transferred AS INTEGER) AS transferred,
       reason
FROM judged;
