-- What the rep_call_days summary was built from, against what holds now (sql/upkeep/rep-call-days.ts).
-- No row: never built.
SELECT s.calls AS built_calls, s.ring_attempts AS built_rings, s.time_zone,
       (SELECT count(*) FROM calls) AS calls, (SELECT count(*) FROM ring_attempts) AS rings
FROM rep_call_days_state s;
