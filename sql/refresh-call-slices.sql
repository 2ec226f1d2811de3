-- Brings the call_slices summary up to date from calls: every slice from $since on (the 15-minute
-- slice it falls in), or all of them when $since is null; then records what it was built from.
-- Runs inside the transaction that changed the calls (sql/call-slices.ts).
-- $since: TIMESTAMPTZ or null; $default_*: the defaults (sql/upkeep/metric-defaults.ts) for queues without settings.
-- Records retention (migration 031): the slices before the calls' purge date stay as they were built
-- (their calls are gone, or kept only by a legal hold), so trends and reports of purged periods still answer.
DELETE FROM call_slices
WHERE slice_ts >= greatest(COALESCE(time_bucket(INTERVAL 15 MINUTE, CAST($since AS TIMESTAMPTZ)), CAST('-infinity' AS TIMESTAMPTZ)),
                           COALESCE((SELECT before_ts FROM retention_purged WHERE kind = 'calls'), CAST('-infinity' AS TIMESTAMPTZ)));

INSERT INTO call_slices
SELECT slice_ts, queue,
       sum(offered), sum(answered), sum(abandoned), sum(short_abandoned), sum(timed_out),
       sum(answered_within_sl), sum(sl_denominator),
       sum(answered_wait_sum), sum(answered_wait_n), sum(handle_sum), sum(handle_n),
       sum(abandon_wait_sum), sum(abandon_wait_n), max(max_wait_s), sum(ring_no_answer), sum(transferred), sum(blocked)
FROM judged_calls(greatest(COALESCE(time_bucket(INTERVAL 15 MINUTE, CAST($since AS TIMESTAMPTZ)), CAST('-infinity' AS TIMESTAMPTZ)),
                           COALESCE((SELECT before_ts FROM retention_purged WHERE kind = 'calls'), CAST('-infinity' AS TIMESTAMPTZ))),
                  CAST('infinity' AS TIMESTAMPTZ), NULL, NULL, NULL,
                  $default_sl_threshold_s, $default_short_abandon_s, $default_sl_formula)
GROUP BY slice_ts, queue
ORDER BY slice_ts, queue;

DELETE FROM call_slices_state;

INSERT INTO call_slices_state (calls, settings_key)
SELECT count(*), call_slices_settings_key($default_sl_threshold_s, $default_short_abandon_s, $default_sl_formula)
FROM calls;
