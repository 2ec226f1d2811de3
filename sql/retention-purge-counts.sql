-- How many records of each kind the planned purge removes (sql/retention-purge-plan.sql made the
-- temp tables); raw events count queue_log and CDR lines and quarantined lines, caller numbers the
-- calls that keep their record but lose the number.
SELECT (SELECT count(*) FROM purge_events) + (SELECT count(*) FROM purge_cdr)
         + (SELECT count(*) FROM quarantine WHERE run_id IN (SELECT run_id FROM purge_runs)) AS raw_events,
       (SELECT count(*) FROM purge_calls) AS calls,
       (SELECT count(*) FROM purge_numbers) AS caller_numbers,
       (SELECT count(*) FROM purge_notes) AS notes,
       (SELECT count(*) FROM purge_evaluations) AS evaluations,
       (SELECT count(*) FROM purge_audit) AS audit_log,
       (SELECT count(*) FROM purge_reports) AS reports,
       (SELECT count(*) FROM purge_held_calls) AS held_calls;
