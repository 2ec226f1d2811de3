-- Every rep Callboard knows: the roster's people, and every member interface that answered a call or
-- logged in without being on the roster (named by its interface, with the id rep_id_of(interface)).
-- A person with several interfaces (PJSIP/7009 for calls, Agent/7009 for log-ins) is one rep; their
-- `interface` is the one that answers calls. $id: one rep's id, or NULL for all.
WITH answering AS (
  SELECT DISTINCT agent AS interface FROM calls WHERE agent IS NOT NULL
),
seen AS (
  SELECT interface FROM answering
  UNION
  SELECT DISTINCT agent FROM rep_states
),
interfaces AS (
  SELECT interface, rep_id AS id, name, team, active FROM roster
  UNION ALL
  SELECT s.interface, rep_id_of(s.interface), s.interface, NULL, true
  FROM seen s ANTI JOIN roster r ON r.interface = s.interface
)
SELECT i.id,
       min(i.name) AS name,
       (list(i.interface ORDER BY a.interface IS NULL, i.interface))[1] AS interface,
       list(i.interface ORDER BY i.interface) AS interfaces,
       min(i.team) AS team,
       bool_or(i.active) AS active
FROM interfaces i LEFT JOIN answering a ON a.interface = i.interface
WHERE $id IS NULL OR i.id = $id
GROUP BY i.id
ORDER BY name, i.id
