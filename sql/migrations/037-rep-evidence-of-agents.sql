-- The facts of rep_state_evidence (migrations/018-rep-state-ends.sql), for the rows of some agents only
-- (issue 14: a followed log's small loads). `only_agents`: a list of agents, or NULL for every row as
-- before. A load re-reads the facts of the rows it derived again (its agents with member or pause
-- events, sql/rep-state-evidence.sql); the other rows' facts only grow by its own events
-- (sql/rep-state-evidence-grow.sql), so no load reads every row's events again.
CREATE OR REPLACE MACRO rep_state_evidence_facts(only_agents := NULL) AS TABLE
  WITH rep_ev AS (
    SELECT agent, queue, state, start_ts, file_id, line_no, next_start_ts FROM rep_state_evidence
    WHERE only_agents IS NULL OR list_contains(only_agents, agent)
  ),
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
