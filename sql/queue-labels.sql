-- The display name of every queue that has one (queue settings' label): pages show it wherever a
-- queue is named, the queue's own name where there is none (app/lib/shell/queue-label.ts).
SELECT queue, label
FROM queue_settings
WHERE label IS NOT NULL AND trim(label) <> ''
ORDER BY queue;
