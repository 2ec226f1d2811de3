-- The numeric columns of the staged CDR legs (stage_cdr_named), judged against field_ranges
-- (ingest/field-ranges.ts) by sql/stage-reject-numbers.sql; a rejected value is then kept as missing
-- (sql/stage-cdr-numbers-clear.sql), so the leg still loads and its times come from its timestamps.
CREATE OR REPLACE TEMP TABLE stage_numbers AS
SELECT n.line_no, r.slot, r.field, r.min_value, r.max_value, r.whole, r.unit, r.why,
       CASE r.slot WHEN 'duration' THEN n.duration WHEN 'billsec' THEN n.billsec WHEN 'sequence' THEN n.sequence END AS value
FROM stage_cdr_named n JOIN field_ranges r ON r.source = 'cdr';
