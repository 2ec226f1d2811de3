-- Quality evaluations: forms the lead defines (sections of weighted yes / no / partial / n.a. items,
-- some critical), kept as immutable versions, and evaluations of calls against one version.
-- Nothing here is ever deleted: a form is archived, an evaluation gets deleted_at, and every change
-- is in audit_log (app/server/quality.ts). No foreign keys (see 003): the code checks references.

CREATE SEQUENCE quality_form_ids START 1;
CREATE SEQUENCE quality_evaluation_ids START 1;

CREATE TABLE quality_forms (
  id           INTEGER PRIMARY KEY DEFAULT nextval('quality_form_ids'),
  name         VARCHAR NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1,    -- the current version (quality_form_versions)
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  archived_at  TIMESTAMPTZ                    -- no new evaluations; old ones keep it
);

-- Every version of every form as it was saved. `definition` is the JSON of
-- {"description", "sections": [{"id", "title", "items": [{"id", "text", "weight", "critical"}]}]}
-- (app/lib/quality/form.ts); an evaluation's answers are keyed by the item ids of its version.
CREATE TABLE quality_form_versions (
  form_id        INTEGER NOT NULL,
  version        INTEGER NOT NULL,
  name           VARCHAR NOT NULL,
  definition     JSON NOT NULL,
  created_by_id  INTEGER,
  created_by     VARCHAR NOT NULL,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (form_id, version)
);

-- One evaluation of one call (calls.file_id, calls.line_no) against one form version. The score
-- (0-100, null when every item was not applicable) is worked out by app/lib/quality/score.ts when
-- the evaluation is written, and kept so SQL can blend it (sql/quality-score.sql).
CREATE TABLE quality_evaluations (
  id               INTEGER PRIMARY KEY DEFAULT nextval('quality_evaluation_ids'),
  form_id          INTEGER NOT NULL,
  form_version     INTEGER NOT NULL,
  call_file_id     INTEGER NOT NULL,
  call_line_no     BIGINT NOT NULL,
  call_enter_ts    TIMESTAMPTZ NOT NULL,        -- when the call entered the queue: the evaluation's period
  rep_id           VARCHAR NOT NULL,            -- the rep who answered (GET /api/reps id), at evaluation time
  agent            VARCHAR NOT NULL,            -- the member interface that answered
  answers          JSON NOT NULL,               -- {"<item id>": "yes" | "no" | "partial" | "na"}
  comment          VARCHAR,
  score            DOUBLE CHECK (score BETWEEN 0 AND 100),
  critical_failed  BOOLEAN NOT NULL DEFAULT false,
  evaluator_id     INTEGER,
  evaluator        VARCHAR NOT NULL,            -- the evaluator's username at the time
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  deleted_at       TIMESTAMPTZ
);

-- The per-rep quality score's weights and scales (analytics/quality-score.ts, admin-editable through
-- PUT /api/quality/settings). Weights are relative; a component without data drops out of the blend.
INSERT OR IGNORE INTO settings VALUES
  ('quality_weights', '{"evaluations": 50, "ring_no_answer": 20, "transfers": 10, "handle_time": 20}'),
  ('quality_limits', '{"ring_no_answer_rate": 0.2, "transfer_rate": 0.2, "handle_time_over": 0.5}');
