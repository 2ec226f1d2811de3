-- Quality evaluations with their form's name, the call (queue, local time in $tz) and the rep's name,
-- newest call first. Filters (NULL = any): $id (one evaluation), $rep (rep id), $form_id, $call_file_id
-- and $call_line_no (one call), $from and $to (local dates of the call, $to inclusive). Deleted ones
-- only when $include_deleted. At most $limit rows.
WITH picked AS (
  SELECT e.*
  FROM quality_evaluations e
  WHERE (CAST($id AS INTEGER) IS NULL OR e.id = CAST($id AS INTEGER))
    AND (CAST($rep AS VARCHAR) IS NULL OR e.rep_id = CAST($rep AS VARCHAR))
    AND (CAST($form_id AS INTEGER) IS NULL OR e.form_id = CAST($form_id AS INTEGER))
    AND (CAST($call_file_id AS INTEGER) IS NULL
         OR (e.call_file_id = CAST($call_file_id AS INTEGER) AND e.call_line_no = CAST($call_line_no AS BIGINT)))
    AND (CAST($from AS DATE) IS NULL OR e.call_enter_ts >= local_day_start($tz, $from))
    AND (CAST($to AS DATE) IS NULL OR e.call_enter_ts < local_day_end($tz, $to))
    AND ($include_deleted OR e.deleted_at IS NULL)
)
SELECT e.id, e.form_id, v.name AS form_name, e.form_version,
       e.call_file_id || '-' || e.call_line_no AS call_id,
       strftime(timezone($tz, e.call_enter_ts), '%Y-%m-%dT%H:%M:%S') AS call_entered,
       c.queue, c.caller, c.talk_s,
       e.rep_id, COALESCE(p.name, e.agent) AS rep, e.agent,
       CAST(e.answers AS VARCHAR) AS answers, e.comment, e.score, e.critical_failed,
       e.evaluator, e.version,
       strftime(e.created_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS created_at,
       strftime(e.updated_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS updated_at,
       strftime(e.deleted_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS deleted_at
FROM picked e
JOIN quality_form_versions v ON v.form_id = e.form_id AND v.version = e.form_version
LEFT JOIN calls c ON c.file_id = e.call_file_id AND c.line_no = e.call_line_no
LEFT JOIN (SELECT rep_id, any_value(name ORDER BY interface) AS name FROM roster GROUP BY rep_id) p ON p.rep_id = e.rep_id
ORDER BY e.call_enter_ts DESC, e.id DESC
LIMIT $limit;
