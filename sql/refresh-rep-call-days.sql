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

INSERT INTO rep_call_days
SELECT CAST(timezone($tz, slice_ts) AS DATE) AS day, queue, agent,
       sum(handled), sum(transferred), sum(timed), sum(handle_sum), sum(ring_no_answer)
FROM (SELECT time_bucket(INTERVAL 15 MINUTE, enter_ts) AS slice_ts, queue, agent,
             sum(handled) AS handled, sum(transferred) AS transferred, sum(timed) AS timed,
             sum(handle_sum) AS handle_sum, sum(ring_no_answer) AS ring_no_answer
      FROM rep_call_parts((SELECT start_ts FROM rep_days_from), CAST('infinity' AS TIMESTAMPTZ))
      GROUP BY ALL)
GROUP BY ALL
ORDER BY day;

DELETE FROM rep_call_days_state;

INSERT INTO rep_call_days_state (calls, ring_attempts, time_zone)
SELECT (SELECT count(*) FROM calls), (SELECT count(*) FROM ring_attempts), $tz;

DROP TABLE rep_days_from;
