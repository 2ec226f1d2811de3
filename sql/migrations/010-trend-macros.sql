-- What the manager's trends and the lead's lists share, written once: the rule for matching caller
-- numbers (lost-call follow-up, repeat callers), the periods of a range, and lost-call follow-up
-- itself, for the list of lost calls a lead works through (lost-call-follow-up.sql) and the figures
-- per week, month or quarter (lost-call-follow-up-by-period.sql). Macros are expanded into the
-- calling query, so the range bounds a caller passes (inline instants) still prune the scan of calls.

-- A caller number's key: its last 10 digits (+1 312 555 0101, 13125550101 and 3125550101 are one
-- caller); a shorter number must match exactly; no digits, or no number: null (never matches).
CREATE MACRO digits_of(caller) AS regexp_replace(COALESCE(caller, ''), '[^0-9]', '', 'g');
CREATE MACRO number_key_of(caller) AS
  CASE WHEN length(digits_of(caller)) >= 10 THEN right(digits_of(caller), 10)
       WHEN digits_of(caller) <> '' THEN digits_of(caller) END;

-- The periods of the local dates from_date..to_date in zone tz, by bucket: day, week (ISO, Monday
-- first), month, quarter (each labelled by its first day, as call-metrics.sql labels them) or total
-- (one, labelled from_date), as the 15-minute slices of real time they are made of, like
-- call-metrics.sql's spine (every zone offset in use is a whole number of quarter hours): a call
-- belongs to the period of its slice, JOIN period_slices(...) p ON p.slice_ts =
-- time_bucket(INTERVAL 15 MINUTE, c.enter_ts), one time-zone conversion per slice, not per call.
CREATE MACRO period_slices(from_date, to_date, bucket, tz) AS TABLE
SELECT slice_ts,
       CASE CAST(bucket AS VARCHAR)
         WHEN 'day' THEN local_date
         WHEN 'week' THEN CAST(date_trunc('week', local_date) AS DATE)
         WHEN 'month' THEN CAST(date_trunc('month', local_date) AS DATE)
         WHEN 'quarter' THEN CAST(date_trunc('quarter', local_date) AS DATE)
         ELSE CAST(from_date AS DATE)
       END AS period
FROM (
  SELECT slice_ts, CAST(timezone(tz, slice_ts) AS DATE) AS local_date
  FROM (SELECT unnest(generate_series(timezone(tz, CAST(CAST(from_date AS DATE) AS TIMESTAMP)),
                                      timezone(tz, CAST(CAST(to_date AS DATE) + 1 AS TIMESTAMP)) - INTERVAL 15 MINUTE,
                                      INTERVAL 15 MINUTE)) AS slice_ts)
);

-- The stretch of time, at least window_s long, an instant falls in (numbered from 1970): an instant
-- and any instant up to window_s later are in the same stretch or the next. Joining on it lets a
-- call meet only the calls of its number near it in time, not every call of the number.
CREATE MACRO window_bucket(ts, window_s) AS
  epoch_us(ts) // greatest(CAST(ceil(CAST(window_s AS DOUBLE) * 1000000) AS BIGINT), 1);

