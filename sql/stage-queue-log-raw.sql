-- Splits a raw Asterisk queue_log (epoch|callid|queue|agent|EVENT|data1|...|data5) into stage_rows.
-- $path is a file with LF line ends and valid UTF-8 (ingest/source-file.ts sees to that);
-- $line_base is the number of lines before it, so line_no is the line in the original file.
CREATE OR REPLACE TEMP TABLE stage_lines AS
SELECT raw
FROM read_csv($path, columns = {'raw': 'VARCHAR'}, delim = E'\x1e', quote = '', escape = '',
              header = false, auto_detect = false, new_line = '\n', strict_mode = false);

CREATE OR REPLACE TEMP TABLE stage_rows AS
WITH first AS (
  -- rowids count from wherever the transaction's storage starts, in file order: number from the first.
  SELECT min(rowid) AS r0 FROM stage_lines
), split AS (
  SELECT $line_base + (rowid - r0) + 1 AS line_no, raw, string_split(raw, '|') AS f
  FROM stage_lines, first
  WHERE raw IS NOT NULL AND trim(raw) <> ''
)
SELECT line_no, raw, len(f) AS nf,
       trim(f[1]) AS time_text, f[2] AS callid, f[3] AS queue, f[4] AS agent, f[5] AS event,
       f[6] AS data1, f[7] AS data2, f[8] AS data3, f[9] AS data4,
       CASE WHEN len(f) > 10 THEN array_to_string(f[10:], '|') ELSE f[10] END AS data5
FROM split;
