-- The newest queue_log event loaded, as an ISO instant (null with none): when the log last grew.
SELECT strftime(max(ts) AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS ts FROM queue_events;