-- Every lost inbound visit (abandoned after the short-abandon threshold, or timed out) entering in
-- [range_start, range_end) (instants), in queue_name (null: all), and the contacts that recovered
-- it within window_s seconds after it was lost (lost_at: its end):
--   got_through_at  the first of the caller's own later inbound calls answered (connect time),
--   called_back_at  the first outbound call to the number answered (from the CDR), counting a
--                   call-back placed or answered within the window,
--   callback_attempts  outbound calls to the number placed, or answered, within the window.
-- Short-abandon threshold: short_abandon_override, else the queue's setting, else
-- default_short_abandon_s. Contacts are looked for from a day before the range to a day after
-- the window past its end. CTEs are named lf_* so that they never hide a CTE of the calling query.
-- Caller numbers are keyed once per distinct caller (the key's regular expressions are the cost).
CREATE MACRO lost_calls_followed(range_start, range_end, queue_name, window_s, short_abandon_override,
                                 default_short_abandon_s) AS TABLE
WITH lf_lost AS (
  SELECT c.file_id, c.line_no, c.callid, c.queue, c.caller, c.outcome, c.wait_s, c.enter_ts,
         COALESCE(c.end_ts, c.enter_ts + to_seconds(COALESCE(c.wait_s, 0))) AS lost_at
  FROM calls c
  LEFT JOIN queue_settings s ON s.queue = c.queue
  WHERE c.direction = 'inbound'
    AND c.enter_ts >= range_start AND c.enter_ts < range_end
    AND (CAST(queue_name AS VARCHAR) IS NULL OR c.queue = CAST(queue_name AS VARCHAR))
    AND (c.outcome = 'timed_out'
         OR (c.outcome = 'abandoned'
             AND NOT COALESCE(c.wait_s < COALESCE(CAST(short_abandon_override AS DOUBLE), s.short_abandon_s,
                                                  CAST(default_short_abandon_s AS DOUBLE)), false)))
),
lf_contacts AS (
  SELECT c.direction, c.outcome, c.enter_ts, c.caller,
         COALESCE(c.connect_ts, c.enter_ts + to_seconds(COALESCE(c.wait_s, 0))) AS answered_at
  FROM calls c
  WHERE c.enter_ts >= range_start - INTERVAL 1 DAY
    AND c.enter_ts < range_end + to_seconds(CAST(window_s AS DOUBLE)) + INTERVAL 1 DAY
    AND (c.outcome = 'answered' OR c.direction = 'outbound')
    AND c.caller IS NOT NULL
),
-- Numbered so that the joins below match integers; filtered after the numbering (filtered before, the
-- key would be worked out for every call rather than every caller).
lf_numbers AS (
  SELECT caller, number_key, dense_rank() OVER (ORDER BY number_key) AS number_id
  FROM (SELECT caller, number_key_of(caller) AS number_key FROM (SELECT caller FROM lf_lost UNION SELECT caller FROM lf_contacts))
),
lf_lost_keyed AS (
  SELECT l.*, n.number_key, n.number_id, window_bucket(l.lost_at, window_s) AS bucket
  FROM lf_lost l
  LEFT JOIN lf_numbers n ON n.caller = l.caller
),
lf_contacts_keyed AS (
  SELECT k.*, n.number_id, window_bucket(k.answered_at, window_s) AS bucket
  FROM lf_contacts k
  JOIN lf_numbers n ON n.caller = k.caller
  WHERE n.number_key IS NOT NULL
),
-- [lost_at, lost_at + window] lies in the lost call's bucket and the next one.
lf_got_through AS (
  SELECT l.file_id, l.line_no, min(k.answered_at) AS got_through_at
  FROM (SELECT file_id, line_no, number_id, lost_at, unnest([bucket, bucket + 1]) AS bucket
        FROM lf_lost_keyed WHERE number_key IS NOT NULL) l
  JOIN lf_contacts_keyed k
    ON k.number_id = l.number_id AND k.bucket = l.bucket
   AND k.direction = 'inbound' AND k.outcome = 'answered'
   AND k.answered_at >= l.lost_at AND k.answered_at <= l.lost_at + to_seconds(CAST(window_s AS DOUBLE))
  GROUP BY l.file_id, l.line_no
),
lf_called_back AS (
  SELECT l.file_id, l.line_no,
         min(k.answered_at) FILTER (WHERE k.outcome = 'answered') AS called_back_at,
         count(*) AS callback_attempts
  FROM lf_lost_keyed l
  JOIN lf_contacts_keyed k
    ON k.number_id = l.number_id AND l.number_key IS NOT NULL AND k.direction = 'outbound'
   AND ((k.outcome = 'answered' AND k.answered_at >= l.lost_at AND k.answered_at <= l.lost_at + to_seconds(CAST(window_s AS DOUBLE)))
        OR (k.enter_ts >= l.lost_at AND k.enter_ts <= l.lost_at + to_seconds(CAST(window_s AS DOUBLE))))
  GROUP BY l.file_id, l.line_no
)
SELECT l.file_id, l.line_no, l.callid, l.queue, l.caller, l.number_key, l.outcome, l.wait_s, l.enter_ts, l.lost_at,
       g.got_through_at, b.called_back_at, CAST(COALESCE(b.callback_attempts, 0) AS INTEGER) AS callback_attempts
FROM lf_lost_keyed l
LEFT JOIN lf_got_through g ON g.file_id = l.file_id AND g.line_no = l.line_no
LEFT JOIN lf_called_back b ON b.file_id = l.file_id AND b.line_no = l.line_no;
