-- The queue_log reason lines that attached to no visit (no visit of that callid and queue ended in
-- the 30 minutes before the line), newest first, with the file and line they came from.
SELECT f.path, l.line_no, strftime(l.ts, '%Y-%m-%dT%H:%M:%SZ') AS ts, l.callid, l.queue, l.agent, l.event, l.code
FROM reason_lines l JOIN source_files f USING (file_id)
WHERE l.call_file_id IS NULL
ORDER BY l.ts DESC
LIMIT 100;
