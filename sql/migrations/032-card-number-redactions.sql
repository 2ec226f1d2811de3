-- Card-number-like strings (Luhn-valid 13-19 digits, analytics/privacy/card-numbers.ts) found in free
-- text and replaced before it was kept: one row per save (or load) that redacted any, so an admin can
-- see how often it happens and where, without the numbers themselves ever being stored.
CREATE TABLE card_number_redactions (
  redacted_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  entity       VARCHAR NOT NULL,      -- note | evaluation | lost_call | annotation | call_exclusion | load
  entity_id    VARCHAR,
  field        VARCHAR NOT NULL,      -- text | comment | note | reason | ...
  redacted     INTEGER NOT NULL CHECK (redacted > 0),
  username     VARCHAR NOT NULL
);
