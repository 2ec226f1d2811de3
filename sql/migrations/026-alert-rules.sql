-- Alert rules (issue 14, the live floor): what the admin wants the wallboard and the day view to
-- flag, per queue or for every queue ('*'; a queue's own rule of a kind wins over the '*' one).
--   longest_wait      a caller has waited over `threshold` seconds
--   waiting           more than `threshold` callers are waiting
--   nobody_available  callers waiting and no rep of the queue available, for over `threshold` seconds
--   service_level     today's service level so far under `threshold` (a fraction); NULL: the
--                     queue's staffing target (Coverage)
-- Alert episodes are not stored: they are worked out from the loaded calls and rep states
-- (analytics/live/alert-sweep.ts), so they exist for imported history and whether or not anyone
-- watched /live. Changes go through app/server/live/alerts.ts, audited.
CREATE TABLE alert_rules (
  queue      VARCHAR NOT NULL,
  kind       VARCHAR NOT NULL CHECK (kind IN ('longest_wait', 'waiting', 'nobody_available', 'service_level')),
  threshold  DOUBLE CHECK (threshold >= 0),
  PRIMARY KEY (queue, kind),
  CHECK (threshold IS NOT NULL OR kind = 'service_level'),
  CHECK (kind <> 'service_level' OR threshold IS NULL OR (threshold > 0 AND threshold < 1))
);
