-- Periodic reports and trend annotations (issue 7).
-- A report is a frozen snapshot: its figures, the settings and definitions that produced them, and when
-- and by whom it was built, as one JSON document (analytics/reports-document.ts). Rebuilding a period
-- adds a version; older versions are kept. Annotations are notes a manager pins to a local date
-- ("new billing system", "storm week"); they show on every trend chart and in the reports. Like notes,
-- an annotation is never deleted: deleting sets deleted_at (and the audit log has who and when).

CREATE SEQUENCE report_ids START 1;
CREATE SEQUENCE annotation_ids START 1;

CREATE TABLE reports (
  id           INTEGER PRIMARY KEY DEFAULT nextval('report_ids'),
  kind         VARCHAR NOT NULL CHECK (kind IN ('weekly', 'monthly', 'quarterly')),
  period       VARCHAR NOT NULL,            -- 2026-W10, 2026-03, 2026-Q1
  period_from  DATE NOT NULL,               -- local dates, inclusive
  period_to    DATE NOT NULL,
  version      INTEGER NOT NULL,            -- 1, 2, ... per (kind, period)
  built_at     TIMESTAMPTZ NOT NULL,
  built_by     VARCHAR NOT NULL,            -- 'schedule', 'cli', or the username who asked
  time_zone    VARCHAR NOT NULL,
  document     JSON NOT NULL,
  UNIQUE (kind, period, version)
);

CREATE TABLE annotations (
  id          INTEGER PRIMARY KEY DEFAULT nextval('annotation_ids'),
  day         DATE NOT NULL,                -- the local date it is about
  text        VARCHAR NOT NULL,
  author_id   INTEGER,
  author      VARCHAR NOT NULL,             -- the author's username at the time
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  deleted_at  TIMESTAMPTZ
);
