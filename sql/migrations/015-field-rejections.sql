-- Values a load rejected as outside their plausible range (ingest/field-ranges.ts: a wait longer than
-- a day, a negative duration, `inf`, text where a number belongs), each kept as missing in the call
-- it belongs to. Like quarantine, a rejection names its file and line; the Imports page and data
-- quality list them, and each load counts its own (load_runs.fields_rejected, `fields_rejected`).
CREATE TABLE field_rejections (
  file_id  INTEGER NOT NULL,
  line_no  BIGINT NOT NULL,
  field    VARCHAR NOT NULL,
  value    VARCHAR,
  reason   VARCHAR NOT NULL,
  run_id   INTEGER NOT NULL
);

-- Per load: the rejected values, and of calls_added the visits with no end yet (`calls_open` of `ingest --json`).
ALTER TABLE load_runs ADD COLUMN fields_rejected BIGINT DEFAULT 0;
ALTER TABLE load_runs ADD COLUMN calls_open BIGINT DEFAULT 0;

-- Calls loaded before the ranges were checked keep no implausible wait, talk or wrap-up either (the
-- same bound as ingest/field-ranges.ts, a day): each such value is recorded (run 0: this migration)
-- and kept as missing. If any was, the per-15-minute summary and the per-call facts are marked for a
-- full rebuild (their state no longer matches the calls), which the next load or catch-up does.
INSERT INTO field_rejections (file_id, line_no, field, value, reason, run_id)
SELECT file_id, line_no, f.field, CAST(f.v AS VARCHAR),
       'outside 0..86400 s (loaded before this check), kept as missing', 0
FROM (SELECT file_id, line_no, 'wait_s' AS field, wait_s AS v FROM calls
      UNION ALL SELECT file_id, line_no, 'talk_s', talk_s FROM calls
      UNION ALL SELECT file_id, line_no, 'wrap_s', wrap_s FROM calls) f
WHERE NOT (f.v BETWEEN 0 AND 86400);
UPDATE calls SET wait_s = NULL WHERE NOT (wait_s BETWEEN 0 AND 86400);
UPDATE calls SET talk_s = NULL WHERE NOT (talk_s BETWEEN 0 AND 86400);
UPDATE calls SET wrap_s = NULL WHERE NOT (wrap_s BETWEEN 0 AND 86400);
UPDATE call_slices_state SET calls = -1 WHERE EXISTS (SELECT 1 FROM field_rejections WHERE run_id = 0);
UPDATE call_facts_state SET calls = -1 WHERE EXISTS (SELECT 1 FROM field_rejections WHERE run_id = 0);
