-- Summaries for the trends at a large center's size (issue 16), kept like call_slices (008): built only
-- from what they summarise, with a state row saying what that was, and read only while it still holds
-- (otherwise the per-call query answers, so a stale summary costs speed, never a different figure).
-- They are per local date of one zone (the center's, recorded in the state row): every period a
-- trend or a score is cut into (day, ISO week, month, quarter, a range of dates) is a set of whole
-- local dates, so a period's sums are its days' sums. A query in another zone counts from the calls.

-- What each inbound closed call entering in [start_ts, end_ts) adds to the quality score
-- (quality-score.sql): one row for the answering interface of an answered call, one for each
-- interface that let it ring out. The one definition the score counts from, whether from the calls
-- or from rep_call_days.
CREATE MACRO rep_call_parts(start_ts, end_ts) AS TABLE
SELECT c.enter_ts, c.queue, c.agent,
       1 AS handled,
       CAST(COALESCE(c.transferred, false) AS INTEGER) AS transferred,
       CAST(c.talk_s IS NOT NULL AS INTEGER) AS timed,
       c.talk_s + COALESCE(c.wrap_s, 0) AS handle_sum,
       0 AS ring_no_answer
FROM calls c
WHERE c.direction = 'inbound' AND c.outcome = 'answered' AND c.agent IS NOT NULL
  AND c.enter_ts >= start_ts AND c.enter_ts < end_ts
UNION ALL
SELECT c.enter_ts, c.queue, x.agent, 0, 0, 0, CAST(NULL AS DOUBLE), 1
FROM ring_attempts x
JOIN calls c ON c.file_id = x.call_file_id AND c.line_no = x.call_line_no
WHERE x.result = 'no_answer' AND c.direction = 'inbound' AND c.outcome IS NOT NULL
  AND c.enter_ts >= start_ts AND c.enter_ts < end_ts;

-- The period a local date belongs to, as period_slices (010) labels it: day, week (ISO, Monday
-- first), month, quarter, or total (labelled from_date).
CREATE MACRO period_of_day(local_date, from_date, bucket) AS
  CASE CAST(bucket AS VARCHAR)
    WHEN 'day' THEN CAST(local_date AS DATE)
    WHEN 'week' THEN CAST(date_trunc('week', local_date) AS DATE)
    WHEN 'month' THEN CAST(date_trunc('month', local_date) AS DATE)
    WHEN 'quarter' THEN CAST(date_trunc('quarter', local_date) AS DATE)
    ELSE CAST(from_date AS DATE)
  END;

-- rep_call_parts summed per local date, queue and interface (`agent`: the interface that answered,
-- for handled .. handle_sum; the one whose phone rang out, for ring_no_answer, in the queue of the
-- visit it rang for). Handle times are whole seconds, so the sums are the same however they are
-- grouped. Refreshed with call_slices (sql/upkeep/rep-call-days.ts), from the earliest changed day on.
CREATE TABLE rep_call_days (
  day             DATE NOT NULL,
  queue           VARCHAR,
  agent           VARCHAR NOT NULL,
  handled         INTEGER NOT NULL,
  transferred     INTEGER NOT NULL,
  timed           INTEGER NOT NULL,
  handle_sum      DOUBLE,
  ring_no_answer  INTEGER NOT NULL
);

CREATE TABLE rep_call_days_state (
  calls         BIGINT NOT NULL,        -- rows in calls when it was built
  ring_attempts BIGINT NOT NULL,        -- rows in ring_attempts then
  time_zone     VARCHAR NOT NULL,       -- the zone its dates are local to
  refreshed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The answered inbound calls with a caller number, and how many were repeats (call_facts.prev_call_ts
-- within window_s before: repeat-callers.sql's flag), per local date and queue, for the repeat window
-- in force when built. Built from call_facts when they catch up (analytics/callers/repeat-days.ts), in
-- the same transaction; read only while the facts answer for the calls and the window and zone are
-- the ones asked for.
CREATE TABLE repeat_days (
  day           DATE NOT NULL,
  queue         VARCHAR,
  answered      INTEGER NOT NULL,
  repeat_calls  INTEGER NOT NULL
);

CREATE TABLE repeat_days_state (
  calls         BIGINT NOT NULL,        -- rows in calls the facts it was built from answered for
  window_s      DOUBLE NOT NULL,
  time_zone     VARCHAR NOT NULL,
  refreshed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A database from before: the quality summary is built here, in the stored center zone (America/Chicago,
-- the documented default, when none is stored): a few seconds at 10M calls. The repeat summary waits
-- for the facts' next catch-up (serve starts one).
INSERT INTO rep_call_days_state (calls, ring_attempts, time_zone)
SELECT (SELECT count(*) FROM calls), (SELECT count(*) FROM ring_attempts),
       COALESCE((SELECT value->>'$' FROM settings WHERE key = 'timezone'), 'America/Chicago');
INSERT INTO rep_call_days
SELECT CAST(timezone(z.tz, slice_ts) AS DATE), queue, agent,
       sum(handled), sum(transferred), sum(timed), sum(handle_sum), sum(ring_no_answer)
FROM (SELECT time_bucket(INTERVAL 15 MINUTE, enter_ts) AS slice_ts, queue, agent,
             sum(handled) AS handled, sum(transferred) AS transferred, sum(timed) AS timed,
             sum(handle_sum) AS handle_sum, sum(ring_no_answer) AS ring_no_answer
      FROM rep_call_parts(CAST('-infinity' AS TIMESTAMPTZ), CAST('infinity' AS TIMESTAMPTZ))
      GROUP BY ALL),
     (SELECT time_zone AS tz FROM rep_call_days_state) z
GROUP BY ALL;
