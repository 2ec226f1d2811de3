-- The ways one caller's number ($key, number_key_of) is written in the loaded data: each distinct
-- caller, CDR src/dst and queue_log data field that keys to it (7+ digits). "Erase this number"
-- scrubs every one of them from free text too (sql/erase-caller-number.sql).
WITH erased_calls AS (
  SELECT callid FROM calls WHERE number_key_of(caller) = $key
  UNION SELECT callid FROM excluded_calls WHERE number_key_of(caller) = $key
),
written AS (
  SELECT caller AS v FROM calls WHERE number_key_of(caller) = $key
  UNION SELECT caller FROM excluded_calls WHERE number_key_of(caller) = $key
  UNION SELECT unnest([src, dst]) FROM cdr_records WHERE number_key_of(src) = $key OR number_key_of(dst) = $key
  UNION SELECT unnest([data1, data2, data3, data4, data5]) FROM queue_events WHERE callid IN (FROM erased_calls)
)
SELECT DISTINCT trim(v) AS variant FROM written
WHERE v IS NOT NULL AND length(digits_of(v)) >= 7 AND number_key_of(v) = $key;
