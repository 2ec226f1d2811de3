-- The newest queue_log event's time, read from the coded rows (queue_event_rows, migration 042)
-- instead of through the view queue_events: the view joins every row to its event's name and splits
-- its data fields, so `max(ts)` over it read all of a large center's events (29 million rows at 10M
-- calls: 1.2-2.4 s, paid by every reader of rep states: the reps, coverage, day, live and plan pages),
-- where the column's own maximum is a few milliseconds. The same instant: every row's event code is a
-- code of queue_log_names (the loader gives each new name its code before writing the rows that use
-- it, sql/publish-queue-events.sql, and no name is ever removed), so the view's inner join to the
-- names drops no row. sql/rep-state-newest.test.ts holds both forms to each other.
CREATE MACRO queue_events_newest() AS (SELECT max(ts) FROM queue_event_rows);

-- rep_state_ends (migration 018) with the newest data's queue_log side from queue_events_newest().
CREATE OR REPLACE MACRO rep_state_ends() AS TABLE
  WITH rep_shift AS (
    SELECT COALESCE((SELECT TRY_CAST(CAST(value AS VARCHAR) AS DOUBLE) FROM settings WHERE key = 'max_shift_s'), 43200) AS max_s
  ),
  rep_data_end AS (
    SELECT greatest(queue_events_newest(),
                    (SELECT max(COALESCE(end_ts, connect_ts, enter_ts)) FROM calls),
                    (SELECT max(COALESCE(end_ts, start_ts)) FROM rep_states)) AS ts
  ),
  rep_judged AS (
    SELECT s.*, s.start_ts + to_seconds(CAST(h.max_s AS BIGINT)) AS shift_end,
           s.end_ts IS NOT NULL AND (v.end_file_id IS NULL OR v.end_file_id = s.file_id
                                     OR epoch(s.end_ts) - epoch(s.start_ts) <= h.max_s) AS closed,
           COALESCE(v.file_end_ts, d.ts) AS file_end,
           COALESCE(v.file_end_ts, d.ts) >= d.ts
             AND epoch(now()) - epoch(COALESCE(v.file_end_ts, d.ts)) < h.max_s AS live,
           greatest(s.start_ts, COALESCE(v.last_activity_ts, v.file_end_ts, d.ts)) AS last_activity,
           v.restart_ts, v.next_start_ts
    FROM rep_states s
    CROSS JOIN rep_shift h
    CROSS JOIN rep_data_end d
    LEFT JOIN rep_state_evidence v
      ON v.agent = s.agent AND v.file_id = s.file_id AND v.line_no = s.line_no AND v.state = s.state AND v.queue = s.queue
  ),
  rep_rule AS (
    SELECT *,
           CASE WHEN live THEN least(shift_end, greatest(CAST(now() AS TIMESTAMPTZ), file_end))
                ELSE least(shift_end, last_activity) END AS rule_end,
           CASE WHEN live THEN CASE WHEN shift_end <= greatest(CAST(now() AS TIMESTAMPTZ), file_end) THEN 'max_shift' ELSE 'still_logged_in' END
                WHEN shift_end < last_activity THEN 'max_shift' ELSE 'last_activity' END AS rule
    FROM rep_judged
  )
  SELECT agent, queue, state, reason, start_ts, end_ts, file_id, line_no,
         CASE WHEN closed THEN end_ts WHEN restart_ts < least(rule_end, next_start_ts) THEN restart_ts
              WHEN next_start_ts < rule_end THEN next_start_ts ELSE rule_end END AS e_ts,
         CASE WHEN closed THEN 'log_off' WHEN restart_ts < least(rule_end, next_start_ts) THEN 'queue_restart'
              WHEN next_start_ts < rule_end THEN 'next_log_in' ELSE rule END AS end_rule
  FROM rep_rule;

-- rep_state_spans (migration 041) with the newest data's queue_log side from queue_events_newest(), and
-- the rings of CONNECT lines read from the CONNECT rows alone.
CREATE OR REPLACE MACRO rep_state_spans(tz, from_date, to_date, only_near_pauses := false) AS TABLE
  WITH bounds AS (
    SELECT local_day_start(tz, from_date) AS start_ts,
           local_day_end(tz, to_date) AS end_ts
  ),
  data_end AS (
    SELECT greatest(queue_events_newest(), (SELECT max(COALESCE(end_ts, connect_ts, enter_ts)) FROM calls)) AS ts
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
    -- (the CONNECT rows chosen by their code before any data field is split: queue_events_of_kinds,
    -- 042; CONNECT is the one event of kind 'connect', and no setting can give it another)
    SELECT e.agent, 'ringing', e.queue, NULL, e.ts - to_seconds(CAST(e.ring_s AS BIGINT)), e.ts, false, e.file_id, e.line_no
    FROM (SELECT *, TRY_CAST(data3 AS INTEGER) AS ring_s FROM queue_events_of_kinds(['connect']) WHERE event = 'CONNECT') e
    WHERE e.agent IS NOT NULL AND e.ring_s > 0 AND e.ring_s <= 3600
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

-- The 15-minute slice of real time an instant falls in, as a whole number (epoch seconds / 900,
-- rounded down: before 1970 too): time_bucket(INTERVAL 15 MINUTE, ts) as a number, without the
-- zone-aware bucketing of a TIMESTAMPTZ (10M calls: 1.0 s against 0.1 s). A slice start gives its own
-- number exactly, so a join of calls to slices on it is the join on time_bucket.
CREATE MACRO quarter_hour(ts) AS
  epoch_us(ts) // 900000000 - CASE WHEN epoch_us(ts) % 900000000 < 0 THEN 1 ELSE 0 END;
