-- Reads a raw Asterisk queue_log (epoch|callid|queue|agent|EVENT|data1|...|data5) into stage_lines,
-- one row per line in file order (a blank line is a NULL row, so rows count lines), and defines the
-- view stage_input that splits them for sql/stage-queue-events.sql.
-- $path is a file with LF line ends and valid UTF-8 (ingest/source-file.ts sees to that);
-- $line_base is the number of lines before it, so line_no is the line in the original file.
--
-- Speed (a year of a large center is 30M lines): the split is a view, read once by
-- sql/stage-queue-events.sql; trim() is costly (it walks Unicode), so a line of plain ASCII without
-- spaces, which has nothing to trim, skips it. trim() removes exactly the Unicode space separators
-- (Zs): in ASCII only ' '.
CREATE OR REPLACE TEMP TABLE stage_lines AS
SELECT raw
FROM read_csv($path, columns = {'raw': 'VARCHAR'}, delim = E'\x1e', quote = '', escape = '',
              header = false, auto_detect = false, new_line = '\n', strict_mode = false);

-- rowids count from wherever the transaction's storage starts, in file order: number from the first.
-- (Session variables, not parameters: a view cannot hold parameters; getvariable() is a constant.)
SET VARIABLE stage_first_rowid = (SELECT min(rowid) FROM stage_lines);
SET VARIABLE stage_line_base = CAST($line_base AS BIGINT);

CREATE OR REPLACE TEMP VIEW stage_input AS
WITH split AS (
  SELECT rowid - getvariable('stage_first_rowid') + getvariable('stage_line_base') + 1 AS line_no,
         raw, string_split(raw, '|') AS f,
         NOT contains(raw, ' ') AND length(raw) = strlen(raw) AS plain
  FROM stage_lines
  -- not blank: a line starting with a visible ASCII character needs no trim() to tell
  WHERE CASE WHEN raw >= '!' AND raw < '~' THEN true ELSE trim(raw) <> '' END
)
SELECT line_no, raw, len(f) AS nf,
       CASE WHEN plain THEN f[1] ELSE trim(f[1]) END AS time_text,
       CASE WHEN plain THEN f[2] ELSE trim(f[2]) END AS callid,
       CASE WHEN plain THEN f[3] ELSE trim(f[3]) END AS queue,
       CASE WHEN plain THEN f[4] ELSE trim(f[4]) END AS agent,
       f[5] AS event,
       upper(CASE WHEN plain THEN f[5] ELSE trim(f[5]) END) AS ev,
       f[6] AS data1, f[7] AS data2, f[8] AS data3, f[9] AS data4,
       CASE WHEN len(f) > 10 THEN array_to_string(f[10:], '|') ELSE f[10] END AS data5,
       -- split from the line: joined by '|' they are its text again (sql/publish-queue-events.sql)
       true AS fields_from_line
FROM split;
