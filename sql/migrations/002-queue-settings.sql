-- Settings that shape the metrics: per queue (service-level and short-abandon thresholds, the
-- service-level formula, opening hours), the roster that names member interfaces, and center-wide
-- key/value settings. Defaults follow docs/definitions.md; a query may override
-- any per-queue value (analytics/metrics.ts). Nothing here depends on the time zone: opening hours
-- are local wall-clock minutes, read in the center's zone when they are used.

CREATE TABLE queue_settings (
  queue            VARCHAR PRIMARY KEY,       -- the queue name as the PBX logs it
  label            VARCHAR,                   -- what people call it ("Billing")
  sl_threshold_s   DOUBLE NOT NULL DEFAULT 20 CHECK (sl_threshold_s >= 0),
  short_abandon_s  DOUBLE NOT NULL DEFAULT 5 CHECK (short_abandon_s >= 0),
  sl_formula       VARCHAR NOT NULL DEFAULT 'offered' CHECK (sl_formula IN ('offered', 'icmi', 'answered'))
);

-- When a queue is open: one row per opening span of a weekday (two rows for a lunch break).
-- weekday is ISO (1 = Monday .. 7 = Sunday); minutes count from local midnight, close_minute
-- exclusive, up to 1440 (midnight at the end of the day). A queue with no rows has no set hours.
CREATE TABLE queue_opening_hours (
  queue         VARCHAR NOT NULL,
  weekday       INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  open_minute   INTEGER NOT NULL CHECK (open_minute BETWEEN 0 AND 1439),
  close_minute  INTEGER NOT NULL CHECK (close_minute BETWEEN 1 AND 1440),
  CHECK (close_minute > open_minute),
  PRIMARY KEY (queue, weekday, open_minute)
);

-- Member interfaces (as queue_log and CDR write them) mapped to people. One person may have
-- several interfaces (PJSIP/7009 for calls, Agent/7009 for log-ins): they share rep_id.
CREATE TABLE roster (
  interface  VARCHAR PRIMARY KEY,
  rep_id     VARCHAR NOT NULL CHECK (regexp_full_match(rep_id, '[A-Za-z0-9._~-]+')),   -- URL-safe, stable
  name       VARCHAR NOT NULL,
  team       VARCHAR,
  active     BOOLEAN NOT NULL DEFAULT true
);

-- Center-wide settings. Known keys (analytics/center-settings.ts): timezone (IANA name),
-- follow_up_window_s (lost-call recovery window), repeat_window_s (repeat-caller look-back).
CREATE TABLE settings (
  key    VARCHAR PRIMARY KEY,
  value  JSON
);
INSERT INTO settings VALUES
  ('follow_up_window_s', '86400'),
  ('repeat_window_s', '259200');
