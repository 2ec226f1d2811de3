-- After a queue_log load of file $file_id (ingest/queue-log-publish.ts): the rows of rep_state_evidence
-- this load did not derive again (agents not in temp table affected_agents) take its events into their
-- facts. Each fact is the newest or the first of some events (migrations/037: rep_state_evidence_facts),
-- and a load only adds events (stage_events, good lines, all of file $file_id), so the fact over all
-- events is the old one or the newest/first of the new ones: the file's newest event and the member's
-- last activity for rows of this file, the first QUEUESTART after the log-in for every row. Nothing
-- reads the earlier events again.
UPDATE rep_state_evidence v
SET file_end_ts = greatest(v.file_end_ts, g.file_end_ts),
    last_activity_ts = greatest(v.last_activity_ts, g.last_activity_ts),
    restart_ts = least(v.restart_ts, g.restart_ts)
FROM (
  SELECT r.agent, r.queue, r.state, r.file_id, r.line_no,
         CASE WHEN r.file_id = $file_id THEN (SELECT max(ts) FROM stage_events WHERE field IS NULL) END AS file_end_ts,
         CASE WHEN r.file_id = $file_id THEN
           (SELECT max(e.ts) FROM stage_events e
            WHERE e.field IS NULL AND e.agent = r.agent AND e.ts >= r.start_ts AND (r.next_start_ts IS NULL OR e.ts < r.next_start_ts))
         END AS last_activity_ts,
         (SELECT min(e.ts) FROM stage_events e WHERE e.field IS NULL AND e.event = 'QUEUESTART' AND e.ts > r.start_ts) AS restart_ts
  FROM rep_state_evidence r
  WHERE r.agent NOT IN (SELECT agent FROM affected_agents)
) g
WHERE g.agent = v.agent AND g.file_id = v.file_id AND g.line_no = v.line_no AND g.state = v.state AND g.queue = v.queue
  AND (g.file_end_ts IS NOT NULL OR g.restart_ts IS NOT NULL);
