-- Where a rep's state ends when no log-off closed it (issue 13, phantom reps). Successor of the
-- macros of 009-rep-state-macro.sql (CREATE OR REPLACE below): before this migration a log-in with
-- no log-off ran to the newest event of any kind, so one lost log-off in a 2018 file put its agents
-- on the phones on every later day, closed hours included.
--
-- The rule (README "Reps: logged in, paused, on the phones"; sql/README.md), one definition for every
-- rep-state figure (rep_state_ends, read by rep_states_in and so by rep_available_spans/_slices):
--   * A log-off ends the state. One found in another file more than a maximum shift after the
--     log-in is not trusted (a 2018 log-in is not closed by a 2026 log-off): the state counts as open.
--   * An open state in the file still being written (the file holding the newest data of the
--     center, whose newest event is less than a maximum shift old) lasts until now, at most a
--     maximum shift from the log-in: a logged-in, idle rep stays logged in on a live view.
--   * An open state in any other file (later data superseded it, or nothing was written for longer
--     than a shift) ends at the member's last activity in that file (their last event of any kind
--     there, at or after the log-in), at most a maximum shift from the log-in.
--   * Either way, a QUEUESTART (Asterisk restarted: dynamic members are gone) after the log-in ends it
--     if it comes first, and so does the member's next log-in to the same queue more than a maximum
--     shift later (the log-off between was lost; sql/derive-rep-states.sql leaves the first open).
--     Nothing ever runs into the data of another file.
-- The maximum shift is the center setting max_shift_s (12 hours unless set).

INSERT OR IGNORE INTO settings VALUES ('max_shift_s', '43200');

-- What the rule needs to know about the states it may apply to (those still open, and those closed
-- by an off event in another file), kept up to date by the loader (sql/rep-state-evidence.sql) so
-- that no figure scans queue_events for them. Rows of rep_states with no row here were closed in
-- their own file.
CREATE TABLE rep_state_evidence (
  agent             VARCHAR NOT NULL,
  queue             VARCHAR NOT NULL,
  state             VARCHAR NOT NULL,
  start_ts          TIMESTAMPTZ NOT NULL,
  file_id           INTEGER NOT NULL,          -- the file of the log-in (rep_states.file_id)
  line_no           BIGINT NOT NULL,
  end_file_id       INTEGER,                   -- the file of the off event; null while open
  next_start_ts     TIMESTAMPTZ,               -- open because the same member logged in again then (a lost log-off)
  file_end_ts       TIMESTAMPTZ,               -- the newest event of the log-in's file
  last_activity_ts  TIMESTAMPTZ,               -- the member's last event in that file at or after start_ts (before next_start_ts)
  restart_ts        TIMESTAMPTZ                -- the first QUEUESTART after start_ts, in any file
);

-- The facts above, read from queue_events for every row of rep_state_evidence.
CREATE MACRO rep_state_evidence_facts() AS TABLE
  WITH rep_ev AS (SELECT agent, queue, state, start_ts, file_id, line_no, next_start_ts FROM rep_state_evidence),
  rep_file_end AS (
    SELECT file_id, max(ts) AS file_end_ts FROM queue_events
    WHERE file_id IN (SELECT file_id FROM rep_ev) GROUP BY file_id
  ),
  rep_activity AS (
    SELECT v.agent, v.file_id, v.line_no, v.state, v.queue, max(e.ts) AS last_activity_ts
    FROM rep_ev v JOIN queue_events e ON e.file_id = v.file_id AND e.agent = v.agent AND e.ts >= v.start_ts
      AND (v.next_start_ts IS NULL OR e.ts < v.next_start_ts)
    GROUP BY ALL
  ),
  rep_restart AS (
    SELECT v.agent, v.file_id, v.line_no, v.state, v.queue, min(e.ts) AS restart_ts
    FROM rep_ev v JOIN (SELECT ts FROM queue_events WHERE event = 'QUEUESTART') e ON e.ts > v.start_ts
    GROUP BY ALL
  )
  SELECT v.agent, v.queue, v.state, v.file_id, v.line_no, f.file_end_ts, a.last_activity_ts, r.restart_ts
  FROM rep_ev v
  LEFT JOIN rep_file_end f ON f.file_id = v.file_id
  LEFT JOIN rep_activity a
    ON a.agent = v.agent AND a.file_id = v.file_id AND a.line_no = v.line_no AND a.state = v.state AND a.queue = v.queue
  LEFT JOIN rep_restart r
    ON r.agent = v.agent AND r.file_id = v.file_id AND r.line_no = v.line_no AND r.state = v.state AND r.queue = v.queue;

-- The databases loaded before this migration: their open states, and their states closed by an off
-- event of another file (found by the event at end_ts), then the facts.
INSERT INTO rep_state_evidence (agent, queue, state, start_ts, file_id, line_no, end_file_id)
SELECT s.agent, s.queue, s.state, s.start_ts, s.file_id, s.line_no,
       (SELECT max(e.file_id) FROM queue_events e JOIN queue_event_types t USING (event)
        WHERE e.agent = s.agent AND e.ts = s.end_ts
          AND t.kind = CASE WHEN s.state = 'logged_in' THEN 'member_off' ELSE 'pause_off' END)
FROM rep_states s;
DELETE FROM rep_state_evidence v
WHERE end_file_id = file_id
   OR (end_file_id IS NULL AND EXISTS (SELECT 1 FROM rep_states s WHERE s.agent = v.agent AND s.file_id = v.file_id
                                        AND s.line_no = v.line_no AND s.state = v.state AND s.queue = v.queue AND s.end_ts IS NOT NULL));
