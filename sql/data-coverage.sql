-- The local dates each loaded file's data spans in zone $tz: from the day of its first event (a
-- queue_log line, or a call for a CDR or CSV file) to the day of its last. A day inside a span is
-- covered even when no call came (a closed Sunday is a real zero); a day outside every span has no
-- data (trends draw a gap there, not a zero).
SELECT file_id,
       CAST(CAST(timezone($tz, min(first_ts)) AS DATE) AS VARCHAR) AS first_date,
       CAST(CAST(timezone($tz, max(last_ts)) AS DATE) AS VARCHAR) AS last_date
FROM (
  -- the events' stored rows (migration 042): time and file need no view
  SELECT file_id, min(ts) AS first_ts, max(ts) AS last_ts FROM queue_event_rows GROUP BY file_id
  UNION ALL
  SELECT file_id, min(enter_ts), max(enter_ts) FROM calls GROUP BY file_id
  UNION ALL
  -- records retention (migration 031): the spans of files whose lines a purge removed
  SELECT file_id, first_ts, last_ts FROM retention_spans
)
GROUP BY file_id
ORDER BY first_date, file_id;
