-- Where one caller's number appears, before "erase this number" (sql/erase-caller-number.sql):
-- rows per table whose number field has the key $key (number_key_of, migration 010), and rows of
-- free text holding one of the number's written forms $variants (VARCHAR[], each 7+ digits).
WITH erased_calls AS (
  SELECT callid FROM calls WHERE number_key_of(caller) = $key
  UNION SELECT callid FROM excluded_calls WHERE number_key_of(caller) = $key
)
SELECT
  (SELECT CAST(count(*) AS INTEGER) FROM calls WHERE number_key_of(caller) = $key) AS calls,
  (SELECT CAST(count(*) AS INTEGER) FROM excluded_calls WHERE number_key_of(caller) = $key) AS excluded_calls,
  (SELECT CAST(count(*) AS INTEGER) FROM queue_events
    WHERE callid IN (FROM erased_calls)
      AND list_bool_or(list_transform([data1, data2, data3, data4, data5],
            lambda d: length(digits_of(d)) >= 7 AND number_key_of(d) = $key))) AS queue_events,
  (SELECT CAST(count(*) AS INTEGER) FROM cdr_records
    WHERE list_bool_or(list_transform([src, dst, clid, lastdata],
            lambda d: length(digits_of(d)) >= 7 AND number_key_of(d) = $key))) AS cdr_records,
  (SELECT CAST(count(*) AS INTEGER) FROM call_facts WHERE number_key = $key) AS call_facts,
  (SELECT CAST(count(*) AS INTEGER) FROM lost_call_facts WHERE number_key = $key) AS lost_call_facts,
  (SELECT CAST(count(*) AS INTEGER) FROM quarantine WHERE list_bool_or(list_transform(CAST($variants AS VARCHAR[]), lambda v: contains(raw, v)))) AS quarantine,
  (SELECT CAST(count(*) AS INTEGER) FROM notes WHERE list_bool_or(list_transform(CAST($variants AS VARCHAR[]), lambda v: contains(text, v))))
  + (SELECT CAST(count(*) AS INTEGER) FROM note_versions WHERE list_bool_or(list_transform(CAST($variants AS VARCHAR[]), lambda v: contains(text, v)))) AS notes,
  (SELECT CAST(count(*) AS INTEGER) FROM lost_call_handling WHERE list_bool_or(list_transform(CAST($variants AS VARCHAR[]), lambda v: contains(note, v)))) AS lost_call_handling,
  (SELECT CAST(count(*) AS INTEGER) FROM quality_evaluations WHERE list_bool_or(list_transform(CAST($variants AS VARCHAR[]), lambda v: contains(comment, v)))) AS evaluations,
  (SELECT CAST(count(*) AS INTEGER) FROM annotations WHERE list_bool_or(list_transform(CAST($variants AS VARCHAR[]), lambda v: contains(text, v)))) AS annotations,
  (SELECT CAST(count(*) AS INTEGER) FROM audit_log
    WHERE list_bool_or(list_transform(CAST($variants AS VARCHAR[]), lambda v: contains(COALESCE(CAST(before AS VARCHAR), '') || COALESCE(CAST(after AS VARCHAR), '') || COALESCE(entity_id, ''), v)))) AS audit_log;
