-- Records retention (README, "Records retention and legal holds"): how long each kind of record is
-- kept, the legal holds that keep records past it, and how far each kind has been purged.

-- One row per kind an admin has limited; a kind without a row is kept forever.
-- kind: raw_events | calls | caller_numbers | notes | evaluations | audit_log | reports
CREATE TABLE retention_settings (
  kind        VARCHAR PRIMARY KEY,
  amount      INTEGER NOT NULL CHECK (amount > 0),
  unit        VARCHAR NOT NULL CHECK (unit IN ('days', 'months')),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_by  VARCHAR NOT NULL
);

CREATE SEQUENCE legal_hold_ids START 1;

-- A legal hold keeps every record it covers, whatever the retention: the records of a range of
-- local dates, of one rep (the GET /api/reps id), or of one caller number (matched on its last 10
-- digits, as number_key_of does). Removed holds stay, with who removed them and when.
CREATE TABLE legal_holds (
  id          INTEGER PRIMARY KEY DEFAULT nextval('legal_hold_ids'),
  scope       VARCHAR NOT NULL CHECK (scope IN ('dates', 'rep', 'caller')),
  from_date   DATE,
  to_date     DATE,
  rep_id      VARCHAR,
  caller      VARCHAR,
  reason      VARCHAR NOT NULL,
  created_by  VARCHAR NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  removed_by  VARCHAR,
  removed_at  TIMESTAMPTZ,
  CHECK (scope <> 'dates' OR (from_date IS NOT NULL AND to_date IS NOT NULL AND from_date <= to_date)),
  CHECK (scope <> 'rep' OR rep_id IS NOT NULL),
  CHECK (scope <> 'caller' OR caller IS NOT NULL)
);

-- How far each kind has been purged: its records before this local date (its first instant, UTC,
-- in before_ts) are gone, except those under a hold. Pages that need the detail say "purged before
-- DATE"; sql/refresh-call-slices.sql never rebuilds the call_slices summary before the calls' date,
-- so trends and reports of purged periods still answer from it.
CREATE TABLE retention_purged (
  kind         VARCHAR PRIMARY KEY,
  before_date  DATE NOT NULL,
  before_ts    TIMESTAMPTZ NOT NULL,
  purged_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Each source file's data span (its first and last event) as it was before a purge removed lines
-- of it: sql/data-coverage.sql reads it too, so trends still count purged days as covered.
CREATE TABLE retention_spans (
  file_id   INTEGER PRIMARY KEY,
  first_ts  TIMESTAMPTZ NOT NULL,
  last_ts   TIMESTAMPTZ NOT NULL
);
