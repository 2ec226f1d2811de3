-- Lines that could not be loaded, per source file and problem field (the whole database: quarantined
-- lines have no trustworthy time), with the first such line as an example.
SELECT COALESCE(f.path, '(file ' || q.file_id || ')') AS path,
       f.format,
       q.field,
       CAST(count(*) AS INTEGER) AS lines,
       CAST(min(q.line_no) AS INTEGER) AS first_line,
       arg_min(q.reason, q.line_no) AS example_reason,
       arg_min(left(q.raw, 200), q.line_no) AS example_raw
FROM quarantine q
LEFT JOIN source_files f ON f.file_id = q.file_id
GROUP BY ALL
ORDER BY path, first_line;
