-- Brings the rep_call_days summary (migration 044) up to date from calls and ring_attempts, in the
-- zone $tz: every local date from $since's on, or all of them when $since is null; then records what
-- it was built from. Runs inside the transaction that changed the calls, after call_slices
-- (sql/upkeep/rep-call-days.ts). Unlike call_slices it keeps nothing of purged periods: the quality
-- score has no figures there, from the summary or from the calls.
CREATE OR REPLACE TEMP TABLE rep_days_from AS
SELECT CASE WHEN CAST($since AS TIMESTAMPTZ) IS NULL THEN CAST('-infinity' AS TIMESTAMPTZ)
            ELSE local_day_start($tz, CAST(timezone($tz, CAST($since AS TIMESTAMPTZ)) AS DATE)) END AS start_ts,
       CASE WHEN CAST($since AS TIMESTAMPTZ) IS NULL THEN CAST('-infinity' AS DATE)
            ELSE CAST(timezone($tz, CAST($since AS TIMESTAMPTZ)) AS DATE) END AS start_day;

DELETE FROM rep_call_days WHERE day >= (SELECT start_day FROM rep_days_from);

-- Each call's local date through its 15-minute slice (a zone's offset is whole quarter hours): the
-- zone is applied once per slice, not once per call (a first grouping by slice, queue and interface
-- kept 80% of the rows at 1M calls and cost three times as much).
INSERT INTO rep_call_days
WITH parts AS (
  SELECT time_bucket(INTERVAL 15 MINUTE, enter_ts) AS slice_ts, queue, agent,
         handled, transferred, timed, handle_sum, ring_no_answer
  FROM rep_call_parts((SELECT start_ts FROM rep_days_from), CAST('infinity' AS TIMESTAMPTZ))
), slice_days AS (
  SELECT slice_ts, CAST(timezone($tz, slice_ts) AS DATE) AS day FROM (SELECT DISTINCT slice_ts FROM parts)
)
SELECT d.day, p.queue, p.agent,
       sum(p.handled), sum(p.transferred), sum(p.timed), sum(p.handle_sum), sum(p.ring_no_answer)
FROM parts p JOIN slice_days d USING (slice_ts)
GROUP BY ALL
ORDER BY day;

DELETE FROM rep_call_days_state;

INSERT INTO rep_call_days_state (calls, ring_attempts, time_zone)
SELECT (SELECT count(*) FROM calls), (SELECT count(*) FROM ring_attempts), $tz;

DROP TABLE rep_days_from;
