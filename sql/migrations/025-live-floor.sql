-- Rep states over time (issue 14, "rep states with pause reasons"). Asterisk logs no wrap-up: a
-- queue's `wrapuptime` (queues.conf) keeps its members from new calls for that many seconds after
-- each call. Callboard takes it per queue from this setting where a call carries no wrap-up of its
-- own (calls.wrap_s, filled by sources that record one); 0 = no wrap-up.
ALTER TABLE queue_settings ADD COLUMN wrap_up_s DOUBLE DEFAULT 0;

-- The wallboard role (issue 14): an account for an office TV that may open the live floor only
-- (app/api/access.ts). DuckDB cannot change a CHECK constraint in place, so users is rebuilt with
-- the same columns, ids and sequence; nothing references it by a foreign key (003).
CREATE TABLE users_025 (
  id             INTEGER PRIMARY KEY DEFAULT nextval('user_ids'),
  username       VARCHAR NOT NULL UNIQUE,
  role           VARCHAR NOT NULL CHECK (role IN ('admin', 'manager', 'lead', 'scheduler', 'rep', 'wallboard')),
  rep_interface  VARCHAR,
  password_hash  VARCHAR NOT NULL,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  disabled       BOOLEAN NOT NULL DEFAULT false,
  CHECK (role <> 'rep' OR rep_interface IS NOT NULL)
);
INSERT INTO users_025 SELECT id, username, role, rep_interface, password_hash, created_at, disabled FROM users;
DROP TABLE users;
ALTER TABLE users_025 RENAME TO users;
