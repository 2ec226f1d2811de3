-- rep_state_evidence_facts (migrations 018 and 037) reads the coded rows (migration 042) rather than
-- the view queue_events: the member's events found by the code of their agent's name, the restarts
-- by the code of QUEUESTART, with no name looked up for every event. Same facts (a name has one code);
-- a load reading the facts of its agents' states spent 1.1-1.3 s of CPU on them at 1M calls, 0.3 here.
CREATE OR REPLACE MACRO rep_state_evidence_facts(only_agents := NULL) AS TABLE
  WITH rep_ev AS (
    SELECT r.agent, r.queue, r.state, r.start_ts, r.file_id, r.line_no, r.next_start_ts, n.code AS agent_code
    FROM rep_state_evidence r LEFT JOIN queue_log_names n ON n.name = r.agent
    WHERE only_agents IS NULL OR list_contains(only_agents, r.agent)
  ),
  rep_file_end AS (
    SELECT file_id, max(ts) AS file_end_ts FROM queue_event_rows
    WHERE file_id IN (SELECT file_id FROM rep_ev) GROUP BY file_id
  ),
  rep_activity AS (
    SELECT v.agent, v.file_id, v.line_no, v.state, v.queue, max(e.ts) AS last_activity_ts
    FROM rep_ev v JOIN queue_event_rows e ON e.file_id = v.file_id AND e.agent_code = v.agent_code AND e.ts >= v.start_ts
      AND (v.next_start_ts IS NULL OR e.ts < v.next_start_ts)
    GROUP BY ALL
  ),
  rep_restart AS (
    SELECT v.agent, v.file_id, v.line_no, v.state, v.queue, min(e.ts) AS restart_ts
    FROM rep_ev v
    JOIN (SELECT ts FROM queue_event_rows
          WHERE event_code IN (SELECT code FROM queue_log_names WHERE name = 'QUEUESTART')) e ON e.ts > v.start_ts
    GROUP BY ALL
  )
  SELECT v.agent, v.queue, v.state, v.file_id, v.line_no, f.file_end_ts, a.last_activity_ts, r.restart_ts
  FROM rep_ev v
  LEFT JOIN rep_file_end f ON f.file_id = v.file_id
  LEFT JOIN rep_activity a
    ON a.agent = v.agent AND a.file_id = v.file_id AND a.line_no = v.line_no AND a.state = v.state AND a.queue = v.queue
  LEFT JOIN rep_restart r
    ON r.agent = v.agent AND r.file_id = v.file_id AND r.line_no = v.line_no AND r.state = v.state AND r.queue = v.queue;
