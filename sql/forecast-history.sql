-- The forecast's history: inbound visits offered per queue, local date and interval of
-- $interval_minutes on the local dates $from..$to ($tz, $to inclusive), with the answered ones'
-- handle time (talk + wrap-up). Only intervals with calls have a row. Open visits count nowhere
-- (as in call-metrics.sql); a visit belongs to the interval of its ENTERQUEUE time, found through
-- its 15-minute slice of real time (every zone offset in use is a whole number of quarter hours,
-- and $interval_minutes is 15, 30 or 60): one time-zone conversion per slice, not per call.
WITH slices AS (
  SELECT slice_ts, time_bucket(to_minutes(CAST($interval_minutes AS INTEGER)), timezone($tz, slice_ts)) AS bucket
  FROM (SELECT unnest(generate_series(local_day_start($tz, $from),
                                      local_day_end($tz, $to) - INTERVAL 15 MINUTE,
                                      INTERVAL 15 MINUTE)) AS slice_ts)
),
visits AS (
  SELECT c.queue, c.outcome, c.talk_s, c.wrap_s, s.bucket
  FROM calls c
  JOIN slices s ON s.slice_ts = time_bucket(INTERVAL 15 MINUTE, c.enter_ts)
  WHERE c.direction = 'inbound' AND c.outcome IS NOT NULL
    AND c.enter_ts >= local_day_start($tz, $from)
    AND c.enter_ts < local_day_end($tz, $to)
)
SELECT queue,
       strftime(bucket, '%Y-%m-%d') AS date,
       CAST(hour(bucket) * 60 + minute(bucket) AS INTEGER) AS minute,
       CAST(count(*) AS INTEGER) AS offered,
       CAST(count(*) FILTER (outcome = 'answered') AS INTEGER) AS answered,
       -- (a talk or wrap-up past a day, the bound of ingest/field-ranges.ts, counts as none: one absurd
       -- call loaded some other way cannot swamp the handle time)
       COALESCE(sum(CASE WHEN talk_s BETWEEN 0 AND 86400 THEN talk_s ELSE 0 END
                    + CASE WHEN wrap_s BETWEEN 0 AND 86400 THEN wrap_s ELSE 0 END) FILTER (outcome = 'answered'), 0) AS handle_s
FROM visits
GROUP BY ALL
ORDER BY queue, date, minute;
