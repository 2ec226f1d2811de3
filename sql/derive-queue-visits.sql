-- Rebuilds the queue visits (calls) and ring attempts of the callids in temp table affected_callids
-- from all their queue_events, following docs/definitions.md (Calls): this file is the
-- definition. The loader then replaces those callids' rows in calls and ring_attempts with the calls
-- of visit_summary (sql/visit-calls.sql, with the DIDs of visit_did) and derived_rings.
-- Callids first seen in a load, with simple visits, take the fast path (derive-new-queue-visits.sql).
-- The events are read by queue_events_of_kinds (migration 042: chosen by code, then split).

CREATE OR REPLACE TEMP TABLE call_events AS
SELECT e.file_id, e.line_no, e.ts, e.callid, e.queue, e.agent, e.event, e.kind,
       e.data1, e.data2, e.data3, e.data4, e.data5
FROM queue_events_of_kinds(['enter', 'connect', 'answered_end', 'abandoned_end', 'timed_out_end', 'blocked', 'ring']) e
WHERE e.callid IN (SELECT callid FROM affected_callids)
  AND e.queue IS NOT NULL AND e.queue <> 'NONE';

-- Orphans: a callid's events in a queue it never entered. Asterisk logs the halves of an attended
-- transfer under each other's callids (fixtures/real/asterisk-queue_log-snippets). A group
-- with a CONNECT joins the visit that entered `holdtime` seconds before it; one without joins the
-- visit its agent last answered in that queue.
CREATE OR REPLACE TEMP TABLE orphan_groups AS
SELECT callid, queue,
       min(ts) FILTER (WHERE kind = 'connect') AS connect_ts,
       arg_min(TRY_CAST(data1 AS DOUBLE), ts) FILTER (WHERE kind = 'connect') AS connect_hold,
       arg_min(agent, ts) FILTER (WHERE agent IS NOT NULL AND agent <> 'NONE') AS agent,
       min(ts) AS first_ts
FROM call_events
GROUP BY callid, queue
HAVING count(*) FILTER (WHERE kind IN ('enter', 'blocked')) = 0;

CREATE OR REPLACE TEMP TABLE orphan_alias AS
WITH by_connect AS (
  SELECT o.callid, o.queue,
         arg_min(e.callid, abs(epoch(o.connect_ts) - epoch(e.ts) - COALESCE(o.connect_hold, 0))) AS target
  FROM orphan_groups o
  JOIN queue_events e
    ON e.queue = o.queue AND e.event = 'ENTERQUEUE' AND e.callid <> o.callid
   AND e.ts <= o.connect_ts AND e.ts >= o.connect_ts - INTERVAL 1 DAY
  WHERE o.connect_ts IS NOT NULL
    AND abs(epoch(o.connect_ts) - epoch(e.ts) - COALESCE(o.connect_hold, 0)) <= 2
  GROUP BY o.callid, o.queue
), by_agent AS (
  SELECT o.callid, o.queue, arg_max(e.callid, e.ts) AS target
  FROM orphan_groups o
  JOIN queue_events e
    ON e.queue = o.queue AND e.event = 'CONNECT' AND e.agent = o.agent AND e.callid <> o.callid
   AND e.ts <= o.first_ts AND e.ts >= o.first_ts - INTERVAL 1 DAY
  WHERE o.connect_ts IS NULL
  GROUP BY o.callid, o.queue
)
SELECT * FROM by_connect UNION ALL SELECT * FROM by_agent;

-- The visits the orphans join are rebuilt too, with all their events.
INSERT INTO affected_callids
SELECT DISTINCT target FROM orphan_alias WHERE target NOT IN (SELECT callid FROM affected_callids);

INSERT INTO call_events
SELECT e.file_id, e.line_no, e.ts, e.callid, e.queue, e.agent, e.event, e.kind,
       e.data1, e.data2, e.data3, e.data4, e.data5
FROM queue_events_of_kinds(['enter', 'connect', 'answered_end', 'abandoned_end', 'timed_out_end', 'blocked', 'ring']) e
WHERE e.callid IN (SELECT target FROM orphan_alias)
  AND e.callid NOT IN (SELECT callid FROM call_events)
  AND e.queue IS NOT NULL AND e.queue <> 'NONE';

