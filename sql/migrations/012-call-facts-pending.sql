-- Loads that changed calls since call_facts (011) was last brought up to date. The facts take seconds
-- to work out at a large center's size, so a load does not wait for them: in its own transaction it
-- notes where its changes start and the calls' count before and after it, and the facts catch up
-- afterwards, in a transaction of their own (analytics/call-facts.ts: catchUpCallFacts). Until
-- they have, the repeat rate and follow-up are counted from the calls, as always correct.
CREATE SEQUENCE call_facts_pending_ids START 1;

CREATE TABLE call_facts_pending (
  seq           BIGINT PRIMARY KEY DEFAULT nextval('call_facts_pending_ids'),
  since         TIMESTAMPTZ,     -- the earliest enter_ts the load deleted or inserted (null: not known)
  calls_before  BIGINT NOT NULL,
  calls_after   BIGINT NOT NULL
);
