-- One annotation by id (deleted ones too: deleted_at says so).
SELECT id, strftime(day, '%Y-%m-%d') AS date, text, author,
       strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at,
       strftime(deleted_at, '%Y-%m-%dT%H:%M:%SZ') AS deleted_at
FROM annotations WHERE id = $id;