UPDATE rep_state_evidence v
SET file_end_ts = f.file_end_ts, last_activity_ts = f.last_activity_ts, restart_ts = f.restart_ts
FROM rep_state_evidence_facts() f
WHERE f.agent = v.agent AND f.file_id = v.file_id AND f.line_no = v.line_no AND f.state = v.state AND f.queue = v.queue;

-- Every rep_states row with the instant it ends (e_ts) by the rule above and the rule that ended it
-- (end_rule): 'log_off', or for an inferred end 'still_logged_in' (the live file, until now),
-- 'max_shift', 'last_activity', 'queue_restart' or 'next_log_in'. States derived before this
-- migration joined a repeated log-in to the one before; they are split when their agent next loads. The newest data (data_end) counts queue events,
-- calls and states, as 009 did; a state with no evidence row that is still open (one written
-- straight into rep_states) is judged as if its file ended there.
CREATE MACRO rep_state_ends() AS TABLE
  WITH rep_shift AS (
    SELECT COALESCE((SELECT TRY_CAST(CAST(value AS VARCHAR) AS DOUBLE) FROM settings WHERE key = 'max_shift_s'), 43200) AS max_s
  ),
  rep_data_end AS (
    SELECT greatest((SELECT max(ts) FROM queue_events),
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

-- As in 009, with each interval's end from rep_state_ends (above) instead of the newest event.
CREATE OR REPLACE MACRO rep_states_in(range_start, range_end) AS TABLE
  WITH rep_range AS (
    SELECT range_start AS start_ts, range_end AS end_ts
  )
  SELECT COALESCE(p.rep_id, rep_id_of(s.agent)) AS rep_key, s.agent AS interface, s.state,
         greatest(s.start_ts, b.start_ts) AS s_ts,
         least(s.e_ts, b.end_ts) AS e_ts
  FROM rep_state_ends() s
  CROSS JOIN rep_range b
  LEFT JOIN roster p ON p.interface = s.agent
  WHERE s.start_ts < b.end_ts AND s.e_ts > b.start_ts;

-- As in 009 (rep_available_spans is unchanged: it reads rep_states_in), plus the closed-hours guard:
-- a rep is not available in a slice when every queue with opening hours is closed then (outside its
-- queue_opening_hours in the center's zone tz, or a day marked closed in special_days) and the rep
-- had no activity in it (no queue_log event of any of their interfaces, no call of theirs in talk).
-- With no opening hours set, nothing is judged closed. The slice's row stays, with 0 seconds.
CREATE OR REPLACE MACRO rep_available_slices(range_start, range_end, tz) AS TABLE
  WITH rep_slices AS (
    SELECT slice_ts, slice_ts + INTERVAL 15 MINUTE AS slice_end, timezone(tz, slice_ts) AS local_ts
    FROM (SELECT unnest(generate_series(range_start, range_end - INTERVAL 15 MINUTE, INTERVAL 15 MINUTE)) AS slice_ts)
  ),
  rep_closed AS (
    SELECT sl.slice_ts FROM rep_slices sl
    WHERE EXISTS (SELECT 1 FROM queue_opening_hours)
      AND NOT EXISTS (
        SELECT 1 FROM queue_opening_hours h
        WHERE h.weekday = isodow(sl.local_ts)
          AND h.open_minute <= hour(sl.local_ts) * 60 + minute(sl.local_ts)
          AND hour(sl.local_ts) * 60 + minute(sl.local_ts) < h.close_minute
          AND NOT EXISTS (SELECT 1 FROM special_days d
                          WHERE d.kind = 'closed' AND d.date = CAST(sl.local_ts AS DATE) AND d.queue IN ('*', h.queue)))
  ),
  -- (rep, closed slice) pairs with activity: a queue event in the slice, or a call in talk over it.
  rep_activity_ts AS (
    SELECT agent, ts AS a_s, ts AS a_e FROM queue_events
    WHERE agent IS NOT NULL AND ts >= range_start AND ts < range_end
    UNION ALL
    SELECT agent, greatest(connect_ts, range_start), least(end_ts, range_end - INTERVAL 1 SECOND) FROM calls
    WHERE agent IS NOT NULL AND connect_ts < range_end AND end_ts >= range_start
  ),
  rep_active AS (
    SELECT DISTINCT COALESCE(p.rep_id, rep_id_of(a.agent)) AS rep_key, x.slice_ts
    FROM rep_activity_ts a
    CROSS JOIN LATERAL (
      SELECT unnest(generate_series(
        range_start + to_seconds(CAST(floor((epoch(a.a_s) - epoch(range_start)) / 900) * 900 AS BIGINT)),
        range_start + to_seconds(CAST(floor((epoch(a.a_e) - epoch(range_start)) / 900) * 900 AS BIGINT)),
        INTERVAL 15 MINUTE)) AS slice_ts
    ) x
    LEFT JOIN roster p ON p.interface = a.agent
    SEMI JOIN rep_closed c ON c.slice_ts = x.slice_ts
  ),
  rep_sums AS (
    SELECT s.rep_key, sl.slice_ts,
           sum(s.sign * (epoch(least(s.e_ts, sl.slice_end)) - epoch(greatest(s.s_ts, sl.slice_ts)))) AS available_s
    FROM rep_available_spans(range_start, range_end) s
    JOIN rep_slices sl ON sl.slice_ts < s.e_ts AND sl.slice_end > s.s_ts
    GROUP BY s.rep_key, sl.slice_ts
  )
  SELECT r.rep_key, r.slice_ts,
         CASE WHEN c.slice_ts IS NOT NULL AND a.rep_key IS NULL THEN 0 ELSE r.available_s END AS available_s
  FROM rep_sums r
  LEFT JOIN rep_closed c ON c.slice_ts = r.slice_ts
  LEFT JOIN rep_active a ON a.rep_key = r.rep_key AND a.slice_ts = r.slice_ts;