-- Each event's visit: the latest ENTERQUEUE of its (callid, queue) at or before it. A caller turned
-- away (JOINEMPTY, JOINUNAVAIL, FULL: kind 'blocked') never entered: that one event is a visit of its
-- own, begun and ended at once.
CREATE OR REPLACE TEMP TABLE visit_events AS
WITH ev AS (
  SELECT COALESCE(a.target, c.callid) AS vcallid, c.*
  FROM call_events c LEFT JOIN orphan_alias a ON a.callid = c.callid AND a.queue = c.queue
), numbered AS (
  SELECT *, sum(CASE WHEN kind IN ('enter', 'blocked') THEN 1 ELSE 0 END)
              OVER (PARTITION BY vcallid, queue ORDER BY ts, file_id, line_no ROWS UNBOUNDED PRECEDING) AS visit_no
  FROM ev
)
SELECT *, row_number() OVER (PARTITION BY vcallid, queue, visit_no ORDER BY ts, file_id, line_no) AS rn
FROM numbered
WHERE visit_no > 0;

-- The visit ends at its first terminal event; later events of the same visit are ignored.
CREATE OR REPLACE TEMP TABLE visit_summary AS
WITH ends AS (
  SELECT vcallid, queue, visit_no,
         min(rn) FILTER (WHERE kind IN ('answered_end', 'abandoned_end', 'timed_out_end', 'blocked')) AS end_rn
  FROM visit_events GROUP BY ALL
)
SELECT v.vcallid, v.queue, v.visit_no,
       arg_min(v.file_id, v.rn) AS file_id,
       arg_min(v.line_no, v.rn) AS line_no,
       min(v.ts) AS enter_ts,
       arg_min(v.data1, v.rn) AS enter_d1,
       arg_min(v.data2, v.rn) AS enter_d2,
       arg_min(v.data3, v.rn) AS enter_d3,
       arg_min(v.ts, v.rn) FILTER (WHERE v.kind = 'connect') AS connect_ts,
       arg_min(v.agent, v.rn) FILTER (WHERE v.kind = 'connect') AS connect_agent,
       arg_min(v.data1, v.rn) FILTER (WHERE v.kind = 'connect') AS connect_hold,
       any_value(v.event) FILTER (WHERE v.rn = x.end_rn) AS end_event,
       any_value(v.kind) FILTER (WHERE v.rn = x.end_rn) AS end_kind,
       any_value(v.ts) FILTER (WHERE v.rn = x.end_rn) AS end_ts,
       any_value(v.agent) FILTER (WHERE v.rn = x.end_rn) AS end_agent,
       any_value(v.data1) FILTER (WHERE v.rn = x.end_rn) AS end_d1,
       any_value(v.data2) FILTER (WHERE v.rn = x.end_rn) AS end_d2,
       any_value(v.data3) FILTER (WHERE v.rn = x.end_rn) AS end_d3,
       any_value(v.data4) FILTER (WHERE v.rn = x.end_rn) AS end_d4,
       count(*) FILTER (WHERE v.event = 'RINGNOANSWER') AS rna
FROM visit_events v
JOIN ends x USING (vcallid, queue, visit_no)
WHERE x.end_rn IS NULL OR v.rn <= x.end_rn
GROUP BY v.vcallid, v.queue, v.visit_no;

CREATE OR REPLACE TEMP TABLE derived_rings AS
SELECT v.file_id, v.line_no, s.file_id AS call_file_id, s.line_no AS call_line_no, v.ts, v.queue, v.agent,
       plausible_duration_s(TRY_CAST(v.data1 AS DOUBLE) / 1000) AS ring_s, -- (ms; past a day: missing)
       CASE v.event WHEN 'RINGNOANSWER' THEN 'no_answer' ELSE 'canceled' END AS result
FROM visit_events v
JOIN visit_summary s USING (vcallid, queue, visit_no)
WHERE v.kind = 'ring' AND v.agent IS NOT NULL;

-- The DID each visit came in on: its callid's latest DID event at or before its ENTERQUEUE (an as-of
-- match, written as a join of the visits that have one: an ASOF join would sort every visit).
CREATE OR REPLACE TEMP TABLE visit_did AS
SELECT v.vcallid, v.queue, v.visit_no, arg_max_null(d.did, d.ts) AS did
FROM visit_summary v
JOIN (SELECT callid, ts, nullif(trim(data1), '') AS did
      FROM queue_events WHERE event = 'DID' AND callid IN (SELECT callid FROM affected_callids)) d
  ON d.callid = v.vcallid AND d.ts <= v.enter_ts
GROUP BY v.vcallid, v.queue, v.visit_no;
