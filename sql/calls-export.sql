-- Every call entering on the local dates $from..$to ($tz, $to inclusive), oldest first, for a
-- records export (app/server/privacy/calls-export.ts): one row per queue visit with its local
-- times, queue, outcome, waits and the rep who answered; `caller` as loaded (the export decides
-- whether it is written, masked or left out).
SELECT c.file_id || '-' || c.line_no AS call_id,
       strftime(timezone($tz, c.enter_ts), '%Y-%m-%dT%H:%M:%S') AS entered,
       c.queue, c.direction, c.caller,
       COALESCE(c.outcome, 'open') AS outcome, c.end_event,
       c.wait_s, c.talk_s, c.ring_no_answer, c.transferred,
       COALESCE(r.name, c.agent) AS rep
FROM calls c
LEFT JOIN roster r ON r.interface = c.agent
WHERE c.enter_ts >= timezone($tz, CAST($from AS DATE)::TIMESTAMP)
  AND c.enter_ts < timezone($tz, (CAST($to AS DATE) + 1)::TIMESTAMP)
ORDER BY c.enter_ts, c.file_id, c.line_no;
