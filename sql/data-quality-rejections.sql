-- Values rejected as implausible (field_rejections: outside their range in ingest/field-ranges.ts),
-- each with its file, line, field, value and reason: the whole database, newest loads first, at most
-- $limit rows (the count of all of them comes with each row).
SELECT COALESCE(f.path, '(file ' || r.file_id || ')') AS path,
       CAST(r.line_no AS INTEGER) AS line_no,
       r.field,
       r.value,
       r.reason,
       CAST(count(*) OVER () AS INTEGER) AS total
FROM field_rejections r
LEFT JOIN source_files f ON f.file_id = r.file_id
ORDER BY r.run_id DESC, path, r.line_no, r.field
LIMIT $limit;
