-- Brings the repeat_days summary (migration 044) up to date from call_facts, in the zone $tz for the
-- repeat window $window_s: every local date from $since's on, or all of them when $since is null; then
-- records what it was built from. Runs in the facts' catch-up transaction, after them
-- (analytics/callers/repeat-days.ts). An answered call is a repeat as in repeat-callers.sql's
-- flag from call_facts: the number's latest earlier inbound call under another callid entered within
-- $window_s before.
CREATE OR REPLACE TEMP TABLE repeat_days_from AS
SELECT CASE WHEN CAST($since AS TIMESTAMPTZ) IS NULL THEN CAST('-infinity' AS TIMESTAMPTZ)
            ELSE local_day_start($tz, CAST(timezone($tz, CAST($since AS TIMESTAMPTZ)) AS DATE)) END AS start_ts,
       CASE WHEN CAST($since AS TIMESTAMPTZ) IS NULL THEN CAST('-infinity' AS DATE)
            ELSE CAST(timezone($tz, CAST($since AS TIMESTAMPTZ)) AS DATE) END AS start_day;

DELETE FROM repeat_days WHERE day >= (SELECT start_day FROM repeat_days_from);

INSERT INTO repeat_days
SELECT CAST(timezone($tz, slice_ts) AS DATE) AS day, queue, sum(answered), sum(repeat_calls)
FROM (SELECT time_bucket(INTERVAL 15 MINUTE, c.enter_ts) AS slice_ts, c.queue,
             count(*) AS answered,
             count(*) FILTER (WHERE f.prev_call_ts >= c.enter_ts - to_seconds(CAST($window_s AS DOUBLE))) AS repeat_calls
      FROM calls c
      JOIN call_facts f ON f.file_id = c.file_id AND f.line_no = c.line_no
      WHERE c.direction = 'inbound' AND c.outcome = 'answered' AND c.caller IS NOT NULL AND f.number_key IS NOT NULL
        AND c.enter_ts >= (SELECT start_ts FROM repeat_days_from)
      GROUP BY ALL)
GROUP BY ALL
ORDER BY day;

DELETE FROM repeat_days_state;

INSERT INTO repeat_days_state (calls, window_s, time_zone)
SELECT (SELECT count(*) FROM calls), $window_s, $tz;

DROP TABLE repeat_days_from;
