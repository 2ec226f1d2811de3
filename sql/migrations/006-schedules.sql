-- Coverage planning (issue 6): staffing targets, special days and manual adjustments of the forecast,
-- shift templates, the reps' planning profiles (contracted hours, availability, time off, weekly
-- patterns), the week schedules with their shifts, and the roster optimiser's proposals.
-- Times of day are local wall-clock minutes from midnight (0..1440) in the center's zone; shifts do
-- not cross midnight. Weekdays are ISO (1 = Monday .. 7 = Sunday). A week is named by its Monday.

CREATE SEQUENCE forecast_adjustment_ids START 1;
CREATE SEQUENCE shift_template_ids START 1;
CREATE SEQUENCE time_off_ids START 1;
CREATE SEQUENCE roster_proposal_ids START 1;

-- What "enough reps" means, per queue; queue '*' is the center as one pool (coverage, rosters).
-- A queue without a row uses '*', then the defaults here. sl_threshold_s null = the queue's
-- queue_settings.sl_threshold_s, else 20. Shrinkage is time off the phones that the schedule does
-- not show (absence, coaching): breaks and lunches are taken out of the schedule explicitly.
CREATE TABLE staffing_targets (
  queue          VARCHAR PRIMARY KEY,
  sl_target      DOUBLE NOT NULL DEFAULT 0.8 CHECK (sl_target > 0 AND sl_target < 1),
  sl_threshold_s DOUBLE CHECK (sl_threshold_s >= 0),
  asa_target_s   DOUBLE CHECK (asa_target_s > 0),
  max_occupancy  DOUBLE NOT NULL DEFAULT 0.9 CHECK (max_occupancy > 0 AND max_occupancy <= 1),
  shrinkage      DOUBLE NOT NULL DEFAULT 0 CHECK (shrinkage >= 0 AND shrinkage < 1),
  model          VARCHAR NOT NULL DEFAULT 'erlang-a' CHECK (model IN ('erlang-a', 'erlang-c'))
);

-- Holidays and special days: left out of the forecast's training, and planned ahead. 'closed': no
-- calls; 'special': the normal forecast times volume_factor (e.g. 1.35 the day after a closure).
-- queue '*' = every queue.
CREATE TABLE special_days (
  date           DATE NOT NULL,
  queue          VARCHAR NOT NULL DEFAULT '*',
  kind           VARCHAR NOT NULL CHECK (kind IN ('closed', 'special')),
  name           VARCHAR NOT NULL,
  volume_factor  DOUBLE NOT NULL DEFAULT 1 CHECK (volume_factor >= 0 AND volume_factor <= 10),
  PRIMARY KEY (date, queue)
);

-- Manual changes to the forecast, each with its reason: calls of [from_minute, to_minute) on a date
-- times factor. Removing one sets deleted_at (the audit log keeps who did what).
CREATE TABLE forecast_adjustments (
  id           INTEGER PRIMARY KEY DEFAULT nextval('forecast_adjustment_ids'),
  queue        VARCHAR NOT NULL DEFAULT '*',
  date         DATE NOT NULL,
  from_minute  INTEGER NOT NULL CHECK (from_minute BETWEEN 0 AND 1439),
  to_minute    INTEGER NOT NULL CHECK (to_minute BETWEEN 1 AND 1440),
  factor       DOUBLE NOT NULL CHECK (factor >= 0 AND factor <= 10),
  reason       VARCHAR NOT NULL,
  created_by   VARCHAR NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  deleted_at   TIMESTAMPTZ,
  CHECK (to_minute > from_minute)
);

