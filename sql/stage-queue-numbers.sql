-- The numeric data fields of the staged queue_log lines (stage_events, Asterisk's positions, whichever
-- of the three shapes they came from), judged against field_ranges (ingest/field-ranges.ts) by
-- sql/stage-reject-numbers.sql, which records the rejected ones. queue_events keeps every line as
-- read; the visits count a number only within the same bounds (plausible_duration_s in
-- sql/visit-calls.sql and the ring times of sql/derive-*-visits.sql), so a rejected wait or talk
-- comes from the events' timestamps as the definitions say. ATTENDEDTRANSFER|LINK|chan|chan|
-- holdtime|calltime... has its numbers one place later: not judged (the visit reads no number from it).
-- A view, not a table: a million calls give about four million numbers, nearly all plausible, and
-- sql/stage-reject-numbers.sql keeps only the rejected ones (the label `field` is made for those
-- alone), and only lines the quick test (queue_log_numbers_plain) cannot clear are joined to
-- field_ranges at all. Materialising every number with its label cost as much as reading the whole file.
CREATE OR REPLACE TEMP VIEW stage_numbers AS
SELECT e.line_no, r.slot, r.field || ' (' || e.event || ' ' || r.slot || ')' AS field, r.min_value, r.max_value, r.whole, r.unit, r.why,
       CASE r.slot WHEN 'data1' THEN e.data1 WHEN 'data2' THEN e.data2 WHEN 'data3' THEN e.data3
                   WHEN 'data4' THEN e.data4 WHEN 'data5' THEN e.data5 END AS value
FROM stage_events e JOIN field_ranges r ON r.source = 'queue_log' AND r.event = e.event
WHERE e.field IS NULL AND NOT (e.event = 'ATTENDEDTRANSFER' AND e.data1 = 'LINK')
  -- the quick test first (ingest/field-ranges.ts): a line whose numbers are plainly in range
  -- (nearly all) is never made into rows
  AND NOT queue_log_numbers_plain(e.event, e.data1, e.data2, e.data3, e.data4, e.data5);
