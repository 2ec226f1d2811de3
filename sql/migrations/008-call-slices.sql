-- What each answered or lost inbound call adds to the call metrics, and a summary of it per 15
-- minutes of real time and queue, so that months and years are counted from a few hundred thousand
-- summary rows instead of millions of calls (sql/call-metrics.sql; kept up by sql/call-slices.ts).

-- Each inbound call with an outcome in [start_ts, end_ts), judged by its queue's settings (an
-- override, when not null, wins over the queue's row in queue_settings, which wins over the default),
-- as the partial figures it adds to a bucket: counts of 0 or 1, and sums with the number of values
-- summed, so that a bucket's averages are sum / n however many slices it is counted from. The one
-- definition of how a call counts (docs/definitions.md).
CREATE MACRO judged_calls(start_ts, end_ts, sl_threshold_override, short_abandon_override, sl_formula_override,
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
       CAST(is_within_sl AS INTEGER) AS answered_within_sl,
       -- Each call's own queue formula decides whether it is in the service-level denominator.
       CAST(COALESCE(CASE sl_formula
                       WHEN 'offered' THEN NOT is_short
                       WHEN 'icmi' THEN is_answered OR (COALESCE(is_abandoned OR is_timed_out, false)
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

-- The calls judged by the settings in force (no overrides), summed per 15-minute slice of real time
-- and queue. Only ever rebuilt from calls (sql/refresh-call-slices.sql), in the transaction that
-- changed them; call_slices_state says what it was built from, and a query uses it only when that
-- still holds (the calls' count and the settings), so a stale summary is never read.
CREATE TABLE call_slices (
  slice_ts           TIMESTAMPTZ NOT NULL,
  queue              VARCHAR NOT NULL,
  offered            INTEGER NOT NULL,
  answered           INTEGER NOT NULL,
  abandoned          INTEGER NOT NULL,
  short_abandoned    INTEGER NOT NULL,
  timed_out          INTEGER NOT NULL,
  answered_within_sl INTEGER NOT NULL,
  sl_denominator     INTEGER NOT NULL,
  answered_wait_sum  DOUBLE,
  answered_wait_n    INTEGER NOT NULL,
  handle_sum         DOUBLE,
  handle_n           INTEGER NOT NULL,
  abandon_wait_sum   DOUBLE,
  abandon_wait_n     INTEGER NOT NULL,
  max_wait_s         DOUBLE,
  ring_no_answer     INTEGER NOT NULL,
  transferred        INTEGER NOT NULL
);

CREATE TABLE call_slices_state (
  calls         BIGINT NOT NULL,     -- rows in calls when the summary was last brought up to date
  settings_key  VARCHAR NOT NULL,    -- the settings it judged by (sql/call-slices-settings-key.sql)
  refreshed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The settings the summary judges by, as one text: each queue's row in queue_settings, and the
-- defaults for queues without one. A change of either makes the summary stale.
CREATE MACRO call_slices_settings_key(default_sl_threshold_s, default_short_abandon_s, default_sl_formula) AS (
  concat_ws(';', CAST(default_sl_threshold_s AS DOUBLE), CAST(default_short_abandon_s AS DOUBLE), default_sl_formula,
            (SELECT COALESCE(string_agg(concat_ws(':', queue, sl_threshold_s, short_abandon_s, sl_formula), ';' ORDER BY queue), '')
             FROM queue_settings))
);
