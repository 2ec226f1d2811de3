-- The raw spans a rep's states over time are cut from, for the local dates $from..$to ($tz, $to
-- inclusive), clipped to that range: one row per span, with the rep (roster person, else the
-- interface's id as GET /api/reps gives it), the interface, the kind and, for pauses, the reason.
-- analytics/reps/rep-state-timeline.ts lays them over each other by precedence
-- (on_call > ringing > wrap_up > paused > available) inside the logged-in time; the live floor
-- (app/server/live/) reads today's spans to say what each rep is doing now. `open`: a log-in or pause
-- still holding in the file being written, or a call in talk with no end yet (its span runs to the
-- newest data here; live, to now). `queue`: the log-in's or call's queue ('NONE' for pauses).
--   logged_in  every log-in interval (any queue; overlapping ones are merged by the caller)
--   paused     every pause (PAUSE/PAUSEALL in several queues at once is already one, derive-rep-states.sql),
--              reason = the PAUSE line's data1 (Asterisk's reason_paused); both end by rep_state_ends (018)
--   on_call    an answered call's CONNECT .. its end (a call still in talk: until the newest data)
--   ringing    a ring that was not answered: RINGNOANSWER's time minus its ring time; and the ring
--              before each CONNECT (its data3, ring seconds), both only where the PBX logged the length
--   wrap_up    after an answered call: the call's own wrap_s, else its queue's wrap_up_s (025; 0 = none)
WITH bounds AS (
  SELECT local_day_start($tz, $from) AS start_ts,
         local_day_end($tz, $to) AS end_ts
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
    AND connect_ts < local_day_end($tz, $to) AND (end_ts IS NULL OR end_ts > local_day_start($tz, $from))
  UNION ALL
  SELECT c.agent, 'wrap_up', c.queue, NULL, c.end_ts, c.end_ts + to_seconds(CAST(round(COALESCE(c.wrap_s, q.wrap_up_s, 0)) AS BIGINT)),
         false, c.file_id, c.line_no
  FROM calls c LEFT JOIN queue_settings q ON q.queue = c.queue
  WHERE c.agent IS NOT NULL AND c.outcome = 'answered' AND c.end_ts IS NOT NULL AND COALESCE(c.wrap_s, q.wrap_up_s, 0) > 0
    AND c.end_ts < local_day_end($tz, $to) AND c.end_ts > local_day_start($tz, $from) - INTERVAL 1 DAY
  UNION ALL
  SELECT agent, 'ringing', queue, NULL, ts - to_milliseconds(CAST(round(ring_s * 1000) AS BIGINT)), ts, false, file_id, line_no
  FROM ring_attempts WHERE ring_s > 0
    AND ts > local_day_start($tz, $from) AND ts < local_day_end($tz, $to) + INTERVAL 1 DAY
  UNION ALL
  -- CONNECT's data3 is the ring time in seconds (app_queue.c); a value past an hour is not a ring.
  SELECT e.agent, 'ringing', e.queue, NULL, e.ts - to_seconds(CAST(r.ring_s AS BIGINT)), e.ts, false, e.file_id, e.line_no
  FROM queue_events e, LATERAL (SELECT TRY_CAST(e.data3 AS INTEGER) AS ring_s) r
  WHERE e.event = 'CONNECT' AND e.agent IS NOT NULL AND r.ring_s > 0 AND r.ring_s <= 3600
    AND e.ts > local_day_start($tz, $from) AND e.ts < local_day_end($tz, $to) + INTERVAL 1 HOUR
)
SELECT COALESCE(p.rep_id, rep_id_of(s.agent)) AS rep_id, s.agent AS interface, s.kind, s.queue, s.reason, s.open,
       s.file_id || '-' || s.line_no AS span_id,
       epoch(greatest(s.s_ts, b.start_ts)) AS start_s, epoch(least(s.e_ts, b.end_ts)) AS end_s
FROM spans s
CROSS JOIN bounds b
LEFT JOIN roster p ON p.interface = s.agent
WHERE s.s_ts < b.end_ts AND (s.e_ts > b.start_ts OR s.open) AND (s.e_ts > s.s_ts OR s.open)
ORDER BY rep_id, start_s;
