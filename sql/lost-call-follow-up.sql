-- Lost-call follow-up: every lost inbound visit (abandoned after the short-abandon threshold, or
-- timed out) entering on the local dates $from..$to ($tz, $to inclusive), and whether the caller was
-- recovered within $window_s seconds after it was lost: their own later call answered ("got
-- through"), or an answered outbound call to their number ("called back", from the CDR).
--
-- Numbers match on their last 10 digits (+1 312 555 0101, 13125550101 and 3125550101 are one
-- caller); shorter numbers must match exactly. The moment of recovery is when the contact was
-- answered (connect time). $queue limits the lost calls (not the contacts) to one queue.
-- Short-abandon threshold: $short_abandon_s, else the queue's setting, else $default_short_abandon_s.
-- The matching is the macro lost_calls_followed (migrations/010-trend-macros.sql), which
-- lost-call-follow-up-by-period.sql sums per period.
-- (the newest queue_log event: queue_events_newest(), migration 045, the coded rows' own newest time)
WITH data_end AS (
  SELECT greatest(queue_events_newest(), (SELECT max(COALESCE(end_ts, connect_ts, enter_ts)) FROM calls)) AS ts
)
SELECT strftime(timezone($tz, l.enter_ts), '%Y-%m-%dT%H:%M:%S') AS entered,
       strftime(timezone($tz, l.lost_at), '%Y-%m-%dT%H:%M:%S') AS lost_at,
       l.file_id || '-' || l.line_no AS call_id, -- the visit as the Calls page opens it
       l.queue, l.callid, l.caller, l.number_key, l.outcome, l.wait_s,
       CASE WHEN least(l.got_through_at, l.called_back_at) IS NULL THEN NULL
            WHEN l.called_back_at IS NULL OR l.got_through_at <= l.called_back_at THEN 'got_through'
            ELSE 'called_back' END AS recovered_by,
       epoch(least(l.got_through_at, l.called_back_at)) - epoch(l.lost_at) AS recovery_s,
       l.callback_attempts,
       l.number_key IS NOT NULL AND least(l.got_through_at, l.called_back_at) IS NULL
         AND l.lost_at + to_seconds(CAST($window_s AS DOUBLE)) > (SELECT ts FROM data_end) AS window_open
FROM lost_calls_followed(local_day_start($tz, $from),
                         local_day_end($tz, $to),
                         $queue, $window_s, $short_abandon_s, $default_short_abandon_s) l
ORDER BY l.enter_ts, l.file_id, l.line_no;
