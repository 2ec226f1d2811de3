-- Calls matching a search, newest first, with their rep, local times, whether they were lost, and how
-- many quality evaluations they have. Every filter is optional (NULL = any):
--   $from_local, $to_local   local date-times (the center's zone $tz), $to_local exclusive
--   $caller_digits           digits that appear somewhere in the caller's number
--   $number_key              one caller: the number's last 10 digits (all of it when shorter)
--   $queue, $rep (a rep id as GET /api/reps gives it: the rep who answered), $direction (inbound | outbound)
--   $rang_at                 a rep id: calls that rang at that rep without an answer (RINGNOANSWER, a CDR
--                            NO ANSWER leg) and that the rep did not answer either; `rang_here` counts
--                            that rep's ring-no-answers on the call (NULL without $rang_at), while
--                            `ring_no_answer` counts every rep's
--   $outcome                 answered | abandoned | timed_out | blocked | lost | short_abandoned | transferred | open
--   $callid                  every visit of one call id (a call moving across queues)
--   $file_id, $line_no       one call
-- A call's id is '<file_id>-<line_no>': its first line in the source file (URL-safe and stable).
-- `lost` and `short_abandoned` use the queue's short-abandon threshold, else $default_short_abandon_s.
-- $limit and $offset page the answer; `total` is the count of every match.
-- Only what a filter asks for is worked out for every call (the caller's digits, the rep's id); the
-- shown page's rows get the rest, and the count and the page are two plain scans (a top-N, not a
-- sort of every match), so the unfiltered newest calls cost little on millions of calls.
WITH searched AS NOT MATERIALIZED (
  -- $excluded: search the calls an admin took out of the figures instead (migration 016)
  FROM calls WHERE NOT CAST($excluded AS BOOLEAN)
  UNION ALL BY NAME
  FROM excluded_calls WHERE CAST($excluded AS BOOLEAN)
),
agent_keys AS (
  -- The rep each member interface that answered belongs to (only when a search is by rep): worked
  -- out once per interface, not once per call.
  SELECT a.agent, COALESCE(r.rep_id, rep_id_of(a.agent)) AS rep_id
  FROM (SELECT DISTINCT agent FROM searched
        WHERE agent IS NOT NULL AND (CAST($rep AS VARCHAR) IS NOT NULL OR CAST($rang_at AS VARCHAR) IS NOT NULL)) a
  LEFT JOIN roster r ON r.interface = a.agent
),
matched AS NOT MATERIALIZED (
  SELECT c.*,
         CASE WHEN CAST($caller_digits AS VARCHAR) IS NOT NULL OR CAST($number_key AS VARCHAR) IS NOT NULL
           THEN regexp_replace(COALESCE(c.caller, ''), '[^0-9]', '', 'g') END AS digits,
         COALESCE(qs.short_abandon_s, CAST($default_short_abandon_s AS DOUBLE)) AS short_abandon_s,
         k.rep_id
  FROM searched c
  LEFT JOIN queue_settings qs ON qs.queue = c.queue
  LEFT JOIN agent_keys k ON k.agent = c.agent
  WHERE (CAST($from_local AS TIMESTAMP) IS NULL OR c.enter_ts >= timezone($tz, CAST($from_local AS TIMESTAMP)))
    AND (CAST($to_local AS TIMESTAMP) IS NULL OR c.enter_ts < timezone($tz, CAST($to_local AS TIMESTAMP)))
    AND (CAST($queue AS VARCHAR) IS NULL OR c.queue = CAST($queue AS VARCHAR))
    AND (CAST($direction AS VARCHAR) IS NULL OR c.direction = CAST($direction AS VARCHAR))
    AND (CAST($callid AS VARCHAR) IS NULL OR c.callid = CAST($callid AS VARCHAR))
    AND (CAST($file_id AS INTEGER) IS NULL OR (c.file_id = CAST($file_id AS INTEGER) AND c.line_no = CAST($line_no AS BIGINT)))
),
rang AS (
  -- The same rep key as sql/rep-activity.sql, so the rep page's count and these calls agree.
  SELECT r.call_file_id AS file_id, r.call_line_no AS line_no, CAST(count(*) AS INTEGER) AS rang_here
  FROM ring_attempts r
  LEFT JOIN roster p ON p.interface = r.agent
  WHERE CAST($rang_at AS VARCHAR) IS NOT NULL AND r.result = 'no_answer'
    AND COALESCE(p.rep_id, rep_id_of(r.agent)) = CAST($rang_at AS VARCHAR)
  GROUP BY ALL
),
shaped AS NOT MATERIALIZED (
  SELECT m.*, rg.rang_here,
         m.outcome IN ('timed_out', 'blocked') OR (m.outcome = 'abandoned' AND NOT COALESCE(m.wait_s < m.short_abandon_s, false)) AS lost,
         CASE WHEN length(m.digits) >= 10 THEN right(m.digits, 10) WHEN m.digits <> '' THEN m.digits END AS number_key
  FROM matched m
  LEFT JOIN rang rg ON rg.file_id = m.file_id AND rg.line_no = m.line_no
  WHERE (CAST($rep AS VARCHAR) IS NULL OR m.rep_id = CAST($rep AS VARCHAR))
    AND (CAST($rang_at AS VARCHAR) IS NULL OR (rg.rang_here > 0 AND m.rep_id IS DISTINCT FROM CAST($rang_at AS VARCHAR)))
    AND (CAST($caller_digits AS VARCHAR) IS NULL OR contains(m.digits, CAST($caller_digits AS VARCHAR)))
),
found AS NOT MATERIALIZED (
  SELECT s.* FROM shaped s
  WHERE (CAST($number_key AS VARCHAR) IS NULL OR s.number_key = CAST($number_key AS VARCHAR))
    AND (CAST($outcome AS VARCHAR) IS NULL
         OR CASE CAST($outcome AS VARCHAR)
              WHEN 'lost' THEN s.lost
              WHEN 'short_abandoned' THEN s.outcome = 'abandoned' AND COALESCE(s.wait_s < s.short_abandon_s, false)
              WHEN 'transferred' THEN s.transferred
              WHEN 'open' THEN s.outcome IS NULL
              ELSE s.outcome = CAST($outcome AS VARCHAR)
            END)
),
-- The page's calls found by their keys first, then read whole: the top-N carries three columns
-- through the matches instead of every column (10M calls: a second of sorting wide rows), and the
-- second read of `found` keeps only those keys (DuckDB skips the row groups that cannot hold them).
page_keys AS (
  SELECT enter_ts, file_id, line_no FROM found
  ORDER BY enter_ts DESC, file_id DESC, line_no DESC
  LIMIT $limit OFFSET $offset
),
page AS (
  SELECT f.* FROM found f
  SEMI JOIN page_keys k ON k.file_id = f.file_id AND k.line_no = f.line_no AND k.enter_ts = f.enter_ts
),
counted AS (SELECT CAST(count(*) AS INTEGER) AS total FROM found),
evaluated AS (
  SELECT call_file_id, call_line_no, CAST(count(*) AS INTEGER) AS evaluations
  FROM quality_evaluations
  WHERE deleted_at IS NULL
  GROUP BY ALL
)
SELECT p.file_id || '-' || p.line_no AS id,
       p.file_id, CAST(p.line_no AS BIGINT) AS line_no, p.source, p.callid, p.queue, qs.label AS queue_label,
       p.direction, p.caller,
       CASE WHEN length(d.digits) >= 10 THEN right(d.digits, 10) WHEN d.digits <> '' THEN d.digits END AS number_key,
       p.did,
       strftime(timezone($tz, p.enter_ts), '%Y-%m-%dT%H:%M:%S') AS entered,
       strftime(p.enter_ts, '%Y-%m-%dT%H:%M:%SZ') AS enter_ts,
       strftime(p.connect_ts, '%Y-%m-%dT%H:%M:%SZ') AS connect_ts,
       strftime(p.end_ts, '%Y-%m-%dT%H:%M:%SZ') AS end_ts,
       p.outcome, p.end_event, p.agent,
       COALESCE(r.rep_id, CASE WHEN p.agent IS NOT NULL THEN rep_id_of(p.agent) END) AS rep_id,
       COALESCE(r.name, p.agent) AS rep,
       p.wait_s, p.talk_s, p.wrap_s, p.ring_no_answer, p.rang_here, p.transferred,
       COALESCE(p.lost, false) AS lost,
       COALESCE(e.evaluations, 0) AS evaluations,
       (SELECT total FROM counted) AS total
FROM page p
CROSS JOIN LATERAL (SELECT regexp_replace(COALESCE(p.caller, ''), '[^0-9]', '', 'g') AS digits) d
LEFT JOIN roster r ON r.interface = p.agent
LEFT JOIN queue_settings qs ON qs.queue = p.queue
LEFT JOIN evaluated e ON e.call_file_id = p.file_id AND e.call_line_no = p.line_no
ORDER BY p.enter_ts DESC, p.file_id DESC, p.line_no DESC;
