-- Feedback and coaching activity over the local dates $from..$to ($tz, $to inclusive), per rep:
-- feedback notes written (by when they were written; deleted ones left out) by category and state,
-- and quality evaluations written. A rep is named by the roster where it knows the rep id.
WITH bounds AS (
  SELECT local_day_start($tz, $from) AS start_ts,
         local_day_end($tz, $to) AS end_ts
),
noted AS (
  SELECT n.rep_id,
         CAST(count(*) AS INTEGER) AS notes,
         CAST(count(*) FILTER (WHERE n.category = 'coaching') AS INTEGER) AS coaching,
         CAST(count(*) FILTER (WHERE n.category = 'praise') AS INTEGER) AS praise,
         CAST(count(*) FILTER (WHERE n.category = 'procedure') AS INTEGER) AS procedure,
         CAST(count(*) FILTER (WHERE n.state = 'acknowledged') AS INTEGER) AS acknowledged,
         CAST(count(*) FILTER (WHERE n.state = 'open') AS INTEGER) AS open
  FROM notes n, bounds b
  WHERE n.deleted_at IS NULL AND n.created_at >= b.start_ts AND n.created_at < b.end_ts
  GROUP BY n.rep_id
),
evaluated AS (
  SELECT e.rep_id, CAST(count(*) AS INTEGER) AS evaluations_done
  FROM quality_evaluations e, bounds b
  WHERE e.deleted_at IS NULL AND e.created_at >= b.start_ts AND e.created_at < b.end_ts
  GROUP BY e.rep_id
),
names AS (
  SELECT rep_id, min(name) AS name, min(team) AS team FROM roster GROUP BY rep_id
)
SELECT rep_id,
       coalesce(names.name, rep_id) AS rep,
       names.team AS team,
       coalesce(noted.notes, 0) AS notes,
       coalesce(noted.coaching, 0) AS coaching,
       coalesce(noted.praise, 0) AS praise,
       coalesce(noted.procedure, 0) AS procedure,
       coalesce(noted.acknowledged, 0) AS acknowledged,
       coalesce(noted.open, 0) AS open,
       coalesce(evaluated.evaluations_done, 0) AS evaluations_done
FROM noted FULL JOIN evaluated USING (rep_id) LEFT JOIN names USING (rep_id)
ORDER BY rep;
