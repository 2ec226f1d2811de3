-- The staffing plan's history: inbound visits offered per local date ($tz) before the local date
-- $to, all queues together, with the answered ones' handle time (talk + wrap-up, a part past a day
-- counting as none, as in forecast-history.sql). Open visits count nowhere; days without calls have
-- no row.
-- Summed per quarter hour of real time first, then each quarter hour given its local date: every
-- zone offset in use is a whole number of quarter hours, so a quarter hour lies in one local date,
-- and the zone is converted a few thousand times instead of once per call.
WITH quarters AS (
  SELECT epoch_ms(enter_ts) // 900000 AS q,
         count(*) AS calls,
         count(*) FILTER (outcome = 'answered') AS answered,
         sum(CASE WHEN talk_s BETWEEN 0 AND 86400 THEN talk_s ELSE 0 END
             + CASE WHEN wrap_s BETWEEN 0 AND 86400 THEN wrap_s ELSE 0 END) FILTER (outcome = 'answered') AS handle_s
  FROM calls
  WHERE direction = 'inbound' AND outcome IS NOT NULL
    AND enter_ts < local_day_start($tz, $to)
  GROUP BY q
)
SELECT strftime(timezone($tz, make_timestamptz(q * 900000000)), '%Y-%m-%d') AS date,
       CAST(sum(calls) AS INTEGER) AS calls,
       CAST(sum(answered) AS INTEGER) AS answered,
       COALESCE(sum(handle_s), 0) AS handle_s
FROM quarters
GROUP BY ALL
ORDER BY date;
