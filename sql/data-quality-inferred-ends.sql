-- Log-ins (and pauses) no log-off (unpause) closed, starting on the local dates $from..$to ($tz, $to
-- inclusive), with the instant the rule of migrations/018-rep-state-ends.sql ended them and which
-- rule it was (rep_state_ends: the same definition every rep-state figure reads). A state closed by
-- an off event of another file more than a maximum shift later is listed too (that end is not
-- trusted). Local times in $tz; ended is null never (a live log-in ends now, 'still_logged_in').
WITH bounds AS (
  SELECT local_day_start($tz, $from) AS start_ts,
         local_day_end($tz, $to) AS end_ts
)
SELECT s.agent AS interface, COALESCE(p.rep_id, rep_id_of(s.agent)) AS rep_id, s.queue, s.state,
       strftime(timezone($tz, s.start_ts), '%Y-%m-%dT%H:%M:%S') AS started,
       strftime(timezone($tz, s.e_ts), '%Y-%m-%dT%H:%M:%S') AS ended,
       epoch(s.e_ts) - epoch(s.start_ts) AS counted_s,
       s.end_rule AS rule,
       strftime(timezone($tz, s.end_ts), '%Y-%m-%dT%H:%M:%S') AS untrusted_off,
       f.path, s.file_id, CAST(s.line_no AS INTEGER) AS line_no
FROM rep_state_ends() s
CROSS JOIN bounds b
LEFT JOIN roster p ON p.interface = s.agent
LEFT JOIN source_files f ON f.file_id = s.file_id
WHERE s.end_rule <> 'log_off'
  AND s.start_ts >= b.start_ts AND s.start_ts < b.end_ts
ORDER BY s.start_ts, s.agent, s.queue, s.state;
