-- Per-call facts the repeat rate and lost-call follow-up are counted from, whatever their windows:
-- they depend on no setting, so they are kept up to date inside each load's transaction
-- (sql/refresh-call-facts.sql, analytics/call-facts.ts) and a quarter's figures are sums over them
-- instead of every caller's calls matched against each other. Like call_slices (008),
-- call_facts_state says what they were built from, and a query reads them only while that holds.
--
-- call_facts, one row per call:
--   number_key        number_key_of(caller) (010); null: no number, never matches.
--   prev_call_ts      inbound calls: the latest earlier inbound call (enter_ts strictly before) of the
--                     same number under another callid, when at most 90 days before (the longest
--                     repeat window repeat-callers.ts accepts); an answered call is a repeat within a
--                     window W when prev_call_ts >= enter_ts - W.
--   odd               a call whose times would let lost_calls_followed's contact search (a day around
--                     the range) give another answer than the first contact: an answer time before
--                     its entry or 20 hours or more after it, or a lost call lost before it entered
--                     or 20 hours or more after. While any call is odd, follow-up is counted the long way.
CREATE TABLE call_facts (
  file_id           INTEGER NOT NULL,
  line_no           BIGINT NOT NULL,
  enter_ts          TIMESTAMPTZ NOT NULL,
  number_key        VARCHAR,
  prev_call_ts      TIMESTAMPTZ,
  odd               BOOLEAN NOT NULL
);

-- One row per lost inbound call (abandoned or timed out) with a number: first_contact_at, the first
-- answered contact of the number (its own inbound call answered, or an outbound call to it answered)
-- at or after the moment it was lost, when at most 30 days after (the longest follow-up window
-- follow-up.ts accepts), as lost_calls_followed (010) times them.
CREATE TABLE lost_call_facts (
  file_id           INTEGER NOT NULL,
  line_no           BIGINT NOT NULL,
  enter_ts          TIMESTAMPTZ NOT NULL,
  number_key        VARCHAR NOT NULL,
  first_contact_at  TIMESTAMPTZ
);

CREATE TABLE call_facts_state (
  calls         BIGINT NOT NULL,     -- rows in calls when the facts were last brought up to date
  odd_calls     BIGINT NOT NULL,     -- call_facts rows marked odd then
  refreshed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
