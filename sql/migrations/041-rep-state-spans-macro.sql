-- The raw spans a rep's states are cut from (sql/rep-state-spans.sql says what each kind is), as a
-- table macro so that the readers that want all of them and the pause shrinkage, which wants only
-- the spans a pause can be hidden by, share one definition.
--   only_near_pauses  every log-in and pause, and only the calls, rings and wrap-ups that overlap a
--                     pause of the same rep (any of the rep's interfaces): the only ones that can
--                     change paused time, as they hide it by precedence. A month of a large center
--                     has a span for every call; its pauses are a few hundred.
-- Each interface's rep (roster person, else the interface's own id) is worked out once per
-- interface, not once per span (rep_id_of is a regular expression: a month of a 1M-call center
-- made 1.4 million of them).
CREATE OR REPLACE MACRO rep_state_spans(tz, from_date, to_date, only_near_pauses := false) AS TABLE
  WITH bounds AS (
    SELECT local_day_start(tz, from_date) AS start_ts,
           local_day_end(tz, to_date) AS end_ts
  ),
  data_end AS (
    SELECT greatest((SELECT max(ts) FROM queue_events), (SELECT max(COALESCE(end_ts, connect_ts, enter_ts)) FROM calls)) AS ts
  ),
  spans AS (
    SELECT agent, state AS kind, queue, CASE WHEN state = 'paused' THEN reason END AS reason, start_ts AS s_ts, e_ts,
           end_rule = 'still_logged_in' AS open, file_id, line_no
    FROM rep_state_ends()
    UNION ALL
    SELECT agent, 'on_call', queue, NULL, connect_ts, COALESCE(end_ts, greatest(connect_ts, (SELECT ts FROM data_end))),
           end_ts IS NULL, file_id, line_no
    FROM calls WHERE agent IS NOT NULL AND connect_ts IS NOT NULL AND outcome IS DISTINCT FROM 'blocked'
      -- (each branch first keeps only rows that can reach the range, so a day reads a day of the table:
      -- talk, wrap-up and rings are at most a day long, ingest/field-ranges.ts)
      AND connect_ts < local_day_end(tz, to_date) AND (end_ts IS NULL OR end_ts > local_day_start(tz, from_date))
    UNION ALL
    SELECT c.agent, 'wrap_up', c.queue, NULL, c.end_ts, c.end_ts + to_seconds(CAST(round(COALESCE(c.wrap_s, q.wrap_up_s, 0)) AS BIGINT)),
           false, c.file_id, c.line_no
    FROM calls c LEFT JOIN queue_settings q ON q.queue = c.queue
    WHERE c.agent IS NOT NULL AND c.outcome = 'answered' AND c.end_ts IS NOT NULL AND COALESCE(c.wrap_s, q.wrap_up_s, 0) > 0
      AND c.end_ts < local_day_end(tz, to_date) AND c.end_ts > local_day_start(tz, from_date) - INTERVAL 1 DAY
    UNION ALL
    SELECT agent, 'ringing', queue, NULL, ts - to_milliseconds(CAST(round(ring_s * 1000) AS BIGINT)), ts, false, file_id, line_no
    FROM ring_attempts WHERE ring_s > 0
      AND ts > local_day_start(tz, from_date) AND ts < local_day_end(tz, to_date) + INTERVAL 1 DAY
    UNION ALL
    -- CONNECT's data3 is the ring time in seconds (app_queue.c); a value past an hour is not a ring.
    SELECT e.agent, 'ringing', e.queue, NULL, e.ts - to_seconds(CAST(r.ring_s AS BIGINT)), e.ts, false, e.file_id, e.line_no
    FROM queue_events e, LATERAL (SELECT TRY_CAST(e.data3 AS INTEGER) AS ring_s) r
    WHERE e.event = 'CONNECT' AND e.agent IS NOT NULL AND r.ring_s > 0 AND r.ring_s <= 3600
      AND e.ts > local_day_start(tz, from_date) AND e.ts < local_day_end(tz, to_date) + INTERVAL 1 HOUR
  ),
  in_range AS (
    SELECT s.* FROM spans s CROSS JOIN bounds b
    WHERE s.s_ts < b.end_ts AND (s.e_ts > b.start_ts OR s.open) AND (s.e_ts > s.s_ts OR s.open)
  ),
  agent_rep AS (
    SELECT a.agent, COALESCE(p.rep_id, rep_id_of(a.agent)) AS rep_id
    FROM (SELECT DISTINCT agent FROM in_range) a
    LEFT JOIN roster p ON p.interface = a.agent
  ),
  -- only_near_pauses: each pause as a window on every interface of its rep
  pause_windows AS (
    SELECT other.agent, s.s_ts, s.e_ts
    FROM in_range s
    JOIN agent_rep mine ON mine.agent = s.agent
    JOIN agent_rep other ON other.rep_id = mine.rep_id
    WHERE only_near_pauses AND s.kind = 'paused'
  ),
  kept AS (
    SELECT * FROM in_range WHERE NOT only_near_pauses OR kind IN ('logged_in', 'paused')
    UNION ALL
    -- (a pause still open has its end too, the newest data; one ending before it starts counts for nothing)
    SELECT s.* FROM in_range s
    SEMI JOIN pause_windows w ON w.agent = s.agent AND w.s_ts < s.e_ts AND w.e_ts > s.s_ts
    WHERE only_near_pauses AND s.kind NOT IN ('logged_in', 'paused')
  )
  SELECT r.rep_id, s.agent AS interface, s.kind, s.queue, s.reason, s.open,
         s.file_id || '-' || s.line_no AS span_id,
         epoch(greatest(s.s_ts, b.start_ts)) AS start_s, epoch(least(s.e_ts, b.end_ts)) AS end_s
  FROM kept s
  CROSS JOIN bounds b
  LEFT JOIN agent_rep r ON r.agent = s.agent;
