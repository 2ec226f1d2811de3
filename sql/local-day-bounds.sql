-- The local dates $from..$to ($tz, $to inclusive) with the instants they start and end, as epoch
-- seconds: a day of 23 or 25 hours at a DST change stays one whole day.
SELECT strftime(d, '%Y-%m-%d') AS date,
       epoch(timezone($tz, CAST(d AS TIMESTAMP))) AS start_s,
       epoch(timezone($tz, CAST(d + INTERVAL 1 DAY AS TIMESTAMP))) AS end_s
FROM (SELECT unnest(generate_series(CAST($from AS DATE), CAST($to AS DATE), INTERVAL 1 DAY)) AS d)
ORDER BY d;
