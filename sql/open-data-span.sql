-- The local dates ($tz) the ended inbound calls span: what open data can publish (app/server/open-data.ts).
SELECT strftime(timezone($tz, min(enter_ts)), '%Y-%m-%d') AS first_day,
       strftime(timezone($tz, max(enter_ts)), '%Y-%m-%d') AS last_day
FROM calls
WHERE direction = 'inbound' AND outcome IS NOT NULL;
