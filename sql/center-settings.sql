-- Center-wide settings as key/value (value is JSON text).
SELECT key, CAST(value AS VARCHAR) AS value FROM settings ORDER BY key;
