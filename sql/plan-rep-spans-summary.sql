-- plan-rep-spans.sql's answer read from the rep_call_days summary (migration 044) instead of every
-- call: per rep (a roster person, else the interface's rep id) the first and last local dates ($tz)
-- with an answered inbound call before the local date $to. The summary counts those calls per local
-- date and interface (`handled`; a row with none holds only rings that went unanswered), so an
-- interface's first and last such dates are its first and last calls' dates. Used only while the
-- summary answers for the calls and $tz (analytics/plan/plan.ts: repCallDaysUsable); at 10M calls it
-- reads some 90,000 rows instead of 10 million calls.
WITH by_interface AS (
  SELECT agent, min(day) AS first_day, max(day) AS last_day
  FROM rep_call_days
  WHERE handled > 0 AND day < CAST($to AS DATE)
  GROUP BY agent
)
SELECT COALESCE(p.rep_id, rep_id_of(c.agent)) AS rep_id,
       strftime(min(c.first_day), '%Y-%m-%d') AS first_date,
       strftime(max(c.last_day), '%Y-%m-%d') AS last_date
FROM by_interface c LEFT JOIN roster p ON p.interface = c.agent
GROUP BY ALL
ORDER BY rep_id;
