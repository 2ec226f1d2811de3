-- Keeps the mapped values that sql/stage-reject-numbers.sql rejected as missing.
UPDATE stage_mapped SET wait_s = NULL WHERE line_no IN (SELECT line_no FROM stage_rejected WHERE slot = 'wait_s');
UPDATE stage_mapped SET talk_s = NULL WHERE line_no IN (SELECT line_no FROM stage_rejected WHERE slot = 'talk_s');
UPDATE stage_mapped SET wrap_s = NULL WHERE line_no IN (SELECT line_no FROM stage_rejected WHERE slot = 'wrap_s');
UPDATE stage_mapped SET ring_no_answer = NULL WHERE line_no IN (SELECT line_no FROM stage_rejected WHERE slot = 'ring_no_answer');
DROP TABLE stage_numbers;
