-- Annotations on the local dates $from..$to (inclusive), not deleted, oldest day first.
SELECT id, strftime(day, '%Y-%m-%d') AS date, text, author,
       strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at
FROM annotations
WHERE deleted_at IS NULL AND day BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
ORDER BY day, id;