-- A kind of shift: when it may start (earliest..latest every start_step_minutes), how long it runs
-- (wall clock), on which weekdays, and its break rules: JSON [{kind: 'break'|'lunch', minutes, paid,
-- earliest_after, latest_after}] (minutes after the shift's start within which the break starts).
CREATE TABLE shift_templates (
  id                  INTEGER PRIMARY KEY DEFAULT nextval('shift_template_ids'),
  name                VARCHAR NOT NULL UNIQUE,
  earliest_start      INTEGER NOT NULL CHECK (earliest_start BETWEEN 0 AND 1439),
  latest_start        INTEGER NOT NULL CHECK (latest_start BETWEEN 0 AND 1439),
  start_step_minutes  INTEGER NOT NULL DEFAULT 30 CHECK (start_step_minutes IN (15, 30, 60)),
  length_minutes      INTEGER NOT NULL CHECK (length_minutes BETWEEN 15 AND 1440),
  weekdays            INTEGER[] NOT NULL,
  breaks              JSON NOT NULL,
  active              BOOLEAN NOT NULL DEFAULT true,
  CHECK (latest_start >= earliest_start)
);

-- A rep's planning profile (rep_id as GET /api/reps gives it). Paid minutes in a week must lie in
-- contracted_minutes ± tolerance_minutes (paid time off counts toward it). primary_queue decides
-- which queue's coverage the rep counts in when one queue is looked at alone.
CREATE TABLE schedule_reps (
  rep_id              VARCHAR PRIMARY KEY,
  contracted_minutes  INTEGER NOT NULL CHECK (contracted_minutes BETWEEN 0 AND 4800),
  tolerance_minutes   INTEGER NOT NULL DEFAULT 240 CHECK (tolerance_minutes BETWEEN 0 AND 2400),
  max_days            INTEGER NOT NULL DEFAULT 5 CHECK (max_days BETWEEN 0 AND 7),
  min_rest_minutes    INTEGER NOT NULL DEFAULT 660 CHECK (min_rest_minutes BETWEEN 0 AND 1440),
  primary_queue       VARCHAR,
  template_ids        INTEGER[],            -- shift templates the rep may work; null = any
  active              BOOLEAN NOT NULL DEFAULT true
);

-- When a rep can work, per weekday (several spans allowed). A rep with no rows at all is available
-- whenever the center is open; with rows, only within them.
CREATE TABLE rep_availability (
  rep_id       VARCHAR NOT NULL,
  weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  from_minute  INTEGER NOT NULL CHECK (from_minute BETWEEN 0 AND 1439),
  to_minute    INTEGER NOT NULL CHECK (to_minute BETWEEN 1 AND 1440),
  CHECK (to_minute > from_minute),
  PRIMARY KEY (rep_id, weekday, from_minute)
);

-- Approved time off: a whole day (from/to null) or part of one. Paid time off counts toward the
-- contracted hours (a whole day as contracted_minutes / max_days).
CREATE TABLE time_off (
  id           INTEGER PRIMARY KEY DEFAULT nextval('time_off_ids'),
  rep_id       VARCHAR NOT NULL,
  date         DATE NOT NULL,
  from_minute  INTEGER CHECK (from_minute BETWEEN 0 AND 1439),
  to_minute    INTEGER CHECK (to_minute BETWEEN 1 AND 1440),
  reason       VARCHAR NOT NULL,
  paid         BOOLEAN NOT NULL DEFAULT true,
  created_by   VARCHAR NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK ((from_minute IS NULL) = (to_minute IS NULL)),
  CHECK (to_minute IS NULL OR to_minute > from_minute)
);

-- A rep's usual week: which template at which start on each weekday (a week's draft can be made from it).
CREATE TABLE weekly_patterns (
  rep_id        VARCHAR NOT NULL,
  weekday       INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  template_id   INTEGER NOT NULL,
  start_minute  INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  PRIMARY KEY (rep_id, weekday)
);

-- One schedule per week (its Monday). Editing a published week makes it a draft again until the
-- next publish; every change is in the audit log.
CREATE TABLE schedule_weeks (
  week_start    DATE PRIMARY KEY,
  status        VARCHAR NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  version       INTEGER NOT NULL DEFAULT 1,
  source        VARCHAR NOT NULL,          -- patterns | greedy | optimised | manual
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_by    VARCHAR NOT NULL,
  published_at  TIMESTAMPTZ,
  published_by  VARCHAR
);

-- A rep's shift on a date, with its breaks placed: JSON [{kind, start_minute, minutes, paid}].
CREATE TABLE schedule_shifts (
  week_start    DATE NOT NULL,
  rep_id        VARCHAR NOT NULL,
  date          DATE NOT NULL,
  start_minute  INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute    INTEGER NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
  template_id   INTEGER,
  breaks        JSON NOT NULL,
  CHECK (end_minute > start_minute),
  PRIMARY KEY (rep_id, date)
);

-- Rosters the optimiser and the greedy heuristic proposed for a week, kept until accepted or replaced.
CREATE TABLE roster_proposals (
  id           INTEGER PRIMARY KEY DEFAULT nextval('roster_proposal_ids'),
  week_start   DATE NOT NULL,
  method       VARCHAR NOT NULL CHECK (method IN ('greedy', 'optimised')),
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  created_by   VARCHAR NOT NULL,
  summary      JSON NOT NULL,
  shifts       JSON NOT NULL,
  accepted_at  TIMESTAMPTZ
);
