-- Keeps the CDR values that sql/stage-reject-numbers.sql rejected as missing.
UPDATE stage_cdr_named SET duration = NULL WHERE line_no IN (SELECT line_no FROM stage_rejected WHERE slot = 'duration');
UPDATE stage_cdr_named SET billsec = NULL WHERE line_no IN (SELECT line_no FROM stage_rejected WHERE slot = 'billsec');
UPDATE stage_cdr_named SET sequence = NULL WHERE line_no IN (SELECT line_no FROM stage_rejected WHERE slot = 'sequence');
DROP TABLE stage_numbers;
