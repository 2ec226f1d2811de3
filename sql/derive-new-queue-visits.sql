-- The fast path beside sql/derive-queue-visits.sql (the definition), run on the staged lines
-- (stage_events) before the load's transaction opens: one part of the callids at a time (callids in
-- [$lo, $hi), null for no bound), so no aggregate or join holds more than about a million visits (ROWS_PER_PART lines).
-- Asterisk callids are epoch.sequence, so a range of them is a stretch of time and of the file: each
-- part reads only its own stretch of stage_events (the rest is skipped by its min/max statistics).
--
-- Why: nearly every visit is simple: its (callid, queue) has one ENTERQUEUE, first in (ts, line)
-- order, at most one CONNECT, and at most one terminal event, last. Such a visit is one GROUP BY away
-- from its row in calls, with no window over its events and no look-up of its callid among all the
-- earlier events, which is what a year of calls would cost. Its aggregates are exactly those of
-- derive-queue-visits.sql over the same rows in the same order (arg_min skips NULL arguments in both;
-- a single CONNECT or terminal row is taken whole; of a simple visit, the ENTERQUEUE row is the
-- first), so the rows come out the same, which
-- ingest/derive-paths.test.ts checks. Order within one file: k = epoch_us(ts) * 2^40 + line_no sorts
-- as (ts, line_no) does (ts after 1990, lines below 2^40).
--
-- Out: new_visits (one row per (callid, queue)) and new_visit_did (its DID), which
-- sql/new-visit-calls.sql turns into calls in the transaction; new_rings (rows for ring_attempts,
-- file_id 0 until the loader knows it); and complex_callids: callids with a visit that is not simple,
-- which the general path takes. The loader also sends there every callid already seen before this
-- load (sql/sort-new-callids.sql).
SET VARIABLE new_part = CAST($part AS INTEGER);
SET VARIABLE new_lo = CAST($lo AS VARCHAR);
SET VARIABLE new_hi = CAST($hi AS VARCHAR);

INSERT INTO new_visits
WITH e AS (
  SELECT s.line_no, s.ts, s.callid, s.queue, s.agent, s.event, s.kind, s.data1, s.data2, s.data3, s.data4,
         s.kind IN ('answered_end', 'abandoned_end', 'timed_out_end', 'blocked') AS terminal,
         epoch_us(s.ts)::HUGEINT * 1099511627776 + s.line_no AS k
  FROM stage_events s
  WHERE s.field IS NULL
    AND s.kind IN ('enter', 'connect', 'answered_end', 'abandoned_end', 'timed_out_end', 'blocked', 'ring')
    AND s.callid IS NOT NULL AND s.callid <> 'NONE' AND s.queue IS NOT NULL AND s.queue <> 'NONE'
    AND (getvariable('new_lo') IS NULL OR s.callid >= getvariable('new_lo'))
    AND (getvariable('new_hi') IS NULL OR s.callid < getvariable('new_hi'))
), g AS (
  -- The first and last events by k, the ENTERQUEUE's, CONNECT's and terminal event's rows whole:
  -- of a simple visit the ENTERQUEUE is its first row (or the one blocked row is), so each is one
  -- any_value of a struct rather than an arg_min per field (2.6 s of CPU instead of 3.6 at 1M calls).
  SELECT callid, queue,
         count(*) FILTER (WHERE kind = 'enter') AS n_enter,
         count(*) AS n_events,
         count(*) FILTER (WHERE kind = 'connect') AS n_connect,
         count(*) FILTER (WHERE terminal) AS n_end,
         min(k) AS first_k,
         max(k) AS last_k,
         min(k) FILTER (WHERE kind = 'enter') AS enter_k,
         max(k) FILTER (WHERE terminal) AS end_k,
         any_value({'line_no': line_no, 'ts': ts, 'd1': data1, 'd2': data2, 'd3': data3}) FILTER (WHERE kind = 'enter') AS n,
         any_value({'ts': ts, 'agent': agent, 'hold': data1}) FILTER (WHERE kind = 'connect') AS c,
         any_value({'line_no': line_no, 'event': event, 'kind': kind, 'ts': ts, 'agent': agent,
                    'd1': data1, 'd2': data2, 'd3': data3, 'd4': data4}) FILTER (WHERE terminal) AS x,
         count(*) FILTER (WHERE event = 'RINGNOANSWER') AS rna
  FROM e GROUP BY callid, queue
), judged AS (
  SELECT *,
         -- first in (ts, line) order is its one ENTERQUEUE, last (if any) its one terminal event
         (n_enter = 1 AND enter_k = first_k AND n_connect <= 1 AND (n_end = 0 OR (n_end = 1 AND end_k = last_k))
           -- the definition takes each enter field as the first non-null one by (ts, line) (arg_min
           -- skips nulls): from a later row where the ENTERQUEUE has fewer fields, so those visits
           -- are the definition's to build (rare: Asterisk has written all three for years)
           AND (n_events = 1 OR (n.d1 IS NOT NULL AND n.d2 IS NOT NULL AND n.d3 IS NOT NULL)))
           -- a caller turned away (JOINEMPTY, JOINUNAVAIL, FULL) and nothing else in that queue: one
           -- event that is the visit's start and end (derive-queue-visits.sql)
           OR (n_events = 1 AND x.kind = 'blocked') AS simple,
         -- the visit's first row: its ENTERQUEUE, or the one blocked row
         CASE WHEN n_enter = 1 THEN n ELSE {'line_no': x.line_no, 'ts': x.ts, 'd1': x.d1, 'd2': x.d2, 'd3': x.d3} END AS f
  FROM g
)
SELECT getvariable('new_part') AS part, callid, queue, simple,
       f.line_no, f.ts AS enter_ts, f.d1 AS enter_d1, f.d2 AS enter_d2, f.d3 AS enter_d3,
       c.ts AS connect_ts, c.agent AS connect_agent, c.hold AS connect_hold,
       x.event AS end_event, x.kind AS end_kind, x.ts AS end_ts, x.agent AS end_agent,
       x.d1 AS end_d1, x.d2 AS end_d2, x.d3 AS end_d3, x.d4 AS end_d4, rna
