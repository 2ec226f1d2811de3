-- The forecast's history: inbound visits offered per queue, local date and interval of
-- $interval_minutes on the local dates $from..$to ($tz, $to inclusive), with the answered ones'
-- handle time (talk + wrap-up). Only intervals with calls have a row. Open visits count nowhere
-- (as in call-metrics.sql); a visit belongs to the interval of its ENTERQUEUE time.
WITH bounds AS (
  SELECT timezone($tz, CAST(CAST($from AS DATE) AS TIMESTAMP)) AS start_ts,
         timezone($tz, CAST(CAST($to AS DATE) + 1 AS TIMESTAMP)) AS end_ts
),
visits AS (
  SELECT c.queue, c.outcome, c.talk_s, c.wrap_s,
         time_bucket(to_minutes(CAST($interval_minutes AS INTEGER)), timezone($tz, c.enter_ts)) AS bucket
  FROM calls c, bounds b
  WHERE c.direction = 'inbound' AND c.outcome IS NOT NULL
    AND c.enter_ts >= b.start_ts AND c.enter_ts < b.end_ts
)
SELECT queue,
       strftime(bucket, '%Y-%m-%d') AS date,
       CAST(hour(bucket) * 60 + minute(bucket) AS INTEGER) AS minute,
       CAST(count(*) AS INTEGER) AS offered,
       CAST(count(*) FILTER (outcome = 'answered') AS INTEGER) AS answered,
       COALESCE(sum(COALESCE(talk_s, 0) + COALESCE(wrap_s, 0)) FILTER (outcome = 'answered'), 0) AS handle_s
FROM visits
GROUP BY ALL
ORDER BY queue, date, minute;
