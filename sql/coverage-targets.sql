-- The staffing target of every queue Callboard knows and of the center as one pool ('*'): the
-- queue's own row in staffing_targets, else the '*' row, else the defaults of migration 006. The
-- service-level threshold falls back to the queue's queue_settings.sl_threshold_s, then 20 s.
WITH queues AS (
  SELECT '*' AS queue
  UNION SELECT queue FROM queue_settings
  UNION SELECT DISTINCT queue FROM calls WHERE direction = 'inbound'
  UNION SELECT queue FROM staffing_targets
)
SELECT q.queue,
       COALESCE(t.sl_target, p.sl_target, 0.8) AS sl_target,
       COALESCE(t.sl_threshold_s, s.sl_threshold_s, p.sl_threshold_s, 20) AS sl_threshold_s,
       COALESCE(t.asa_target_s, p.asa_target_s) AS asa_target_s,
       COALESCE(t.max_occupancy, p.max_occupancy, 0.9) AS max_occupancy,
       COALESCE(t.shrinkage, p.shrinkage, 0) AS shrinkage,
       COALESCE(t.model, p.model, 'erlang-a') AS model,
       CASE WHEN t.queue IS NOT NULL THEN 'queue' WHEN p.queue IS NOT NULL THEN 'center' ELSE 'default' END AS source
FROM queues q
LEFT JOIN staffing_targets t ON t.queue = q.queue
LEFT JOIN staffing_targets p ON p.queue = '*' AND q.queue <> '*'
LEFT JOIN queue_settings s ON s.queue = q.queue
ORDER BY q.queue = '*' DESC, q.queue;
