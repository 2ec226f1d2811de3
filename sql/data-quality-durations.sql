-- Calls entering on the local dates $from..$to ($tz, $to inclusive) with a duration that cannot be
-- true: negative waits, talk or wrap-up, any of them longer than $max_duration_s, or events out of
-- order (answered or ended before entering). One row per call and problem.
WITH bounds AS (
  SELECT local_day_start($tz, $from) AS start_ts,
         local_day_end($tz, $to) AS end_ts
),
checked AS (
  SELECT c.*,
    [CASE WHEN c.wait_s < 0 THEN 'negative wait' END,
     CASE WHEN c.talk_s < 0 THEN 'negative talk' END,
     CASE WHEN c.wrap_s < 0 THEN 'negative wrap-up' END,
     CASE WHEN c.wait_s > CAST($max_duration_s AS DOUBLE) THEN 'wait too long' END,
     CASE WHEN c.talk_s > CAST($max_duration_s AS DOUBLE) THEN 'talk too long' END,
     CASE WHEN c.wrap_s > CAST($max_duration_s AS DOUBLE) THEN 'wrap-up too long' END,
     CASE WHEN c.connect_ts < c.enter_ts THEN 'answered before entering' END,
     CASE WHEN c.end_ts < c.enter_ts THEN 'ended before entering' END] AS problems
  FROM calls c, bounds b
  WHERE c.enter_ts >= b.start_ts AND c.enter_ts < b.end_ts
)
SELECT strftime(timezone($tz, enter_ts), '%Y-%m-%dT%H:%M:%S') AS entered,
       queue, callid, direction, outcome, agent, wait_s, talk_s, wrap_s, problem,
       source, file_id, CAST(line_no AS INTEGER) AS line_no
FROM (SELECT *, unnest(list_filter(problems, p -> p IS NOT NULL)) AS problem FROM checked)
ORDER BY enter_ts, file_id, line_no, problem;
