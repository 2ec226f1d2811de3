-- The roster (member interfaces named as people), then the interfaces seen answering calls or
-- logging in that nobody has named yet (their rep id derived from the interface).
SELECT interface, rep_id, name, team, active, true AS on_roster
FROM roster
UNION ALL
SELECT agent AS interface, rep_id_of(agent) AS rep_id, NULL AS name, NULL AS team, NULL AS active, false AS on_roster
FROM (SELECT agent FROM calls WHERE agent IS NOT NULL UNION SELECT agent FROM rep_states WHERE agent IS NOT NULL)
WHERE agent NOT IN (SELECT interface FROM roster)
ORDER BY on_roster DESC, name, interface;
