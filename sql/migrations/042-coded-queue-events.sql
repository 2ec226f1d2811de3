-- queue_log events stored typed and dictionary-coded (issue 16, the ingest redesign). Writing every
-- event as 13 columns, seven of them text, was the largest step of a load: 4.5-5.9 s of CPU for the
-- 2.9M lines of a million calls, as much as DuckDB's own read_csv of the file. Measured on the same
-- rows: the names as small codes and the data fields as the one text they are on the line cost
-- 2.4 s; the five data fields as five columns alone cost 2.5.
--
-- queue_event_rows holds each event once: its time typed, its queue, agent and event names as codes
-- of queue_log_names (one dictionary for the three: a few hundred names), and its data fields as the
-- text after the event name on the line (data1|data2|...; data5 is the rest, '|' and all). Where that
-- text would not give the fields back (a table export's field holding a '|', a field missing before
-- one present, a number erased from the middle), `data` is null and the fields are kept one by one in
-- data1..data5. The view queue_events gives every reader the rows as before (the same columns, names
-- and types); writers (the loader, records retention, erasing a number, the reason events) write
-- queue_event_rows.
CREATE TABLE queue_log_names (
  code  INTEGER NOT NULL,          -- 1, 2, 3 ... in the order the names were first loaded
  name  VARCHAR NOT NULL
);

CREATE TABLE queue_event_rows (
  file_id     INTEGER NOT NULL,
  line_no     BIGINT NOT NULL,
  ts          TIMESTAMPTZ NOT NULL,
  callid      VARCHAR,
  queue_code  INTEGER,             -- queue_log_names.code; null: no queue
  agent_code  INTEGER,
  event_code  INTEGER NOT NULL,
  data        VARCHAR,             -- data1..data5 joined by '|' (null: no data field, or see data1..data5)
  data1       VARCHAR,             -- only where `data` could not hold the fields
  data2       VARCHAR,
  data3       VARCHAR,
  data4       VARCHAR,
  data5       VARCHAR,
  known       BOOLEAN NOT NULL
);

INSERT INTO queue_log_names
SELECT CAST(row_number() OVER (ORDER BY name) AS INTEGER), name
FROM (SELECT queue AS name FROM queue_events UNION SELECT agent FROM queue_events UNION SELECT event FROM queue_events)
WHERE name IS NOT NULL;

-- data1..data5 as the one text `data`, or null where joining them by '|' would not give them back
-- (a '|' inside data1..data4, a field missing before one present) or there is none (the loader,
-- ingest/queue-log-publish.ts, writes `data` by the same macro).
CREATE MACRO queue_event_data_joinable(d1, d2, d3, d4, d5) AS
  NOT (contains(COALESCE(d1, ''), '|') OR contains(COALESCE(d2, ''), '|') OR contains(COALESCE(d3, ''), '|')
       OR contains(COALESCE(d4, ''), '|'))
  AND (d1 IS NOT NULL OR d2 IS NULL) AND (d2 IS NOT NULL OR d3 IS NULL)
  AND (d3 IS NOT NULL OR d4 IS NULL) AND (d4 IS NOT NULL OR d5 IS NULL);
CREATE MACRO queue_event_data(d1, d2, d3, d4, d5) AS
  CASE WHEN d1 IS NOT NULL AND queue_event_data_joinable(d1, d2, d3, d4, d5) THEN concat_ws('|', d1, d2, d3, d4, d5) END;

INSERT INTO queue_event_rows
SELECT e.file_id, e.line_no, e.ts, e.callid, q.code, a.code, v.code,
       d, CASE WHEN d IS NULL THEN e.data1 END, CASE WHEN d IS NULL THEN e.data2 END, CASE WHEN d IS NULL THEN e.data3 END,
       CASE WHEN d IS NULL THEN e.data4 END, CASE WHEN d IS NULL THEN e.data5 END,
       e.known
FROM (SELECT *, queue_event_data(data1, data2, data3, data4, data5) AS d FROM queue_events) e
LEFT JOIN queue_log_names q ON q.name = e.queue
LEFT JOIN queue_log_names a ON a.name = e.agent
JOIN queue_log_names v ON v.name = e.event
ORDER BY e.file_id, e.line_no;

DROP TABLE queue_events;

-- A data field of a row: data1..data4 (n = 1..4) or the rest (data5), from the split of `data`
-- (`parts`, string_split(data, '|'); null when the fields are kept apart) or the field kept apart.
-- The view below reads every row through them; a query that reads a few rows' fields from
-- queue_event_rows itself (sql/derive-rep-states.sql) splits only those rows.
CREATE MACRO queue_event_field(parts, field, n) AS CASE WHEN parts IS NULL THEN field ELSE parts[n] END;
CREATE MACRO queue_event_rest(parts, field) AS
  CASE WHEN parts IS NULL THEN field WHEN len(parts) >= 5 THEN array_to_string(parts[5:], '|') END;

-- The events as every reader knows them. A name is its code joined to queue_log_names (a few
-- hundred rows: a filter on a name becomes a filter on the codes as the rows are read).
CREATE VIEW queue_events AS
SELECT r.file_id, r.line_no, r.ts, r.callid, q.name AS queue, a.name AS agent, v.name AS event,
       queue_event_field(r.parts, r.data1, 1) AS data1,
       queue_event_field(r.parts, r.data2, 2) AS data2,
       queue_event_field(r.parts, r.data3, 3) AS data3,
       queue_event_field(r.parts, r.data4, 4) AS data4,
       queue_event_rest(r.parts, r.data5) AS data5,
       r.known
FROM (SELECT *, string_split(data, '|') AS parts FROM queue_event_rows) r
LEFT JOIN queue_log_names q ON q.code = r.queue_code
LEFT JOIN queue_log_names a ON a.code = r.agent_code
JOIN queue_log_names v ON v.code = r.event_code;

-- The events whose kind (queue_event_types) is one of `kinds`, with that kind: the rows are chosen
-- by their event's code before any name is joined or data field split, where a join of the view to
-- queue_event_types would split every row's data first (DuckDB computes a view's columns below the
-- joins above it): the reason lines of a load, the member and pause events of its agents, a
-- callid's visit events (0.6 s of CPU for every event of 1M calls through the view, 0.05 s here).
CREATE MACRO queue_events_of_kinds(kinds) AS TABLE
SELECT r.file_id, r.line_no, r.ts, r.callid, q.name AS queue, a.name AS agent, v.name AS event, t.kind,
       queue_event_field(string_split(r.data, '|'), r.data1, 1) AS data1,
       queue_event_field(string_split(r.data, '|'), r.data2, 2) AS data2,
       queue_event_field(string_split(r.data, '|'), r.data3, 3) AS data3,
       queue_event_field(string_split(r.data, '|'), r.data4, 4) AS data4,
       queue_event_rest(string_split(r.data, '|'), r.data5) AS data5,
       r.known
FROM queue_event_rows r
JOIN queue_log_names v ON v.code = r.event_code
JOIN queue_event_types t ON t.event = v.name
LEFT JOIN queue_log_names q ON q.code = r.queue_code
LEFT JOIN queue_log_names a ON a.code = r.agent_code
WHERE r.event_code IN (SELECT n.code FROM queue_log_names n JOIN queue_event_types k ON k.event = n.name
                       WHERE list_contains(kinds, k.kind));
