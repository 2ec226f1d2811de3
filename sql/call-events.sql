-- Every queue_log event of the call ids $callids (a list: one call, or the legs of a transfer chain)
-- between $from_ts and $to_ts (UTC instants, bounding the scan to the call's day), in the order the
-- PBX wrote them: entering each queue, rings and ring-no-answers,
-- the answer, transfers to other queues, the end. Rep names from the roster; local times in $tz.
SELECT e.file_id, CAST(e.line_no AS BIGINT) AS line_no,
       strftime(e.ts, '%Y-%m-%dT%H:%M:%S.%gZ') AS ts,
       strftime(timezone($tz, e.ts), '%Y-%m-%dT%H:%M:%S') AS local_time,
       e.event, e.queue, qs.label AS queue_label,
       CASE WHEN e.agent IS NULL OR e.agent = 'NONE' THEN NULL ELSE e.agent END AS agent,
       r.name AS rep,
       CASE WHEN e.agent IS NULL OR e.agent = 'NONE' THEN NULL ELSE COALESCE(r.rep_id, rep_id_of(e.agent)) END AS rep_id,
       e.data1, e.data2, e.data3, e.data4, e.data5, e.known
FROM queue_events e
LEFT JOIN roster r ON r.interface = e.agent
LEFT JOIN queue_settings qs ON qs.queue = e.queue
WHERE list_contains(CAST($callids AS VARCHAR[]), e.callid)
  AND e.ts >= CAST($from_ts AS TIMESTAMPTZ) AND e.ts <= CAST($to_ts AS TIMESTAMPTZ)
ORDER BY e.ts, e.file_id, e.line_no;
