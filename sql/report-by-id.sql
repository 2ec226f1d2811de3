-- One stored report with its document (as JSON text).
SELECT id, version, CAST(document AS VARCHAR) AS document FROM reports WHERE id = $id;
