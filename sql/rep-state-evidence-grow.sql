-- After a queue_log load of file $file_id (ingest/queue-log-publish.ts): every row of
-- rep_state_evidence takes the load's events into its facts; the rows derived again in this load
-- (sql/rep-state-evidence.sql) hold the facts of the events before it. Each fact is the newest or the
-- first of some events (migrations/037: rep_state_evidence_facts), and a load only adds events
-- (stage_events, good lines, all of file $file_id), so the fact over all events is the old one or the
-- newest/first of the new ones: the file's newest event and the member's last activity for rows of
-- this file, the first QUEUESTART after the log-in for every row. Nothing reads the earlier events
-- again, and the load's own events are read from the staged lines, not back from queue_event_rows.
UPDATE rep_state_evidence v
SET file_end_ts = greatest(v.file_end_ts, g.file_end_ts),
    last_activity_ts = greatest(v.last_activity_ts, g.last_activity_ts),
    restart_ts = least(v.restart_ts, g.restart_ts)
FROM (
  WITH new AS (SELECT agent, event, ts FROM stage_events WHERE field IS NULL),
  mine AS (SELECT * FROM rep_state_evidence WHERE file_id = $file_id),
  -- a member's newest event of the load: a state with no later start (nearly all) takes it when it
  -- is at or after the state's start; the few with a later start look within their range
  newest AS (SELECT agent, max(ts) AS ts FROM new WHERE agent IN (SELECT agent FROM mine) GROUP BY agent),
  activity AS (
    SELECT r.agent, r.queue, r.state, r.file_id, r.line_no, n.ts
    FROM mine r JOIN newest n ON n.agent = r.agent AND n.ts >= r.start_ts
    WHERE r.next_start_ts IS NULL
    UNION ALL
    SELECT r.agent, r.queue, r.state, r.file_id, r.line_no, max(n.ts) AS ts
    FROM (SELECT * FROM mine WHERE next_start_ts IS NOT NULL) r
    JOIN new n ON n.agent = r.agent AND n.ts >= r.start_ts AND n.ts < r.next_start_ts
    GROUP BY ALL
  ),
  restart AS (
    SELECT r.agent, r.queue, r.state, r.file_id, r.line_no, min(n.ts) AS ts
    FROM rep_state_evidence r JOIN (SELECT ts FROM new WHERE event = 'QUEUESTART') n ON n.ts > r.start_ts
    GROUP BY ALL
  )
  SELECT r.agent, r.queue, r.state, r.file_id, r.line_no,
         CASE WHEN r.file_id = $file_id THEN (SELECT max(ts) FROM new) END AS file_end_ts,
         a.ts AS last_activity_ts, s.ts AS restart_ts
  FROM rep_state_evidence r
  LEFT JOIN activity a USING (agent, queue, state, file_id, line_no)
  LEFT JOIN restart s USING (agent, queue, state, file_id, line_no)
) g
WHERE g.agent = v.agent AND g.file_id = v.file_id AND g.line_no = v.line_no AND g.state = v.state AND g.queue = v.queue
  AND (g.file_end_ts IS NOT NULL OR g.restart_ts IS NOT NULL);
