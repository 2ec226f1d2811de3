-- Judges the numbers of staged values (the temp table stage_numbers: line_no, slot, value, min_value,
-- max_value, whole, unit, why, field, as each format's staging lists them from field_ranges, made by
-- ingest/field-ranges.ts) and adds those outside their plausible range to stage_rejected: not a
-- number, not finite, not whole where it must be, below the minimum or above the maximum. The
-- format's staging then keeps each rejected value as missing. An empty value is missing, not
-- rejected.
INSERT INTO stage_rejected
SELECT line_no, slot, field, left(value, 200) AS value,
  CASE WHEN x IS NULL THEN 'not a number'
       WHEN NOT isfinite(x) THEN 'not a finite number'
       WHEN whole AND x <> floor(x) THEN 'not a whole number'
       WHEN x < min_value THEN 'below ' || CAST(min_value AS BIGINT) || (CASE WHEN unit = '' THEN '' ELSE ' ' || unit END)
       ELSE 'above ' || CAST(CAST(max_value AS BIGINT) AS VARCHAR) || (CASE WHEN unit = '' THEN '' ELSE ' ' || unit END) || ' (' || why || ')'
  END || ', kept as missing' AS reason
FROM (SELECT *, TRY_CAST(trim(value) AS DOUBLE) AS x FROM stage_numbers WHERE nullif(trim(value), '') IS NOT NULL)
WHERE x IS NULL OR NOT isfinite(x) OR (whole AND x <> floor(x)) OR x < min_value OR x > max_value;
