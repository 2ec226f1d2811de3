-- rep_available_slices (046) with its two range joins made equal-joins on the quarter hour. A
-- call's talk met every closed slice of the range (talk start <= slice <= talk end), and a rep's
-- available span every slice (slice start < span end and slice end > span start): both nested-loop
-- joins, calls x slices, so a month cost four times a fortnight (reps-on-phones for a month of the
-- demo: 0.10 s of its 0.13 s in the talks' join, and two months at once 1.5x the two apart). Now a
-- talk and a span each list the quarter hours they touch (a few: talks and log-ins last minutes
-- and hours) and meet those slices by number: the same pairs, so the same rows, and a range's cost
-- grows with its length. Slices start on whole quarter hours (every zone offset in use is one, so a
-- local midnight is), so a slice is its quarter hour, epoch seconds // 900, as 046 already used.
-- sql/rep-slices-quarter-joins.test.ts holds it to 046's macro.
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
  -- each talk's quarter hours, from the one it starts in (or the range's first) to the one it ends in
  rep_talk_q AS (
    SELECT agent, unnest(generate_series(epoch_ms(greatest(connect_ts, range_start)) // 900000,
                                         epoch_ms(least(end_ts, range_end - INTERVAL 1 SECOND)) // 900000)) AS q
    FROM calls
    WHERE agent IS NOT NULL AND connect_ts < range_end AND end_ts >= range_start
  ),
  rep_active_interfaces AS (
    SELECT e.agent, c.slice_ts FROM rep_event_q e JOIN rep_closed_q c ON c.q = e.q
    UNION
    SELECT t.agent, c.slice_ts FROM rep_talk_q t JOIN rep_closed_q c ON c.q = t.q
  ),
  rep_active AS (
    SELECT DISTINCT COALESCE(p.rep_id, rep_id_of(a.agent)) AS rep_key, a.slice_ts
    FROM rep_active_interfaces a
    LEFT JOIN roster p ON p.interface = a.agent
  ),
  -- each span's quarter hours: those a slice of which starts before the span's end and ends after its
  -- start (its first, to the one holding its last microsecond; spans are clipped to the range)
  rep_span_q AS (
    SELECT rep_key, s_ts, e_ts, sign,
           unnest(generate_series(epoch_us(s_ts) // 900000000, (epoch_us(e_ts) - 1) // 900000000)) AS q
    FROM rep_available_spans(range_start, range_end)
  ),
  rep_slices_q AS (SELECT slice_ts, slice_end, CAST(epoch(slice_ts) // 900 AS BIGINT) AS q FROM rep_slices),
  rep_sums AS (
    SELECT s.rep_key, sl.slice_ts,
           sum(s.sign * (epoch(least(s.e_ts, sl.slice_end)) - epoch(greatest(s.s_ts, sl.slice_ts)))) AS available_s
    FROM rep_span_q s
    JOIN rep_slices_q sl ON sl.q = s.q
    GROUP BY s.rep_key, sl.slice_ts
  )
  SELECT r.rep_key, r.slice_ts,
         CASE WHEN c.slice_ts IS NOT NULL AND a.rep_key IS NULL THEN 0 ELSE r.available_s END AS available_s
  FROM rep_sums r
  LEFT JOIN rep_closed c ON c.slice_ts = r.slice_ts
  LEFT JOIN rep_active a ON a.rep_key = r.rep_key AND a.slice_ts = r.slice_ts;

-- And rep_available_spans (009) merges each rep's intervals of one state from distinct rows. Its two
-- windows (the end of the intervals before a row; the running count of new islands) ordered the rows
-- by start and end alone, so two identical rows (a rep logged in to two queues at the same instants:
-- every demo rep, every day) tied, and each window could put them in its own order: the new island
-- was counted on one copy and read on the other, and a log-in ran on into the next day's. Which way
-- it fell moved with the range asked (on the demo, 50 rep quarter hours in three months differ
-- between the month asked whole and its days asked one at a time: 11 rep-hours on the phones after
-- the reps had logged off). Identical rows add nothing to a union, so they are taken once: the order
-- is total and the answer the same for every range. rep-available-spans-ties.test.ts.
CREATE OR REPLACE MACRO rep_available_spans(range_start, range_end) AS TABLE
  WITH rep_ordered AS (
    SELECT rep_key, state, s_ts, e_ts,
           max(e_ts) OVER (PARTITION BY rep_key, state ORDER BY s_ts, e_ts
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
    FROM (SELECT DISTINCT rep_key, state, s_ts, e_ts FROM rep_states_in(range_start, range_end) WHERE e_ts > s_ts)
  ),
  rep_islands AS (
    SELECT *, sum(CASE WHEN prev_end IS NULL OR s_ts > prev_end THEN 1 ELSE 0 END)
                OVER (PARTITION BY rep_key, state ORDER BY s_ts, e_ts ROWS UNBOUNDED PRECEDING) AS island
    FROM rep_ordered
  ),
  rep_merged AS (
    SELECT rep_key, state, min(s_ts) AS s_ts, max(e_ts) AS e_ts FROM rep_islands GROUP BY rep_key, state, island
  )
  SELECT rep_key, s_ts, e_ts, 1 AS sign FROM rep_merged WHERE state = 'logged_in'
  UNION ALL
  -- Merged intervals of one state are disjoint, so the pairwise overlaps add up to the intersection.
  SELECT l.rep_key, greatest(l.s_ts, p.s_ts), least(l.e_ts, p.e_ts), -1
  FROM rep_merged l
  JOIN rep_merged p ON p.rep_key = l.rep_key AND p.state = 'paused' AND p.s_ts < l.e_ts AND p.e_ts > l.s_ts
  WHERE l.state = 'logged_in';
