-- The settings each queue's figures were computed with, and where each value came from
-- (query override, the queue's row in queue_settings, or the default, docs/definitions.md): every queue
-- with a counted visit (inbound, with an outcome) entering in $from..$to (local dates in $tz, $to
-- inclusive), and the $queue asked for. Parameters as in call-metrics.sql; with $use_slices the
-- queues come from the call_slices summary, which holds exactly the counted visits.
WITH queues AS (
  SELECT DISTINCT c.queue
  FROM calls c
  -- the bounds written out (not joined) so DuckDB skips the row groups outside them; none with the summary
  WHERE c.direction = 'inbound' AND c.outcome IS NOT NULL
    AND c.enter_ts >= local_day_start($tz, $from)
    AND c.enter_ts < CASE WHEN CAST($use_slices AS BOOLEAN) THEN local_day_start($tz, $from)
                          ELSE local_day_end($tz, $to) END
    AND (CAST($queue AS VARCHAR) IS NULL OR c.queue = CAST($queue AS VARCHAR))
  UNION SELECT DISTINCT queue FROM call_slices
  WHERE CAST($use_slices AS BOOLEAN)
    AND slice_ts >= local_day_start($tz, $from)
    AND slice_ts < local_day_end($tz, $to)
    AND (CAST($queue AS VARCHAR) IS NULL OR queue = CAST($queue AS VARCHAR))
  UNION SELECT CAST($queue AS VARCHAR) WHERE CAST($queue AS VARCHAR) IS NOT NULL
)
SELECT q.queue, s.label,
       COALESCE(CAST($sl_threshold_s AS DOUBLE), s.sl_threshold_s, CAST($default_sl_threshold_s AS DOUBLE)) AS sl_threshold_s,
       COALESCE(CAST($short_abandon_s AS DOUBLE), s.short_abandon_s, CAST($default_short_abandon_s AS DOUBLE)) AS short_abandon_s,
       COALESCE(CAST($sl_formula AS VARCHAR), s.sl_formula, CAST($default_sl_formula AS VARCHAR)) AS sl_formula,
       CASE WHEN CAST($sl_threshold_s AS DOUBLE) IS NOT NULL THEN 'query' WHEN s.queue IS NOT NULL THEN 'queue' ELSE 'default' END AS sl_threshold_source,
       CASE WHEN CAST($short_abandon_s AS DOUBLE) IS NOT NULL THEN 'query' WHEN s.queue IS NOT NULL THEN 'queue' ELSE 'default' END AS short_abandon_source,
       CASE WHEN CAST($sl_formula AS VARCHAR) IS NOT NULL THEN 'query' WHEN s.queue IS NOT NULL THEN 'queue' ELSE 'default' END AS sl_formula_source
FROM queues q
LEFT JOIN queue_settings s ON s.queue = q.queue
ORDER BY q.queue;
