-- The newest queue_log event loaded, as an ISO instant (null with none): when the log last grew.
-- (the events' stored rows, migration 042: their newest time from the table's statistics, no view)
SELECT strftime(max(ts) AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS ts FROM queue_event_rows;
