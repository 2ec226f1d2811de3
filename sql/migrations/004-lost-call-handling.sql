-- Lost callers the lead has dealt with by hand (called back from a desk phone, answered by e-mail,
-- or judged to need nothing), with a note, by whom and when. Follow-up from the data itself (the
-- caller got through, or a call-back was answered) is worked out by sql/lost-call-follow-up.sql and
-- is not stored. One row per lost queue visit, named as analytics/follow-up.ts lists it (callid and
-- queue); reopening deletes the row. Every change is in audit_log (entity 'lost_call'), before and after.
CREATE TABLE lost_call_handling (
  callid         VARCHAR NOT NULL,
  queue          VARCHAR NOT NULL,
  note           VARCHAR NOT NULL,
  handled_by_id  INTEGER,                   -- users.id (null for the command line)
  handled_by     VARCHAR NOT NULL,          -- the username at the time
  handled_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (callid, queue)
);
