-- The rep states of the data-lake export: every log-in and pause (rep_states) with where it ends by
-- the one rule (rep_state_ends, migration 018) and which part of the rule ended it, and the month of
-- its start in the center's zone ($tz). A log-in still open in the export being written ends "now",
-- so its month is written again by each export until a log-off closes it.
SELECT COALESCE(r.rep_id, rep_id_of(s.agent)) AS rep,
       s.agent AS rep_interface, s.queue, s.state, s.reason,
       s.start_ts, s.e_ts AS end_ts, s.end_rule,
       CAST(timezone($tz, s.start_ts) AS DATE) AS local_date,
       CAST(s.file_id AS VARCHAR) || '-' || CAST(s.line_no AS VARCHAR) AS source_line,
       strftime(timezone($tz, s.start_ts), '%Y-%m') AS month
FROM rep_state_ends() s
LEFT JOIN roster r ON r.interface = s.agent
