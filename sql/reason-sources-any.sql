-- Whether a load may give or change any call's reason: some reason is kept already, or a source of
-- one exists (queue_log reason lines loaded before or by this load — its lines of file $file_id past
-- $line_base —, CDR legs with a code in either column a reason may come from, a mapped CSV's reasons,
-- service requests). When none does, every call's reason is none before and after the load, so the
-- load skips working reasons out (a center whose exports carry no reasons pays nothing for them).
SELECT EXISTS (FROM call_reasons)
    OR EXISTS (FROM reason_lines)
    OR EXISTS (FROM service_requests)
    OR EXISTS (FROM mapped_reasons)
    OR EXISTS (FROM cdr_records WHERE nullif(trim(userfield), '') IS NOT NULL OR nullif(trim(accountcode), '') IS NOT NULL)
    -- the coded rows (migration 042), by the codes of the reason events: none known, nothing read
    OR EXISTS (SELECT 1 FROM queue_event_rows e
               WHERE e.event_code IN (SELECT n.code FROM queue_log_names n JOIN queue_event_types t ON t.event = n.name AND t.kind = 'reason')
                 AND e.file_id = $file_id AND e.line_no > $line_base) AS any_source;
