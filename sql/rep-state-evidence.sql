-- During a queue_log load (ingest/queue-log-publish.ts), for the agents with member or pause events in
-- it (temp table affected_agents): what the end-of-state rule needs (migrations/018-rep-state-ends.sql).
-- The states derived in this load (temp table derived_states) replace their agents' rows: those still
-- open and those closed by an off event of another file. Their facts are read here from the events
-- stored before this load (the loader runs this before it inserts the load's events); the load's own
-- events are added to every row's facts after (sql/rep-state-evidence-grow.sql), from the staged lines.
DELETE FROM rep_state_evidence WHERE agent IN (SELECT agent FROM affected_agents);
INSERT INTO rep_state_evidence (agent, queue, state, start_ts, file_id, line_no, end_file_id, next_start_ts)
SELECT agent, queue, state, start_ts, file_id, line_no, end_file_id, next_start_ts
FROM derived_states
WHERE end_ts IS NULL OR end_file_id <> file_id;
UPDATE rep_state_evidence v
SET file_end_ts = f.file_end_ts, last_activity_ts = f.last_activity_ts, restart_ts = f.restart_ts
FROM rep_state_evidence_facts(only_agents := COALESCE((SELECT list(agent) FROM affected_agents), [])) f
WHERE f.agent = v.agent AND f.file_id = v.file_id AND f.line_no = v.line_no AND f.state = v.state AND f.queue = v.queue;
