-- Rebuilds the logged-in and paused intervals of the agents in temp table affected_agents from all
-- their member and pause events: those in queue_events and those being loaded (stage_events, for
-- file $file_id; the loader runs this before it inserts them, when the earlier events are quicker
-- to read). Logged in is per queue (ADDMEMBER/REMOVEMEMBER; agent log-ins use
-- queue NONE); paused is per agent (PAUSE in several queues at once is one pause). A repeated
-- start while already on is ignored (a PBX re-adds its members after a restart), except a start in
-- another file than the one before it (an interval never runs into another file's data, so the
-- earlier one ends by its own file's rule and the new file's start holds, as after a rotation whose
-- new file repeats the log-ins) and a log-in more than a maximum shift (setting max_shift_s, as it is
-- at load time) after the member's previous one: the log-off between them was lost. Either way the
-- new start begins a new interval and the earlier one stays open (no log-off) with next_start_ts,
-- the new start's instant, which bounds where the rule ends it. An interval ends
-- at the next off event, or stays open. end_file_id is the off event's file. The loader keeps
-- end_file_id and next_start_ts in rep_state_evidence (migrations/018-rep-state-ends.sql: the rule).
CREATE OR REPLACE TEMP TABLE derived_states AS
WITH se AS (
  SELECT e.agent,
         CASE WHEN t.kind IN ('pause_on', 'pause_off') THEN 'NONE' ELSE COALESCE(e.queue, 'NONE') END AS queue,
         CASE WHEN t.kind IN ('member_on', 'member_off') THEN 'logged_in' ELSE 'paused' END AS state,
         t.kind IN ('member_on', 'pause_on') AS is_on,
         CASE WHEN t.kind = 'pause_on' THEN nullif(trim(e.data1), '') END AS reason,
         e.ts, e.file_id, e.line_no
  FROM (-- the stored events of these agents (chosen by their event's code before their data are
        -- split: migration 042)
        SELECT file_id, line_no, ts, queue, agent, event, data1
        FROM queue_events_of_kinds(['member_on', 'member_off', 'pause_on', 'pause_off'])
        WHERE agent IN (SELECT agent FROM affected_agents)
        UNION ALL
        SELECT CAST($file_id AS INTEGER), line_no, ts, queue, agent, event, data1 FROM stage_events WHERE field IS NULL) e
  JOIN queue_event_types t USING (event)
  WHERE t.kind IN ('member_on', 'member_off', 'pause_on', 'pause_off')
    AND e.agent IN (SELECT agent FROM affected_agents)
), seq AS (
  SELECT *, row_number() OVER w AS rn, lag(is_on) OVER w AS prev_on, lag(ts) OVER w AS prev_ts, lag(file_id) OVER w AS prev_file_id
  FROM se WINDOW w AS (PARTITION BY agent, queue, state ORDER BY ts, file_id, line_no)
), starts AS (
  SELECT *, lead(ts) OVER w AS next_start_ts, lead(rn) OVER w AS next_start_rn
  FROM seq
  WHERE is_on AND (prev_on IS NULL OR NOT prev_on OR file_id <> prev_file_id
                   OR (state = 'logged_in' AND epoch(ts) - epoch(prev_ts) >
                       COALESCE((SELECT TRY_CAST(CAST(value AS VARCHAR) AS DOUBLE) FROM settings WHERE key = 'max_shift_s'), 43200)))
  WINDOW w AS (PARTITION BY agent, queue, state ORDER BY ts, file_id, line_no)
), ends AS (
  SELECT * FROM seq WHERE NOT is_on
)
SELECT s.agent, s.queue, s.state, s.reason, s.ts AS start_ts,
       CASE WHEN s.next_start_rn IS NULL OR e.rn < s.next_start_rn THEN e.ts END AS end_ts,
       s.file_id, s.line_no,
       CASE WHEN s.next_start_rn IS NULL OR e.rn < s.next_start_rn THEN e.file_id END AS end_file_id,
       CASE WHEN e.rn IS NULL OR e.rn > s.next_start_rn THEN s.next_start_ts END AS next_start_ts
FROM starts s
ASOF LEFT JOIN ends e ON e.agent = s.agent AND e.queue = s.queue AND e.state = s.state AND e.rn >= s.rn;
