-- Rebuilds the logged-in and paused intervals of the agents in temp table affected_agents from all
-- their member and pause events: those in queue_events and those being loaded (stage_events, for
-- file $file_id; the loader runs this before it inserts them, when the earlier events are quicker
-- to read). Logged in is per queue (ADDMEMBER/REMOVEMEMBER; agent log-ins use
-- queue NONE); paused is per agent (PAUSE in several queues at once is one pause). A repeated
-- start while already on is ignored; the interval ends at the next off event, or stays open.
-- end_file_id is the off event's file: the loader keeps it in rep_state_evidence when it is not the
-- log-in's own (migrations/018-rep-state-ends.sql says when such an end is trusted).
CREATE OR REPLACE TEMP TABLE derived_states AS
WITH se AS (
  SELECT e.agent,
         CASE WHEN t.kind IN ('pause_on', 'pause_off') THEN 'NONE' ELSE COALESCE(e.queue, 'NONE') END AS queue,
         CASE WHEN t.kind IN ('member_on', 'member_off') THEN 'logged_in' ELSE 'paused' END AS state,
         t.kind IN ('member_on', 'pause_on') AS is_on,
         CASE WHEN t.kind = 'pause_on' THEN nullif(trim(e.data1), '') END AS reason,
         e.ts, e.file_id, e.line_no
  FROM (SELECT file_id, line_no, ts, queue, agent, event, data1 FROM queue_events
        UNION ALL
        SELECT CAST($file_id AS INTEGER), line_no, ts, queue, agent, event, data1 FROM stage_events WHERE field IS NULL) e
  JOIN queue_event_types t USING (event)
  WHERE t.kind IN ('member_on', 'member_off', 'pause_on', 'pause_off')
    AND e.agent IN (SELECT agent FROM affected_agents)
), seq AS (
  SELECT *, row_number() OVER w AS rn, lag(is_on) OVER w AS prev_on
  FROM se WINDOW w AS (PARTITION BY agent, queue, state ORDER BY ts, file_id, line_no)
), starts AS (
  SELECT * FROM seq WHERE is_on AND (prev_on IS NULL OR NOT prev_on)
), ends AS (
  SELECT * FROM seq WHERE NOT is_on
)
SELECT s.agent, s.queue, s.state, s.reason, s.ts AS start_ts, e.ts AS end_ts, s.file_id, s.line_no, e.file_id AS end_file_id
FROM starts s
ASOF LEFT JOIN ends e ON e.agent = s.agent AND e.queue = s.queue AND e.state = s.state AND e.rn >= s.rn;
