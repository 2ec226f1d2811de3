-- Every queue Callboard knows (with settings, or seen in calls) and its stored settings; NULL where
-- the queue has no row (the defaults apply). Opening hours as a list of spans per weekday.
WITH known AS (
  SELECT queue FROM queue_settings
  UNION
  SELECT DISTINCT queue FROM calls WHERE direction = 'inbound'
)
SELECT k.queue, s.label, s.sl_threshold_s, s.short_abandon_s, s.sl_formula, s.queue IS NOT NULL AS configured,
       COALESCE((SELECT list({'weekday': h.weekday, 'open_minute': h.open_minute, 'close_minute': h.close_minute}
                             ORDER BY h.weekday, h.open_minute)
                 FROM queue_opening_hours h WHERE h.queue = k.queue), []) AS hours
FROM known k
LEFT JOIN queue_settings s ON s.queue = k.queue
ORDER BY k.queue;
