-- The rep-state spans (sql/rep-state-spans.sql) the pause shrinkage needs for the local dates
-- $from..$to ($tz): every log-in and pause, and only those calls, rings and wrap-ups that overlap a
-- pause of the same rep, the only ones that can change paused time (they hide it by precedence).
-- Laid over each other as the full set would be, they give the same logged-in and paused seconds,
-- from a fraction of the rows (a month of a large center has a span for every call). The macro
-- rep_pause_spans (migration 047) gives the rows of rep_state_spans(..., only_near_pauses := true)
-- (migrations 041, 045) with less reading.
SELECT * FROM rep_pause_spans($tz, $from, $to)
ORDER BY rep_id, start_s;
