-- Lost-call follow-up: every lost inbound visit (abandoned after the short-abandon threshold, or
-- timed out) entering on the local dates $from..$to ($tz, $to inclusive), and whether the caller was
-- recovered within $window_s seconds after it was lost: their own later call answered ("got
-- through"), or an answered outbound call to their number ("called back", from the CDR).
--
-- Numbers match on their last 10 digits (+1 312 555 0101, 13125550101 and 3125550101 are one
-- caller); shorter numbers must match exactly. The moment of recovery is when the contact was
-- answered (connect time). $queue limits the lost calls (not the contacts) to one queue.
-- Short-abandon threshold: $short_abandon_s, else the queue's setting, else $default_short_abandon_s.
WITH bounds AS (
  SELECT timezone($tz, CAST(CAST($from AS DATE) AS TIMESTAMP)) AS start_ts,
         timezone($tz, CAST(CAST($to AS DATE) + 1 AS TIMESTAMP)) AS end_ts
),
lost AS (
  SELECT c.file_id, c.line_no, c.callid, c.queue, c.caller, c.outcome, c.wait_s, c.enter_ts,
         COALESCE(c.end_ts, c.enter_ts + to_seconds(COALESCE(c.wait_s, 0))) AS lost_at,
         regexp_replace(COALESCE(c.caller, ''), '[^0-9]', '', 'g') AS digits
  FROM calls c
  CROSS JOIN bounds b
  LEFT JOIN queue_settings s ON s.queue = c.queue
  WHERE c.direction = 'inbound'
    AND c.enter_ts >= b.start_ts AND c.enter_ts < b.end_ts
    AND (CAST($queue AS VARCHAR) IS NULL OR c.queue = CAST($queue AS VARCHAR))
    AND (c.outcome = 'timed_out'
         OR (c.outcome = 'abandoned'
             AND NOT COALESCE(c.wait_s < COALESCE(CAST($short_abandon_s AS DOUBLE), s.short_abandon_s,
                                                  CAST($default_short_abandon_s AS DOUBLE)), false)))
),
lost_keyed AS (
  SELECT *, CASE WHEN length(digits) >= 10 THEN right(digits, 10) WHEN digits <> '' THEN digits END AS number_key
  FROM lost
),
contacts AS (
  SELECT c.direction, c.outcome, c.enter_ts,
         COALESCE(c.connect_ts, c.enter_ts + to_seconds(COALESCE(c.wait_s, 0))) AS answered_at,
         CASE WHEN length(d.digits) >= 10 THEN right(d.digits, 10) WHEN d.digits <> '' THEN d.digits END AS number_key
  FROM calls c
  CROSS JOIN bounds b
  CROSS JOIN LATERAL (SELECT regexp_replace(COALESCE(c.caller, ''), '[^0-9]', '', 'g') AS digits) d
  WHERE c.enter_ts >= b.start_ts - INTERVAL 1 DAY
    AND c.enter_ts < b.end_ts + to_seconds(CAST($window_s AS DOUBLE)) + INTERVAL 1 DAY
    AND (c.outcome = 'answered' OR c.direction = 'outbound')
),
followed AS (
  SELECT l.file_id, l.line_no,
         min(k.answered_at) FILTER (WHERE k.direction = 'inbound' AND k.outcome = 'answered') AS got_through_at,
         min(k.answered_at) FILTER (WHERE k.direction = 'outbound' AND k.outcome = 'answered') AS called_back_at,
         count(*) FILTER (WHERE k.direction = 'outbound') AS callback_attempts
  FROM lost_keyed l
  JOIN contacts k
    ON k.number_key = l.number_key
   AND ((k.outcome = 'answered' AND k.answered_at >= l.lost_at AND k.answered_at <= l.lost_at + to_seconds(CAST($window_s AS DOUBLE)))
        OR (k.direction = 'outbound' AND k.enter_ts >= l.lost_at AND k.enter_ts <= l.lost_at + to_seconds(CAST($window_s AS DOUBLE))))
  GROUP BY l.file_id, l.line_no
),
data_end AS (
  SELECT greatest((SELECT max(ts) FROM queue_events), (SELECT max(COALESCE(end_ts, connect_ts, enter_ts)) FROM calls)) AS ts
)
SELECT strftime(timezone($tz, l.enter_ts), '%Y-%m-%dT%H:%M:%S') AS entered,
       strftime(timezone($tz, l.lost_at), '%Y-%m-%dT%H:%M:%S') AS lost_at,
       l.queue, l.callid, l.caller, l.number_key, l.outcome, l.wait_s,
       CASE WHEN least(f.got_through_at, f.called_back_at) IS NULL THEN NULL
            WHEN f.called_back_at IS NULL OR f.got_through_at <= f.called_back_at THEN 'got_through'
            ELSE 'called_back' END AS recovered_by,
       epoch(least(f.got_through_at, f.called_back_at)) - epoch(l.lost_at) AS recovery_s,
       CAST(COALESCE(f.callback_attempts, 0) AS INTEGER) AS callback_attempts,
       l.number_key IS NOT NULL AND least(f.got_through_at, f.called_back_at) IS NULL
         AND l.lost_at + to_seconds(CAST($window_s AS DOUBLE)) > (SELECT ts FROM data_end) AS window_open
FROM lost_keyed l
LEFT JOIN followed f ON f.file_id = l.file_id AND f.line_no = l.line_no
ORDER BY l.enter_ts, l.file_id, l.line_no;