FROM judged;

INSERT INTO complex_callids
SELECT DISTINCT callid FROM new_visits WHERE part = getvariable('new_part') AND NOT simple;

-- The DID each simple visit came in on: its callid's latest DID event at or before its ENTERQUEUE
-- (a callid first seen in this load has all its DID events in it; an as-of match, written as a join of
-- the visits that have one: an ASOF join would sort every visit).
INSERT INTO new_visit_did
SELECT getvariable('new_part') AS part, v.callid AS vcallid, v.queue, 1 AS visit_no, arg_max_null(d.did, d.ts) AS did
FROM (SELECT callid, queue, enter_ts FROM new_visits WHERE part = getvariable('new_part') AND simple) v
JOIN (SELECT callid, ts, nullif(trim(data1), '') AS did
      FROM stage_events
      WHERE field IS NULL AND event = 'DID'
        AND (getvariable('new_lo') IS NULL OR callid >= getvariable('new_lo'))
        AND (getvariable('new_hi') IS NULL OR callid < getvariable('new_hi'))) d
  ON d.callid = v.callid AND d.ts <= v.enter_ts
GROUP BY v.callid, v.queue;

-- Every ring of a simple visit belongs to it: the call is its one ENTERQUEUE, the visit's first row.
INSERT INTO new_rings
SELECT r.callid, 0 AS file_id, r.line_no, 0 AS call_file_id, v.line_no AS call_line_no, r.ts, r.queue, r.agent,
       plausible_duration_s(TRY_CAST(r.data1 AS DOUBLE) / 1000) AS ring_s, -- (ms; past a day: missing)
       CASE r.event WHEN 'RINGNOANSWER' THEN 'no_answer' ELSE 'canceled' END AS result
FROM stage_events r
JOIN new_visits v ON v.callid = r.callid AND v.queue = r.queue
WHERE r.field IS NULL AND r.kind = 'ring' AND r.agent IS NOT NULL
  AND (getvariable('new_lo') IS NULL OR r.callid >= getvariable('new_lo'))
  AND (getvariable('new_hi') IS NULL OR r.callid < getvariable('new_hi'))
  AND v.part = getvariable('new_part') AND v.simple;
