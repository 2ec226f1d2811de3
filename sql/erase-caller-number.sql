-- "Erase this number": one caller's number ($key, number_key_of of migration 010) removed from every
-- place it is kept, inside the caller's transaction (app/server/privacy/erase-number.ts):
-- the calls (their caller becomes NULL: the calls stay in every volume and service figure, as calls
-- from a withheld number), the raw queue_log events and CDR legs that carry it (those fields become
-- NULL), the per-call facts (no number: no repeat or follow-up match, as the calls now say), and
-- every free text holding one of its written forms $variants (quarantined lines, notes and their
-- versions, lost-call handling notes, evaluation comments, annotations, audit entries): replaced by
-- $replacement. Running it again finds nothing and changes nothing.
CREATE OR REPLACE TEMP TABLE erase_callids AS
  SELECT callid FROM calls WHERE number_key_of(caller) = $key
  UNION SELECT callid FROM excluded_calls WHERE number_key_of(caller) = $key;

UPDATE calls SET caller = NULL WHERE number_key_of(caller) = $key;
UPDATE excluded_calls SET caller = NULL WHERE number_key_of(caller) = $key;
-- Service requests (migration 033) lose the number too; one already matched to a call keeps its match.
UPDATE service_requests SET caller = NULL, caller_key = NULL WHERE caller_key = $key;

-- (queue_events is a view: the rows are queue_event_rows, migration 042, each field then kept on its own)
UPDATE queue_event_rows r SET
  data = NULL,
  data1 = CASE WHEN length(digits_of(e.data1)) >= 7 AND number_key_of(e.data1) = $key THEN NULL ELSE e.data1 END,
  data2 = CASE WHEN length(digits_of(e.data2)) >= 7 AND number_key_of(e.data2) = $key THEN NULL ELSE e.data2 END,
  data3 = CASE WHEN length(digits_of(e.data3)) >= 7 AND number_key_of(e.data3) = $key THEN NULL ELSE e.data3 END,
  data4 = CASE WHEN length(digits_of(e.data4)) >= 7 AND number_key_of(e.data4) = $key THEN NULL ELSE e.data4 END,
  data5 = CASE WHEN length(digits_of(e.data5)) >= 7 AND number_key_of(e.data5) = $key THEN NULL ELSE e.data5 END
FROM queue_events e
WHERE e.file_id = r.file_id AND e.line_no = r.line_no AND e.callid IN (FROM erase_callids);

UPDATE cdr_records SET
  src = CASE WHEN length(digits_of(src)) >= 7 AND number_key_of(src) = $key THEN NULL ELSE src END,
  dst = CASE WHEN length(digits_of(dst)) >= 7 AND number_key_of(dst) = $key THEN NULL ELSE dst END,
  clid = CASE WHEN length(digits_of(clid)) >= 7 AND number_key_of(clid) = $key THEN NULL ELSE clid END,
  lastdata = CASE WHEN length(digits_of(lastdata)) >= 7 AND number_key_of(lastdata) = $key THEN NULL ELSE lastdata END
WHERE list_bool_or(list_transform([src, dst, clid, lastdata], lambda d: length(digits_of(d)) >= 7 AND number_key_of(d) = $key));

UPDATE call_facts SET number_key = NULL, prev_call_ts = NULL WHERE number_key = $key;
DELETE FROM lost_call_facts WHERE number_key = $key;

-- Free text: every written form replaced (list_reduce applies each replace in turn).
UPDATE quarantine SET raw = list_reduce(list_prepend(raw, CAST($variants AS VARCHAR[])), lambda acc, v: replace(acc, v, $replacement))
WHERE list_bool_or(list_transform(CAST($variants AS VARCHAR[]), lambda v: contains(raw, v)));
UPDATE notes SET text = list_reduce(list_prepend(text, CAST($variants AS VARCHAR[])), lambda acc, v: replace(acc, v, $replacement))
WHERE list_bool_or(list_transform(CAST($variants AS VARCHAR[]), lambda v: contains(text, v)));
UPDATE note_versions SET text = list_reduce(list_prepend(text, CAST($variants AS VARCHAR[])), lambda acc, v: replace(acc, v, $replacement))
WHERE list_bool_or(list_transform(CAST($variants AS VARCHAR[]), lambda v: contains(text, v)));
UPDATE lost_call_handling SET note = list_reduce(list_prepend(note, CAST($variants AS VARCHAR[])), lambda acc, v: replace(acc, v, $replacement))
WHERE list_bool_or(list_transform(CAST($variants AS VARCHAR[]), lambda v: contains(note, v)));
UPDATE quality_evaluations SET comment = list_reduce(list_prepend(comment, CAST($variants AS VARCHAR[])), lambda acc, v: replace(acc, v, $replacement))
WHERE list_bool_or(list_transform(CAST($variants AS VARCHAR[]), lambda v: contains(comment, v)));
UPDATE annotations SET text = list_reduce(list_prepend(text, CAST($variants AS VARCHAR[])), lambda acc, v: replace(acc, v, $replacement))
WHERE list_bool_or(list_transform(CAST($variants AS VARCHAR[]), lambda v: contains(text, v)));
UPDATE audit_log SET
  entity_id = list_reduce(list_prepend(entity_id, CAST($variants AS VARCHAR[])), lambda acc, v: replace(acc, v, $replacement)),
  before = CAST(list_reduce(list_prepend(CAST(before AS VARCHAR), CAST($variants AS VARCHAR[])), lambda acc, v: replace(acc, v, $replacement)) AS JSON),
  after = CAST(list_reduce(list_prepend(CAST(after AS VARCHAR), CAST($variants AS VARCHAR[])), lambda acc, v: replace(acc, v, $replacement)) AS JSON)
WHERE list_bool_or(list_transform(CAST($variants AS VARCHAR[]), lambda v: contains(COALESCE(CAST(before AS VARCHAR), '') || COALESCE(CAST(after AS VARCHAR), '') || COALESCE(entity_id, ''), v)));

DROP TABLE erase_callids;
