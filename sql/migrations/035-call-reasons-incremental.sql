-- Call reasons kept up to date load by load (sql/reasons-scope-load.sql, sql/refresh-call-reasons.sql)
-- instead of rebuilt whole after every load: each row carries what finds it again cheaply.
--   call_reasons.callid          the call's callid: when a load derives that callid's visits again,
--                                its rows go and are worked out afresh (a visit may have gone);
--   service_requests.caller_key  number_key_of(caller), kept so matching never recomputes it;
--   service_requests.call_callid the matched call's callid: a load that derives it again matches
--                                the request again.
ALTER TABLE call_reasons ADD COLUMN callid VARCHAR;
ALTER TABLE service_requests ADD COLUMN caller_key VARCHAR;
ALTER TABLE service_requests ADD COLUMN call_callid VARCHAR;

UPDATE call_reasons r SET callid = v.callid
FROM (SELECT file_id, line_no, callid FROM calls UNION ALL SELECT file_id, line_no, callid FROM excluded_calls) v
WHERE v.file_id = r.file_id AND v.line_no = r.line_no;
DELETE FROM call_reasons WHERE callid IS NULL; -- the reason of a call no longer there

UPDATE service_requests SET caller_key = number_key_of(caller) WHERE caller IS NOT NULL;
UPDATE service_requests s SET call_callid = v.callid
FROM (SELECT file_id, line_no, callid FROM calls UNION ALL SELECT file_id, line_no, callid FROM excluded_calls) v
WHERE v.file_id = s.call_file_id AND v.line_no = s.call_line_no;

-- A code's catalogue entry as it was at `at_ts` (reason_catalogue_history): the version in force then;
-- for a time before the code was first named, its first version (naming a code names its past). So a
-- renamed code keeps its past name in the figures of periods that ended before the rename. NULL: a
-- code the catalogue never named (shown as itself).
-- (An entry written without history rows, straight into reason_catalogue, counts as always so.)
CREATE MACRO reason_entry_at(c, at_ts) AS COALESCE(
  (SELECT {'name': h.name, 'reason_group': h.reason_group}
   FROM reason_catalogue_history h
   WHERE h.code = c
   ORDER BY (h.valid_from <= at_ts) DESC, CASE WHEN h.valid_from <= at_ts THEN h.valid_from END DESC NULLS LAST, h.valid_from
   LIMIT 1),
  (SELECT {'name': k.name, 'reason_group': k.reason_group} FROM reason_catalogue k WHERE k.code = c)
);
