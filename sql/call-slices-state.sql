-- What the call_slices summary was built from, against what holds now: whether it may be read
-- (sql/call-slices.ts). No row: never built.
SELECT s.calls AS built_calls,
       (SELECT count(*) FROM calls) AS calls,
       s.settings_key = call_slices_settings_key($default_sl_threshold_s, $default_short_abandon_s, $default_sl_formula)
         AS same_settings
FROM call_slices_state s;
