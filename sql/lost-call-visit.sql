-- A lost inbound queue visit (abandoned or timed out) by its call id and queue, for marking it
-- handled: its outcome and entry time (UTC ISO). No row: there is no such lost call.
SELECT callid, queue, outcome, strftime(min(enter_ts), '%Y-%m-%dT%H:%M:%SZ') AS entered
FROM calls
WHERE callid = $callid AND queue = $queue AND direction = 'inbound' AND outcome IN ('abandoned', 'timed_out', 'blocked')
GROUP BY callid, queue, outcome;
