-- Who may sign in, who is signed in, what people changed, and the feedback notes leads write for reps.
-- Nothing here has foreign keys: DuckDB refuses updates to rows that a foreign key references, and
-- the code that writes these tables checks the references itself (app/server/).

CREATE SEQUENCE user_ids START 1;
CREATE SEQUENCE audit_ids START 1;
CREATE SEQUENCE note_ids START 1;

CREATE TABLE users (
  id             INTEGER PRIMARY KEY DEFAULT nextval('user_ids'),
  username       VARCHAR NOT NULL UNIQUE,   -- lower case
  role           VARCHAR NOT NULL CHECK (role IN ('admin', 'manager', 'lead', 'scheduler', 'rep')),
  rep_interface  VARCHAR,                   -- a rep's member interface (e.g. PJSIP/7009): whose notes are theirs
  password_hash  VARCHAR NOT NULL,          -- argon2id, PHC string (salt and parameters inside)
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  disabled       BOOLEAN NOT NULL DEFAULT false,
  CHECK (role <> 'rep' OR rep_interface IS NOT NULL)
);

-- One row per signed-in browser. The cookie holds a random token; only its SHA-256 is kept here, so a
-- copy of the database (or a backup) signs nobody in.
CREATE TABLE sessions (
  token_hash  VARCHAR PRIMARY KEY,          -- hex SHA-256 of the cookie's token
  user_id     INTEGER NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at  TIMESTAMPTZ NOT NULL,         -- moves forward with use, never past created_at + the maximum
  last_seen   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Recent sign-in attempts, for rate limiting (kept one day).
CREATE TABLE signin_attempts (
  attempted_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  username      VARCHAR NOT NULL,
  ip            VARCHAR NOT NULL,
  ok            BOOLEAN NOT NULL
);

-- Every change people make (notes, evaluations, schedules, settings, users): who, when, before, after.
CREATE TABLE audit_log (
  id         BIGINT NOT NULL DEFAULT nextval('audit_ids'),
  changed_at TIMESTAMPTZ NOT NULL DEFAULT now(), -- (`at` is a keyword in DuckDB)
  user_id    INTEGER,                       -- null for the command line
  username   VARCHAR NOT NULL,              -- as it was at the time
  action     VARCHAR NOT NULL,              -- create | update | delete | disable | acknowledge | backup | ...
  entity     VARCHAR NOT NULL,              -- user | note | schedule | setting | ...
  entity_id  VARCHAR,
  before     JSON,                          -- null for a creation
  after      JSON                           -- null for a removal
);

-- Feedback notes for a rep. Never deleted: deleting sets deleted_at, and every version is kept below.
CREATE TABLE notes (
  id               INTEGER PRIMARY KEY DEFAULT nextval('note_ids'),
  rep_id           VARCHAR NOT NULL,        -- GET /api/reps id (roster rep_id, or derived from the interface)
  author_id        INTEGER,
  author           VARCHAR NOT NULL,        -- the author's username at the time
  category         VARCHAR NOT NULL DEFAULT 'coaching' CHECK (category IN ('coaching', 'praise', 'procedure')),
  text             VARCHAR NOT NULL,
  call_ref         VARCHAR,                 -- the call it is about, e.g. '<file_id>:<line_no>' of calls
  ref_date         DATE,                    -- the day's figures it is about
  evaluation_id    INTEGER,                 -- the quality evaluation it is about
  follow_up_date   DATE,
  state            VARCHAR NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'acknowledged')),
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  acknowledged_at  TIMESTAMPTZ,
  deleted_at       TIMESTAMPTZ
);

-- Every version of every note, the first included: the note as it stood after each change.
CREATE TABLE note_versions (
  note_id          INTEGER NOT NULL,
  version          INTEGER NOT NULL,
  rep_id           VARCHAR NOT NULL,
  category         VARCHAR NOT NULL,
  text             VARCHAR NOT NULL,
  call_ref         VARCHAR,
  ref_date         DATE,
  evaluation_id    INTEGER,
  follow_up_date   DATE,
  state            VARCHAR NOT NULL,
  deleted_at       TIMESTAMPTZ,
  edited_by_id     INTEGER,
  edited_by        VARCHAR NOT NULL,
  edited_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (note_id, version)
);

-- The id of a rep who is not on the roster, derived from the interface: URL-safe and stable
-- ('PJSIP/7009' -> 'pjsip-7009'). The roster's rep_id wins where the roster names the interface.
CREATE MACRO rep_id_of(iface) AS trim(regexp_replace(lower(iface), '[^a-z0-9]+', '-', 'g'), '-');
