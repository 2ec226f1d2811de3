-- Caller patience per queue from the center's own abandons, over the local dates $from..$to ($tz,
-- $to inclusive): with exponential patience the maximum-likelihood abandon rate is
-- abandons / total time waited by everyone (answered and timed-out callers' waits are censored
-- patience), so mean patience = total waited / abandons (Mandelbaum & Zeltyn 2007, on Erlang A
-- fitting). Every abandon counts, short ones too: the Erlang A model has no short-abandon notion.
WITH bounds AS (
  SELECT local_day_start($tz, $from) AS start_ts,
         local_day_end($tz, $to) AS end_ts
)
SELECT queue,
       CAST(count(*) AS INTEGER) AS offered,
       CAST(count(*) FILTER (outcome = 'abandoned') AS INTEGER) AS abandoned,
       COALESCE(sum(wait_s), 0) AS waited_s
FROM calls c, bounds b
WHERE c.direction = 'inbound' AND c.outcome IS NOT NULL AND c.wait_s BETWEEN 0 AND $max_wait_s -- (a day: implausible waits do not count)
  AND c.enter_ts >= b.start_ts AND c.enter_ts < b.end_ts
GROUP BY queue
ORDER BY queue;
