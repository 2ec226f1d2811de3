-- What the repeat_days summary was built from, against the calls now (analytics/callers/repeat-days.ts).
-- No row: never built.
SELECT s.calls AS built_calls, s.window_s, s.time_zone, (SELECT count(*) FROM calls) AS calls
FROM repeat_days_state s;
