-- rep_available_slices (039) with the agents' event quarter hours read from the coded rows
-- (queue_event_rows, migration 042) instead of through the view queue_events, and only for the closed
-- slices they are joined to. The view joins every row to its three names and splits its data fields,
-- so a month of a 10M-call center (2.6 million events) cost about 0.45 s of CPU in reps-on-phones,
-- most of its time, every month of the staffing trend and every coverage week, even on a center with
-- no opening hours, where no slice is closed and no event is ever used. The same rows: an event has an
-- agent in the view when its agent code has a name (the view's left join), and a row is in the view
-- when its event code has a name (the view's inner join), both kept here as the same joins; a row is
-- joined to the closed quarter hours as before, only now before the rows are made distinct.
-- sql/rep-activity-coded-events.test.ts holds it to 039's macro.
CREATE OR REPLACE MACRO rep_available_slices(range_start, range_end, tz) AS TABLE
  WITH rep_slices AS (
    SELECT slice_ts, slice_ts + INTERVAL 15 MINUTE AS slice_end, timezone(tz, slice_ts) AS local_ts
    FROM (SELECT unnest(generate_series(range_start, range_end - INTERVAL 15 MINUTE, INTERVAL 15 MINUTE)) AS slice_ts)
  ),
  rep_closed AS (
    SELECT sl.slice_ts FROM rep_slices sl
    WHERE EXISTS (SELECT 1 FROM queue_opening_hours)
      AND NOT EXISTS (
        SELECT 1 FROM queue_opening_hours h
        WHERE h.weekday = isodow(sl.local_ts)
          AND h.open_minute <= hour(sl.local_ts) * 60 + minute(sl.local_ts)
          AND hour(sl.local_ts) * 60 + minute(sl.local_ts) < h.close_minute
          AND NOT EXISTS (SELECT 1 FROM special_days d
                          WHERE d.kind = 'closed' AND d.date = CAST(sl.local_ts AS DATE) AND d.queue IN ('*', h.queue)))
  ),
  -- (interface, closed slice) pairs with activity: a queue event in the slice, or a call in talk over it.
  -- quarter hours as whole numbers (epoch seconds / 900): every zone offset in use is a whole number
  -- of quarter hours, so range_start (a local midnight) is on one, and a slice is its quarter hour
  rep_closed_q AS (SELECT slice_ts, CAST(epoch(slice_ts) // 900 AS BIGINT) AS q FROM rep_closed),
  rep_event_q AS (
    SELECT a.name AS agent, e.q
    FROM (SELECT DISTINCT r.agent_code, r.q
          FROM (SELECT agent_code, event_code, epoch_ms(ts) // 900000 AS q FROM queue_event_rows
                WHERE agent_code IS NOT NULL AND ts >= range_start AND ts < range_end) r
          SEMI JOIN rep_closed_q c ON c.q = r.q
          SEMI JOIN queue_log_names v ON v.code = r.event_code) e
    JOIN queue_log_names a ON a.code = e.agent_code
  ),
  rep_talk AS (
    SELECT agent, epoch_ms(greatest(connect_ts, range_start)) // 900000 AS first_q,
           epoch_ms(least(end_ts, range_end - INTERVAL 1 SECOND)) // 900000 AS last_q
    FROM calls
    WHERE agent IS NOT NULL AND connect_ts < range_end AND end_ts >= range_start
  ),
  rep_active_interfaces AS (
    SELECT e.agent, c.slice_ts FROM rep_event_q e JOIN rep_closed_q c ON c.q = e.q
    UNION
    SELECT t.agent, c.slice_ts FROM rep_talk t JOIN rep_closed_q c ON c.q >= t.first_q AND c.q <= t.last_q
  ),
  rep_active AS (
    SELECT DISTINCT COALESCE(p.rep_id, rep_id_of(a.agent)) AS rep_key, a.slice_ts
    FROM rep_active_interfaces a
    LEFT JOIN roster p ON p.interface = a.agent
  ),
  rep_sums AS (
    SELECT s.rep_key, sl.slice_ts,
           sum(s.sign * (epoch(least(s.e_ts, sl.slice_end)) - epoch(greatest(s.s_ts, sl.slice_ts)))) AS available_s
    FROM rep_available_spans(range_start, range_end) s
    JOIN rep_slices sl ON sl.slice_ts < s.e_ts AND sl.slice_end > s.s_ts
    GROUP BY s.rep_key, sl.slice_ts
  )
  SELECT r.rep_key, r.slice_ts,
         CASE WHEN c.slice_ts IS NOT NULL AND a.rep_key IS NULL THEN 0 ELSE r.available_s END AS available_s
  FROM rep_sums r
  LEFT JOIN rep_closed c ON c.slice_ts = r.slice_ts
  LEFT JOIN rep_active a ON a.rep_key = r.rep_key AND a.slice_ts = r.slice_ts;
