-- The per-rep quality score over the local dates $from..$to ($tz, $to inclusive), per $by period
-- (total: one row per rep labelled $from; day; week: ISO weeks, Monday first; month; quarter; as
-- period_slices, migrations/010-trend-macros.sql, cuts them), for every rep or one ($rep, a rep id as
-- GET /api/reps gives it, NULL for all).
--
-- Four components, each 0-100, blended with the relative weights $w_* (analytics/quality-score.ts
-- reads them from the settings `quality_weights` and `quality_limits`):
--   evaluations     the mean score of the rep's quality evaluations of calls entering in the period
--   ring_no_answer  100 × (1 − rate / $rna_limit), floored at 0; rate = ring-no-answers / (handled +
--                   ring-no-answers): the share of the offers to the rep that rang out
--   transfers       100 × (1 − transferred / handled / $transfer_limit), floored at 0
--   handle_time     handle time against the team: ratio = the rep's handle time / what the team's mean
--                   handle time in the same queue and period would give for the same calls; 100 at or
--                   below the team, falling to 0 at 1 + $aht_over_limit times the team
-- A component without data (no evaluations; no calls) is null and leaves the blend, its weight with it;
-- the score is null when every component is. Calls count as in rep-activity.sql: inbound, closed,
-- by ENTERQUEUE time (rep_call_parts, migration 044); a rep is the roster's person, else the interface (rep_id_of).
-- $summary: count the calls from rep_call_days instead (the same sums per local date, queue and
-- interface, migration 044), while it matches the calls and $tz (sql/upkeep/rep-call-days.ts); the
-- calls' branch then reads an empty range.
-- Per period, queue and interface: what the interface handled (answered), and the offers to it that rang out.
WITH by_period AS (
  SELECT period, queue, agent,
         sum(handled) AS handled, sum(transferred) AS transferred, sum(timed) AS timed,
         sum(handle_sum) AS handle_s, sum(ring_no_answer) AS rna
  FROM (
    SELECT p.period, x.queue, x.agent, x.handled, x.transferred, x.timed, x.handle_sum, x.ring_no_answer
    FROM rep_call_parts(local_day_start($tz, $from),
                        CASE WHEN CAST($summary AS BOOLEAN) THEN local_day_start($tz, $from) ELSE local_day_end($tz, $to) END) x
    JOIN period_slices($from, $to, $by, $tz) p ON p.slice_ts = time_bucket(INTERVAL 15 MINUTE, x.enter_ts)
    UNION ALL
    SELECT period_of_day(d.day, $from, $by), d.queue, d.agent, d.handled, d.transferred, d.timed, d.handle_sum, d.ring_no_answer
    FROM rep_call_days d
    WHERE CAST($summary AS BOOLEAN) AND d.day BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
  )
  GROUP BY ALL
),
-- Each interface's rep, worked out once per interface rather than per call.
interface_reps AS (
  SELECT a.agent, COALESCE(r.rep_id, rep_id_of(a.agent)) AS rep_id
  FROM (SELECT DISTINCT agent FROM by_period) a
  LEFT JOIN roster r ON r.interface = a.agent
),
-- The team's mean handle time per period and queue: every answered call's handle time.
team AS (
  SELECT period, queue, sum(handle_s) / nullif(sum(timed), 0) AS team_handle_s
  FROM by_period WHERE handled > 0 GROUP BY ALL
),
handled AS (
  SELECT b.period, i.rep_id, min(b.agent) AS interface,
         sum(b.handled) AS handled,
         sum(b.transferred) AS transferred,
         sum(b.timed) AS timed,
         sum(b.handle_s) AS handle_s,
         -- what the team's mean in the same queue would give for the rep's timed calls (added in one
         -- order: these are fractions, and a sum of fractions in another order may differ in its last bit)
         sum(b.timed * t.team_handle_s ORDER BY b.queue, b.agent) FILTER (WHERE b.timed > 0) AS team_handle_s
  FROM by_period b JOIN team t USING (period, queue) JOIN interface_reps i ON i.agent = b.agent
  WHERE b.handled > 0
  GROUP BY ALL
),
rings AS (
  SELECT b.period, i.rep_id, min(b.agent) AS interface, sum(b.rna) AS rna
  FROM by_period b JOIN interface_reps i ON i.agent = b.agent
  WHERE b.rna > 0
  GROUP BY ALL
),
evals AS (
  SELECT p.period, e.rep_id, min(e.agent) AS interface, count(*) AS evaluations, avg(e.score) AS evaluation_score
  FROM quality_evaluations e
  JOIN period_slices($from, $to, $by, $tz) p ON p.slice_ts = time_bucket(INTERVAL 15 MINUTE, e.call_enter_ts)
  WHERE e.deleted_at IS NULL AND e.score IS NOT NULL
    AND e.call_enter_ts >= local_day_start($tz, $from)
    AND e.call_enter_ts < local_day_end($tz, $to)
  GROUP BY ALL
),
keys AS (
  SELECT period, rep_id, min(interface) AS interface FROM (
    SELECT period, rep_id, interface FROM handled
    UNION ALL SELECT period, rep_id, interface FROM rings
    UNION ALL SELECT period, rep_id, interface FROM evals
  )
  WHERE CAST($rep AS VARCHAR) IS NULL OR rep_id = CAST($rep AS VARCHAR)
  GROUP BY ALL
),
people AS (SELECT rep_id, any_value(name ORDER BY interface) AS name FROM roster GROUP BY rep_id),
measures AS (
  SELECT k.period, k.rep_id, COALESCE(pp.name, k.interface) AS rep,
         CAST(COALESCE(h.handled, 0) AS INTEGER) AS handled,
         CAST(COALESCE(r.rna, 0) AS INTEGER) AS ring_no_answer,
         CAST(COALESCE(h.transferred, 0) AS INTEGER) AS transferred,
         h.handle_s / nullif(h.timed, 0) AS aht_s,
         h.team_handle_s / nullif(h.timed, 0) AS team_aht_s,
         CAST(COALESCE(e.evaluations, 0) AS INTEGER) AS evaluations,
         e.evaluation_score
  FROM keys k
  LEFT JOIN people pp ON pp.rep_id = k.rep_id
  LEFT JOIN handled h ON h.period = k.period AND h.rep_id = k.rep_id
  LEFT JOIN rings r ON r.period = k.period AND r.rep_id = k.rep_id
  LEFT JOIN evals e ON e.period = k.period AND e.rep_id = k.rep_id
),
rates AS (
  SELECT *,
         ring_no_answer / nullif(handled + ring_no_answer, 0) AS ring_no_answer_rate,
         transferred / nullif(handled, 0) AS transfer_rate,
         aht_s / nullif(team_aht_s, 0) AS handle_time_ratio
  FROM measures
),
scored AS (
  SELECT *,
         evaluation_score AS score_evaluations,
         -- (greatest and least skip NULLs, so a measure without data is kept NULL explicitly)
         CASE WHEN ring_no_answer_rate IS NOT NULL
              THEN 100 * greatest(0, 1 - ring_no_answer_rate / CAST($rna_limit AS DOUBLE)) END AS score_ring_no_answer,
         CASE WHEN transfer_rate IS NOT NULL
              THEN 100 * greatest(0, 1 - transfer_rate / CAST($transfer_limit AS DOUBLE)) END AS score_transfers,
         CASE WHEN handle_time_ratio IS NOT NULL
              THEN 100 * least(1, greatest(0, 1 - (handle_time_ratio - 1) / CAST($aht_over_limit AS DOUBLE))) END AS score_handle_time
  FROM rates
)
SELECT CAST(period AS VARCHAR) AS period_start, rep_id, rep,
       handled, ring_no_answer, ring_no_answer_rate, transferred, transfer_rate,
       aht_s, team_aht_s, handle_time_ratio, evaluations, evaluation_score,
       score_evaluations, score_ring_no_answer, score_transfers, score_handle_time,
       (COALESCE(CAST($w_evaluations AS DOUBLE) * score_evaluations, 0)
        + COALESCE(CAST($w_ring_no_answer AS DOUBLE) * score_ring_no_answer, 0)
        + COALESCE(CAST($w_transfers AS DOUBLE) * score_transfers, 0)
        + COALESCE(CAST($w_handle_time AS DOUBLE) * score_handle_time, 0))
       / nullif((CASE WHEN score_evaluations IS NOT NULL THEN CAST($w_evaluations AS DOUBLE) ELSE 0 END)
                + (CASE WHEN score_ring_no_answer IS NOT NULL THEN CAST($w_ring_no_answer AS DOUBLE) ELSE 0 END)
                + (CASE WHEN score_transfers IS NOT NULL THEN CAST($w_transfers AS DOUBLE) ELSE 0 END)
                + (CASE WHEN score_handle_time IS NOT NULL THEN CAST($w_handle_time AS DOUBLE) ELSE 0 END), 0) AS quality_score
FROM scored
ORDER BY period_start, rep, rep_id;
