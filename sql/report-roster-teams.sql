-- Each rep's name and team on the roster, one row per rep id.
SELECT rep_id, min(name) AS name, min(team) AS team FROM roster GROUP BY rep_id ORDER BY rep_id;
