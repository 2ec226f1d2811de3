-- The spans the pause shrinkage reads (sql/pause-shrinkage-spans.sql) for the local dates
-- from_date..to_date (tz): the rows of rep_state_spans(tz, from_date, to_date, only_near_pauses := true)
-- (migrations 041, 045: every log-in and pause, and the calls, rings and wrap-ups that overlap a
-- pause of the same rep), read with less work. At 10M calls that macro spent its second on a month:
-- the talk of every call connected before the range's end, back to the first call (a call still in
-- range has ended after its start or not at all, which one scan cannot bound: 10 million calls read
-- for 660,000), every CONNECT line of the month split into its fields (660,000) for a few hundred
-- rings near a pause, and each of 1.4 million spans tested against the pauses in a join the planner
-- built on the spans' side. Here:
-- - the pauses come first (the log-ins and pauses are a few thousand rows), each as a window on its
--   rep (COALESCE(roster rep_id, rep_id_of(interface)), as rep_state_spans names reps);
-- - the talk is read in three parts, each bounded by a plain range: connected from a day before the
--   range on; connected before that and ended in the range; connected before that and never ended;
-- - a CONNECT line is split only when it is of an interface of a paused rep and falls in an hour
--   (epoch seconds / 3600, rounded down) one of that rep's pauses reaches, or the hour after (its
--   ring is at most an hour and ends at the line: a ring that overlaps a pause is among these);
-- - a span of an hour at most is looked at only when it starts in an hour a pause of its rep reaches
--   or the hour before (an equality join on interface and hour), and is kept, as every longer span,
--   when a pause of its rep overlaps it.
-- sql/pause-spans.test.ts holds the rows to rep_state_spans' (045) on the demo center.
CREATE MACRO rep_pause_spans(tz, from_date, to_date) AS TABLE
  WITH bounds AS (
    SELECT local_day_start(tz, from_date) AS start_ts,
           local_day_end(tz, to_date) AS end_ts
  ),
  data_end AS (
    SELECT greatest(queue_events_newest(), (SELECT max(COALESCE(end_ts, connect_ts, enter_ts)) FROM calls)) AS ts
  ),
  states AS (
    SELECT s.agent, s.state AS kind, s.queue, CASE WHEN s.state = 'paused' THEN s.reason END AS reason, s.start_ts AS s_ts, s.e_ts,
           s.end_rule = 'still_logged_in' AS open, s.file_id, s.line_no
    FROM rep_state_ends() s CROSS JOIN bounds b
    WHERE s.start_ts < b.end_ts AND (s.e_ts > b.start_ts OR s.end_rule = 'still_logged_in')
      AND (s.e_ts > s.start_ts OR s.end_rule = 'still_logged_in')
  ),
  pauses AS (
    SELECT COALESCE(p.rep_id, rep_id_of(s.agent)) AS rep_id, s.s_ts, s.e_ts
    FROM states s LEFT JOIN roster p ON p.interface = s.agent
    WHERE s.kind = 'paused'
  ),
  -- (the pauses on every coded interface of their rep)
  pauses_by_code AS (
    SELECT n.code AS agent_code, w.s_ts, w.e_ts
    FROM queue_log_names n LEFT JOIN roster p ON p.interface = n.name
    JOIN pauses w ON w.rep_id = COALESCE(p.rep_id, rep_id_of(n.name))
  ),
  -- the hours (epoch seconds / 3600, rounded down) each pause reaches on each coded interface of its
  -- rep, and the hour after: a ring of a CONNECT line (an hour at most, ending at the line) can overlap
  -- a pause only when the line's hour is one of them
  connect_hours AS (
    SELECT DISTINCT w.agent_code, h.hour
    FROM pauses_by_code w,
         LATERAL (SELECT unnest(generate_series(CAST(floor(epoch(w.s_ts) / 3600) AS BIGINT), CAST(floor(epoch(w.e_ts) / 3600) AS BIGINT) + 1)) AS hour) h
  ),
  -- the hours each pause reaches, and the hour before: a span of an hour at most can overlap a pause
  -- only when the hour it starts in is one of them
  pause_hours AS (
    SELECT DISTINCT w.rep_id, h.hour
    FROM pauses w,
         LATERAL (SELECT unnest(generate_series(CAST(floor(epoch(w.s_ts) / 3600) AS BIGINT) - 1, CAST(floor(epoch(w.e_ts) / 3600) AS BIGINT))) AS hour) h
  ),
  talk AS (
    SELECT agent, queue, connect_ts, end_ts, file_id, line_no
    FROM calls WHERE agent IS NOT NULL AND connect_ts IS NOT NULL AND outcome IS DISTINCT FROM 'blocked'
      AND connect_ts >= local_day_start(tz, from_date) - INTERVAL 1 DAY AND connect_ts < local_day_end(tz, to_date)
      AND (end_ts IS NULL OR end_ts > local_day_start(tz, from_date))
    UNION ALL
    SELECT agent, queue, connect_ts, end_ts, file_id, line_no
    FROM calls WHERE agent IS NOT NULL AND connect_ts IS NOT NULL AND outcome IS DISTINCT FROM 'blocked'
      AND connect_ts < local_day_start(tz, from_date) - INTERVAL 1 DAY AND end_ts > local_day_start(tz, from_date)
    UNION ALL
    SELECT agent, queue, connect_ts, end_ts, file_id, line_no
    FROM calls WHERE agent IS NOT NULL AND connect_ts IS NOT NULL AND outcome IS DISTINCT FROM 'blocked'
      AND connect_ts < local_day_start(tz, from_date) - INTERVAL 1 DAY AND end_ts IS NULL
  ),
  connect_rows AS (
    SELECT r.* FROM queue_event_rows r
    SEMI JOIN connect_hours h ON h.agent_code = r.agent_code AND h.hour = CAST(floor(epoch(r.ts) / 3600) AS BIGINT)
    WHERE r.event_code IN (SELECT n.code FROM queue_log_names n JOIN queue_event_types k ON k.event = n.name
                           WHERE k.kind = 'connect' AND n.name = 'CONNECT')
      AND r.ts > local_day_start(tz, from_date) AND r.ts < local_day_end(tz, to_date) + INTERVAL 1 HOUR
  ),
  others AS (
    SELECT agent, 'on_call' AS kind, queue, NULL AS reason, connect_ts AS s_ts, COALESCE(end_ts, greatest(connect_ts, (SELECT ts FROM data_end))) AS e_ts,
           end_ts IS NULL AS open, file_id, line_no
    FROM talk
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
    SELECT e.agent, 'ringing', e.queue, NULL, e.ts - to_seconds(CAST(e.ring_s AS BIGINT)), e.ts, false, e.file_id, e.line_no
    FROM (SELECT r.file_id, r.line_no, r.ts, q.name AS queue, a.name AS agent,
                 TRY_CAST(queue_event_field(string_split(r.data, '|'), r.data3, 3) AS INTEGER) AS ring_s
          FROM connect_rows r
          LEFT JOIN queue_log_names q ON q.code = r.queue_code
          LEFT JOIN queue_log_names a ON a.code = r.agent_code) e
    WHERE e.agent IS NOT NULL AND e.ring_s > 0 AND e.ring_s <= 3600
  ),
  -- (each interface's rep worked out once)
  agent_rep AS (
    SELECT a.agent, COALESCE(p.rep_id, rep_id_of(a.agent)) AS rep_id
    FROM (SELECT DISTINCT agent FROM others) a
    LEFT JOIN roster p ON p.interface = a.agent
  ),
  agent_hours AS (
    SELECT DISTINCT r.agent, h.hour FROM pause_hours h JOIN agent_rep r ON r.rep_id = h.rep_id
  ),
  in_range AS (
    SELECT s.*,
           CAST(floor(epoch(s.s_ts) / 3600) AS BIGINT) AS hour, epoch(s.e_ts) - epoch(s.s_ts) <= 3600 AS short
    FROM others s CROSS JOIN bounds b
    WHERE s.s_ts < b.end_ts AND (s.e_ts > b.start_ts OR s.open) AND (s.e_ts > s.s_ts OR s.open)
  ),
  near AS (
    SELECT s.* EXCLUDE (hour, short), r.rep_id
    FROM (SELECT * FROM in_range s SEMI JOIN agent_hours h ON h.agent = s.agent AND h.hour = s.hour WHERE s.short
          UNION ALL
          SELECT * FROM in_range s WHERE s.short IS NOT TRUE) s
    JOIN agent_rep r ON r.agent = s.agent
  ),
  kept AS (
    SELECT s.*, COALESCE(p.rep_id, rep_id_of(s.agent)) AS rep_id FROM states s LEFT JOIN roster p ON p.interface = s.agent
    UNION ALL
    -- (a pause still open has its end too, the newest data; one ending before it starts counts for nothing)
    SELECT s.* FROM near s SEMI JOIN pauses w ON w.rep_id = s.rep_id AND w.s_ts < s.e_ts AND w.e_ts > s.s_ts
  )
  SELECT s.rep_id, s.agent AS interface, s.kind, s.queue, s.reason, s.open,
         s.file_id || '-' || s.line_no AS span_id,
         epoch(greatest(s.s_ts, b.start_ts)) AS start_s, epoch(least(s.e_ts, b.end_ts)) AS end_s
  FROM kept s
  CROSS JOIN bounds b;
