-- PBXware's queue_log table (c1..c14 = uid,date_time,callid,queue_name,type,event,param1,param2,
-- param3,entpos,expos,htime,ttime,time) to stage_rows with Asterisk's data positions per event.
-- date_time is the UTC epoch; `time` is the local wall clock and sometimes a second off: not used.
-- htime is the wait (hold) in seconds, except for RINGNOANSWER where it is the ring time in ms.
CREATE OR REPLACE TEMP TABLE stage_rows AS
SELECT line_no,
       concat_ws(',', c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14) AS raw,
       CASE WHEN c6 IS NULL THEN 4 ELSE 5 END AS nf,
       trim(c2) AS time_text, c3 AS callid, c4 AS queue, c5 AS agent, upper(trim(c6)) AS event,
       CASE upper(trim(c6))
         WHEN 'ENTERQUEUE' THEN ''                     -- url
         WHEN 'CONNECT' THEN c12                       -- holdtime
         WHEN 'COMPLETECALLER' THEN c12 WHEN 'COMPLETEAGENT' THEN c12
         WHEN 'ABANDON' THEN c11 WHEN 'EXITWITHTIMEOUT' THEN c11 WHEN 'EXITEMPTY' THEN c11   -- position
         WHEN 'EXITWITHKEY' THEN c8                    -- key
         WHEN 'TRANSFER' THEN c8 WHEN 'BLINDTRANSFER' THEN c8 WHEN 'ATTENDEDTRANSFER' THEN c8
         WHEN 'RINGNOANSWER' THEN c12                  -- ring ms
         ELSE c7 END AS data1,
       CASE upper(trim(c6))
         WHEN 'ENTERQUEUE' THEN c7                     -- caller id
         WHEN 'CONNECT' THEN c8                        -- bridged channel uniqueid
         WHEN 'COMPLETECALLER' THEN c13 WHEN 'COMPLETEAGENT' THEN c13      -- calltime
         WHEN 'ABANDON' THEN c10 WHEN 'EXITWITHTIMEOUT' THEN c10 WHEN 'EXITEMPTY' THEN c10   -- original position
         WHEN 'EXITWITHKEY' THEN c11
         WHEN 'TRANSFER' THEN c9 WHEN 'BLINDTRANSFER' THEN c9 WHEN 'ATTENDEDTRANSFER' THEN c9
         WHEN 'RINGNOANSWER' THEN NULL
         ELSE c8 END AS data2,
       CASE upper(trim(c6))
         WHEN 'ENTERQUEUE' THEN c10                    -- position
         WHEN 'CONNECT' THEN c9                        -- ring time
         WHEN 'COMPLETECALLER' THEN c10 WHEN 'COMPLETEAGENT' THEN c10      -- original position
         WHEN 'ABANDON' THEN c12 WHEN 'EXITWITHTIMEOUT' THEN c12 WHEN 'EXITEMPTY' THEN c12   -- wait time
         WHEN 'EXITWITHKEY' THEN c10
         WHEN 'TRANSFER' THEN c12 WHEN 'BLINDTRANSFER' THEN c12 WHEN 'ATTENDEDTRANSFER' THEN c12   -- holdtime
         WHEN 'RINGNOANSWER' THEN NULL
         ELSE c9 END AS data3,
       CASE upper(trim(c6))
         WHEN 'EXITWITHKEY' THEN c12
         WHEN 'TRANSFER' THEN c13 WHEN 'BLINDTRANSFER' THEN c13 WHEN 'ATTENDEDTRANSFER' THEN c13   -- calltime
       END AS data4,
       CASE upper(trim(c6))
         WHEN 'TRANSFER' THEN c10 WHEN 'BLINDTRANSFER' THEN c10 WHEN 'ATTENDEDTRANSFER' THEN c10
       END AS data5
FROM stage_csv;
