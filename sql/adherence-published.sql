-- Whether a published week covers the local date $date (a published week with nobody scheduled that
-- day still covers it: nobody is held to a shift then).
SELECT count(*) > 0 AS published
FROM schedule_weeks
WHERE status = 'published'
  AND week_start <= CAST($date AS DATE) AND week_start > CAST($date AS DATE) - INTERVAL 7 DAY;
