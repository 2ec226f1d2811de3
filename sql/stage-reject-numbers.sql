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
FROM (
  -- DuckDB's cast skips ASCII blanks itself, so trim() (costly: it walks Unicode) runs only for a
  -- value the plain cast refuses; where the plain cast succeeds, both give the same number.
  SELECT *, COALESCE(x_plain, TRY_CAST(trim(value) AS DOUBLE)) AS x
  FROM (SELECT *, TRY_CAST(value AS DOUBLE) AS x_plain FROM stage_numbers WHERE value <> '')
  WHERE x_plain IS NULL OR NOT (isfinite(x_plain) AND x_plain >= min_value AND x_plain <= max_value)
     OR (whole AND x_plain <> floor(x_plain))
)
WHERE (x_plain IS NOT NULL OR trim(value) <> '')
  AND (x IS NULL OR NOT isfinite(x) OR (whole AND x <> floor(x)) OR x < min_value OR x > max_value);
