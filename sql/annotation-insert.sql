-- A new annotation on a local date; answers its id.
INSERT INTO annotations (day, text, author_id, author)
VALUES (CAST($date AS DATE), $text, $author_id, $author)
RETURNING id;
