-- The calls of the data-lake export (callboard export; app/server/export/), one row per call as the
-- `calls` table holds it (excluded calls are not in it), with the month of its start in the
-- center's zone ($tz) to partition by. `caller` is the full number here; the export masks it.
SELECT CAST(c.file_id AS VARCHAR) || '-' || CAST(c.line_no AS VARCHAR) AS call_id,
       c.source, c.callid, c.queue, c.direction, c.caller, c.did,
       c.enter_ts, c.connect_ts, c.end_ts,
       CAST(timezone($tz, c.enter_ts) AS DATE) AS local_date,
       c.outcome, c.end_event,
       c.agent AS rep_interface,
       CASE WHEN c.agent IS NOT NULL THEN COALESCE(r.rep_id, rep_id_of(c.agent)) END AS rep,
       c.wait_s, c.talk_s, c.wrap_s, c.ring_no_answer, c.transferred, c.enter_position,
       strftime(timezone($tz, c.enter_ts), '%Y-%m') AS month
FROM calls c
LEFT JOIN roster r ON r.interface = c.agent
