-- The staffing plan's history: inbound visits offered per local date ($tz) before the local date
-- $to, all queues together, with the answered ones' handle time (talk + wrap-up, a part past a day
-- counting as none, as in forecast-history.sql). Open visits count nowhere; days without calls have
-- no row.
SELECT strftime(timezone($tz, enter_ts), '%Y-%m-%d') AS date,
       CAST(count(*) AS INTEGER) AS calls,
       CAST(count(*) FILTER (outcome = 'answered') AS INTEGER) AS answered,
       COALESCE(sum(CASE WHEN talk_s BETWEEN 0 AND 86400 THEN talk_s ELSE 0 END
                    + CASE WHEN wrap_s BETWEEN 0 AND 86400 THEN wrap_s ELSE 0 END) FILTER (outcome = 'answered'), 0) AS handle_s
FROM calls
WHERE direction = 'inbound' AND outcome IS NOT NULL
  AND enter_ts < local_day_start($tz, $to)
GROUP BY ALL
ORDER BY date;
