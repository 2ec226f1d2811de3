-- One lost caller's handling record, if marked.
SELECT callid, queue, note, handled_by, strftime(handled_at, '%Y-%m-%dT%H:%M:%SZ') AS handled_at
FROM lost_call_handling
WHERE callid = $callid AND queue = $queue;
