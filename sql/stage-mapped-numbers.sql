-- The numbers of the mapped CSV rows (stage_mapped, each also as text: wait_s_text ...), judged
-- against field_ranges (ingest/field-ranges.ts) by sql/stage-reject-numbers.sql; a rejected value is
-- then kept as missing (sql/stage-mapped-numbers-clear.sql), and the call's wait or talk comes from
-- its timestamps where it has them (ingest/load.ts, publishMapped).
CREATE OR REPLACE TEMP TABLE stage_numbers AS
SELECT m.line_no, r.slot, r.field, r.min_value, r.max_value, r.whole, r.unit, r.why,
       CASE r.slot WHEN 'wait_s' THEN m.wait_s_text WHEN 'talk_s' THEN m.talk_s_text WHEN 'wrap_s' THEN m.wrap_s_text
                   WHEN 'ring_no_answer' THEN m.ring_no_answer_text END AS value
FROM stage_mapped m JOIN field_ranges r ON r.source = 'csv'
WHERE m.skip_reason IS NULL; -- rows a mapping skips are not calls: nothing of theirs is judged
