-- What the call_facts were built from, against what holds now: whether they may be read
-- (analytics/call-facts.ts): not while loads wait for them (call_facts_pending). No row: never built.
SELECT s.calls AS built_calls, (SELECT count(*) FROM calls) AS calls, s.odd_calls,
       (SELECT count(*) FROM call_facts_pending) AS pending_loads
FROM call_facts_state s;
