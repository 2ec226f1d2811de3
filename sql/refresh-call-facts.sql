-- Brings call_facts and lost_call_facts (migrations/011-call-facts.sql) up to date from calls, inside the transaction
-- that changed the calls (analytics/call-facts.ts): the facts of every call entering from $since on
-- (all of them when $since is null), and the first contacts of the lost calls a changed call may
-- have recovered (those entering up to $follow_up_cap_s and a day before $since); then records what
-- they were built from. $since: TIMESTAMPTZ or null; $repeat_cap_s, $follow_up_cap_s: how far the
-- facts look (the longest windows allowed). Day margins are 24 hours of real time (to_seconds).
DELETE FROM call_facts
WHERE CAST($since AS TIMESTAMPTZ) IS NULL OR enter_ts >= CAST($since AS TIMESTAMPTZ);

-- A wait counts only when plausible (0 to a day, the bound of ingest/field-ranges.ts): an absurd one,
-- loaded some other way, would overflow to_seconds and stop the facts for good.
INSERT INTO call_facts
WITH changed AS (
  SELECT file_id, line_no, callid, direction, caller, enter_ts, connect_ts, end_ts, outcome, wait_s
  FROM calls
  WHERE CAST($since AS TIMESTAMPTZ) IS NULL OR enter_ts >= CAST($since AS TIMESTAMPTZ)
),
-- Keyed once per distinct caller (the key's regular expressions are the cost).
numbers AS (
  SELECT caller, number_key_of(caller) AS number_key FROM (SELECT DISTINCT caller FROM changed WHERE caller IS NOT NULL)
),
keyed AS (
  SELECT c.*, n.number_key FROM changed c LEFT JOIN numbers n ON n.caller = c.caller
),
-- The earlier inbound calls of those numbers a changed call may look back to (keyed already).
earlier AS (
  SELECT f.number_key, c.enter_ts, c.callid
  FROM call_facts f
  JOIN calls c ON c.file_id = f.file_id AND c.line_no = f.line_no
  WHERE CAST($since AS TIMESTAMPTZ) IS NOT NULL
    AND f.enter_ts >= CAST($since AS TIMESTAMPTZ) - to_seconds(CAST($repeat_cap_s AS DOUBLE))
    AND c.enter_ts >= CAST($since AS TIMESTAMPTZ) - to_seconds(CAST($repeat_cap_s AS DOUBLE))
    AND c.enter_ts < CAST($since AS TIMESTAMPTZ)
    AND c.direction = 'inbound'
    AND f.number_key IN (SELECT number_key FROM keyed WHERE direction = 'inbound')
),
-- Each instant a number's inbound calls entered at, with its one callid (null: several).
points AS (
  SELECT number_key, enter_ts, CASE WHEN min(callid) = max(callid) THEN min(callid) END AS only_callid
  FROM (SELECT number_key, enter_ts, callid FROM keyed WHERE direction = 'inbound' AND number_key IS NOT NULL
        UNION ALL
        SELECT number_key, enter_ts, callid FROM earlier)
  GROUP BY number_key, enter_ts
),
-- Runs: consecutive instants of a number entered under one and the same callid. The latest earlier
-- call of another callid than a call's is the instant before its own, unless that instant is all of
-- the call's own callid: then it is the instant before that instant's run.
lagged AS (
  SELECT *, lag(enter_ts) OVER w AS prev_ts, lag(only_callid) OVER w AS prev_callid,
         only_callid IS NULL OR only_callid IS DISTINCT FROM lag(only_callid) OVER w AS run_starts
  FROM points
  WINDOW w AS (PARTITION BY number_key ORDER BY enter_ts)
),
runs AS (
  SELECT *, sum(CAST(run_starts AS INTEGER)) OVER (PARTITION BY number_key ORDER BY enter_ts ROWS UNBOUNDED PRECEDING) AS run
  FROM lagged
),
run_heads AS (
  SELECT *, first_value(prev_ts) OVER (PARTITION BY number_key, run ORDER BY enter_ts) AS before_run_ts
  FROM runs
),
prevs AS (
  SELECT number_key, enter_ts, prev_ts, prev_callid,
         lag(before_run_ts) OVER (PARTITION BY number_key ORDER BY enter_ts) AS prev_before_run_ts
  FROM run_heads
),
facts AS (
  SELECT k.file_id, k.line_no, k.enter_ts, k.number_key,
         CASE WHEN k.direction <> 'inbound' THEN NULL
              WHEN p.prev_callid IS NULL OR p.prev_callid <> k.callid THEN p.prev_ts
              ELSE p.prev_before_run_ts END AS prev_other_ts,
         COALESCE(k.number_key IS NOT NULL AND (
           (k.outcome = 'answered'
            AND (COALESCE(k.connect_ts, k.enter_ts + to_seconds(CASE WHEN k.wait_s BETWEEN 0 AND 86400 THEN k.wait_s ELSE 0 END)) < k.enter_ts
                 OR COALESCE(k.connect_ts, k.enter_ts + to_seconds(CASE WHEN k.wait_s BETWEEN 0 AND 86400 THEN k.wait_s ELSE 0 END)) >= k.enter_ts + to_seconds(72000)))
           OR (k.direction = 'inbound' AND k.outcome IN ('abandoned', 'timed_out', 'blocked')
               AND (COALESCE(k.end_ts, k.enter_ts + to_seconds(CASE WHEN k.wait_s BETWEEN 0 AND 86400 THEN k.wait_s ELSE 0 END)) < k.enter_ts
                    OR COALESCE(k.end_ts, k.enter_ts + to_seconds(CASE WHEN k.wait_s BETWEEN 0 AND 86400 THEN k.wait_s ELSE 0 END)) >= k.enter_ts + to_seconds(72000)))), false) AS odd
  FROM keyed k
  LEFT JOIN prevs p ON p.number_key = k.number_key AND p.enter_ts = k.enter_ts
)
SELECT file_id, line_no, enter_ts, number_key,
       CASE WHEN prev_other_ts >= enter_ts - to_seconds(CAST($repeat_cap_s AS DOUBLE)) THEN prev_other_ts END AS prev_call_ts,
       odd
FROM facts
ORDER BY enter_ts;

-- A bound $since hides how many lost calls there are from the planner, which then matches them one
-- by one against every contact (DuckDB's ASOF loop join, meant for a few dozen rows): sorted, always.
SET asof_loop_join_threshold = 0;

DELETE FROM lost_call_facts
WHERE CAST($since AS TIMESTAMPTZ) IS NULL
   OR enter_ts >= CAST($since AS TIMESTAMPTZ) - to_seconds(CAST($follow_up_cap_s AS DOUBLE) + 86400);

INSERT INTO lost_call_facts
WITH lost AS (
  SELECT f.file_id, f.line_no, f.enter_ts, f.number_key, COALESCE(c.end_ts, c.enter_ts + to_seconds(CASE WHEN c.wait_s BETWEEN 0 AND 86400 THEN c.wait_s ELSE 0 END)) AS lost_at
  FROM call_facts f
  JOIN calls c ON c.file_id = f.file_id AND c.line_no = f.line_no
  WHERE c.direction = 'inbound' AND c.outcome IN ('abandoned', 'timed_out', 'blocked') AND f.number_key IS NOT NULL
    AND (CAST($since AS TIMESTAMPTZ) IS NULL
         OR (f.enter_ts >= CAST($since AS TIMESTAMPTZ) - to_seconds(CAST($follow_up_cap_s AS DOUBLE) + 86400)
             AND c.enter_ts >= CAST($since AS TIMESTAMPTZ) - to_seconds(CAST($follow_up_cap_s AS DOUBLE) + 86400)))
),
contacts AS (
  SELECT f.number_key, COALESCE(c.connect_ts, c.enter_ts + to_seconds(CASE WHEN c.wait_s BETWEEN 0 AND 86400 THEN c.wait_s ELSE 0 END)) AS answered_at
  FROM call_facts f
  JOIN calls c ON c.file_id = f.file_id AND c.line_no = f.line_no
  WHERE c.outcome = 'answered' AND c.direction IN ('inbound', 'outbound') AND f.number_key IS NOT NULL
    AND (CAST($since AS TIMESTAMPTZ) IS NULL
         OR (f.enter_ts >= CAST($since AS TIMESTAMPTZ) - to_seconds(CAST($follow_up_cap_s AS DOUBLE) + 2 * 86400)
             AND c.enter_ts >= CAST($since AS TIMESTAMPTZ) - to_seconds(CAST($follow_up_cap_s AS DOUBLE) + 2 * 86400)))
)
SELECT l.file_id, l.line_no, l.enter_ts, l.number_key,
       CASE WHEN k.answered_at <= l.lost_at + to_seconds(CAST($follow_up_cap_s AS DOUBLE)) THEN k.answered_at END AS first_contact_at
FROM lost l
ASOF LEFT JOIN contacts k ON k.number_key = l.number_key AND l.lost_at <= k.answered_at
ORDER BY l.enter_ts;

RESET asof_loop_join_threshold;

DELETE FROM call_facts_state;

INSERT INTO call_facts_state (calls, odd_calls)
SELECT (SELECT count(*) FROM calls), (SELECT count(*) FROM call_facts WHERE odd);
