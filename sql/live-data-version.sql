-- What the live feed compares to know the data changed: the newest load and the lines loaded so far.
SELECT CAST(COALESCE((SELECT max(run_id) FROM load_runs), 0) AS BIGINT) AS run_id,
       CAST(COALESCE((SELECT sum(lines_loaded) FROM source_files), 0) AS BIGINT) AS lines_loaded,
       CAST(COALESCE((SELECT count(*) FROM call_exclusions), 0) AS BIGINT) AS exclusions;
